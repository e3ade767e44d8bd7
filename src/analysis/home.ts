// The home page as a visitor sees it: the start page plus the pages framed in it (a frameset's
// top and main frames, iframes) — the crawl gives those the home page's click depth, 0.
import type { Page, Snapshot } from '../model/types.js';

const cache = new WeakMap<Snapshot, Page[]>();

/** Start page first, then its framed pages, HTML pages only. */
export function homePages(snapshot: Snapshot): Page[] {
  let pages = cache.get(snapshot);
  if (!pages) cache.set(snapshot, (pages = snapshot.pages.filter((p) => p.depth === 0 && !p.orphan && p.html)));
  return pages;
}
