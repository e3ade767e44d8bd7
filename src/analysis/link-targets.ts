// Every distinct link target of the crawled pages with every page that carries it, and the
// status the crawl already knows for it (pages it fetched), so only the rest is probed.
import type { Page, Region, Snapshot } from '../model/types.js';
import type { LinkStatus } from '../crawl/link-check.js';
import { sameSite, urlKey } from '../crawl/url.js';

export type TargetKind = 'page' | 'attachment' | 'image' | 'script' | 'stylesheet' | 'frame' | 'media';

export interface LinkSource {
  page: string;
  depth: number | null;
  text: string;
  region: Region;
  /** The href as written on that page. */
  href: string;
}

export interface LinkTarget {
  url: string;
  key: string;
  internal: boolean;
  kind: TargetKind;
  sources: LinkSource[];
}

export const ATTACHMENT = /\.(pdf|docx?|xlsx?|pptx?|wps|et|dps|ofd|zip|rar|7z|csv|txt)$/i;
const KIND_BY_TAG: Record<string, TargetKind> = { img: 'image', script: 'script', link: 'stylesheet', iframe: 'frame', frame: 'frame', embed: 'media', source: 'media' };

export function kindOf(tag: string, url: string): TargetKind {
  if (KIND_BY_TAG[tag]) return KIND_BY_TAG[tag];
  return ATTACHMENT.test(new URL(url).pathname) ? 'attachment' : 'page';
}

export function linkTargets(snapshot: Snapshot): LinkTarget[] {
  const host = new URL(snapshot.origin).host;
  const targets = new Map<string, LinkTarget>();
  for (const p of snapshot.pages) {
    if (!p.html) continue;
    const onThisPage = new Set<string>();
    for (const l of p.links) {
      const key = urlKey(l.url);
      // One source per page, however often the page repeats the link.
      if (onThisPage.has(key)) continue;
      onThisPage.add(key);
      let t = targets.get(key);
      if (!t) targets.set(key, (t = { url: l.url, key, internal: sameSite(l.url, host), kind: kindOf(l.tag, l.url), sources: [] }));
      t.sources.push({ page: p.url, depth: p.depth, text: l.text, region: l.region, href: l.href });
    }
  }
  return [...targets.values()];
}

/** What the crawl learnt about a target it fetched, following redirects to pages it also fetched. */
export function crawledStatus(page: Page, byKey: Map<string, Page>, origin: string): LinkStatus | 'follow-external' {
  const redirects = [...page.redirects];
  let p = page;
  for (let i = 0; i < 10 && !p.error && p.redirects.length && p.status !== null && p.status >= 300 && p.status < 400; i++) {
    if (!sameSite(p.finalUrl, new URL(origin).host)) return 'follow-external';
    const next = byKey.get(urlKey(p.finalUrl));
    if (!next || next === p) break;
    p = next;
    redirects.push(...next.redirects);
  }
  const base = { url: page.url, finalUrl: p.finalUrl, status: p.status, redirects, method: 'GET' as const, ms: Math.round(p.timings.fetch ?? 0) };
  if (p.error && /^redirect loop/.test(p.error)) return { ...base, verdict: 'redirect-loop', reason: p.error };
  // A truncated body is a big page, not a broken one.
  if (p.error && !/^body larger/.test(p.error)) return { ...base, verdict: 'broken', reason: p.error };
  if (p.status !== null && p.status >= 400) return { ...base, verdict: 'broken', reason: `HTTP ${p.status}` };
  return { ...base, verdict: 'ok', reason: null };
}
