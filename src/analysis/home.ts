// The home page as a visitor sees it: the start page plus the pages framed in it (a frameset's
// top and main frames, iframes) — the crawl gives those the home page's click depth, 0.
import type { Page, Snapshot } from '../model/types.js';

const cache = new WeakMap<Snapshot, Page[]>();

/** The government's own name (XX县, XX市), from SiteName or the home page title; null when unknown. */
export function governmentName(snapshot: Snapshot): string | null {
  const home = snapshot.pages.find((p) => p.depth === 0);
  // 杭州市人民政府门户网站 → 杭州市: the suffixes come in any combination.
  let name = (home?.meta.SiteName ?? home?.title ?? '').split(/[_|｜\s-]/)[0];
  for (let prev = ''; prev !== name; ) [prev, name] = [name, name.replace(/(人民政府|政府|门户网站|门户|网站|办公室)$/, '')];
  return /^[\u4e00-\u9fff]{2,}$/.test(name) ? name : null;
}

/** Start page first, then its framed pages, HTML pages only. */
export function homePages(snapshot: Snapshot): Page[] {
  let pages = cache.get(snapshot);
  if (!pages) cache.set(snapshot, (pages = snapshot.pages.filter((p) => p.depth === 0 && !p.orphan && p.html)));
  return pages;
}
