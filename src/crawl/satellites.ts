// Letter systems (县长信箱, 12345) and service halls (政务服务网) often live on another host of the
// same government, linked from the portal. A rule that reads them names the links it wants
// followed (Rule.offsite); each such host is crawled on its own, from the linked page, with the
// audit's politeness and time limits, a page cap and a depth cap — never the rest of the web.
import { join } from 'node:path';
import type { Link, Satellite, Snapshot } from '../model/types.js';
import { crawl, type CrawlOptions, type CrawlResult } from './crawler.js';
import { relatedHost, sameSite, siblingHost, siteKey } from './url.js';

export interface SatelliteLimits {
  /** Pages fetched at most on each followed host. */
  maxPagesPerHost: number;
  /** Clicks from the linked page. */
  maxDepth: number;
  /** Hosts followed at most for each rule that reads related hosts. */
  maxHosts: number;
}
export const DEFAULT_SATELLITE_LIMITS: SatelliteLimits = { maxPagesPerHost: 60, maxDepth: 3, maxHosts: 5 };


type Entry = { url: string; from: string; text: string };

/** The first link each rule wants to each related host, with the page that carries it. */
function entriesOf(snapshot: Snapshot, wanted: (l: Link) => boolean): Map<string, Entry> {
  const portalHost = new URL(snapshot.origin).host;
  const byHost = new Map<string, Entry>();
  for (const p of snapshot.pages) {
    if (!p.html || p.error) continue;
    for (const l of p.links) {
      if (l.tag !== 'a' || sameSite(l.url, portalHost) || !wanted(l)) continue;
      const host = new URL(l.url).host;
      if (byHost.has(siteKey(host)) || !relatedHost(host, portalHost)) continue;
      byHost.set(siteKey(host), { url: l.url, from: p.url, text: l.text });
    }
  }
  return byHost;
}

/**
 * The hosts to follow: for each rule, its first `maxHosts` hosts, the government's own (sibling)
 * hosts before other .gov.cn ones — so one rule's links (every province's service hall in a
 * footer) never use up another's (the county's letter system).
 */
export function satelliteEntries(snapshot: Snapshot, wants: ((l: Link) => boolean)[], limits: SatelliteLimits): Entry[] {
  const portalHost = new URL(snapshot.origin).host;
  const chosen = new Map<string, Entry>();
  for (const wanted of wants) {
    const mine = [...entriesOf(snapshot, wanted)].sort(([a], [b]) => Number(!siblingHost(a, portalHost)) - Number(!siblingHost(b, portalHost)));
    for (const [key, e] of mine.slice(0, limits.maxHosts)) if (!chosen.has(key)) chosen.set(key, e);
  }
  return [...chosen.values()];
}

/** Crawl each entry's host; the results stay open (their bodies are read later) until `close`. */
export async function crawlSatellites(
  snapshot: Snapshot,
  opts: CrawlOptions,
  wants: ((l: Link) => boolean)[],
  limits: SatelliteLimits = DEFAULT_SATELLITE_LIMITS,
): Promise<{ satellites: Satellite[]; close(): Promise<void> }> {
  const results: CrawlResult[] = [];
  const satellites: Satellite[] = [];
  for (const [i, e] of satelliteEntries(snapshot, wants, limits).entries()) {
    if (opts.signal?.aborted) break;
    const r = await crawl({
      ...opts,
      startUrl: e.url,
      maxPages: limits.maxPagesPerHost,
      maxDepth: limits.maxDepth,
      bodyDir: join(opts.bodyDir, 'satellites', String(i)),
      checkpoint: undefined,
      onProgress: undefined,
    });
    results.push(r);
    // Its bodies are read later; its browser and connections are not needed any more.
    await r.browser.close();
    await r.http.close();
    satellites.push({
      host: new URL(e.url).host,
      entry: e.url,
      linkedFrom: e.from,
      linkText: e.text,
      reachable: !r.unreachable,
      maxPagesReached: r.snapshot.crawl.limits.maxPagesReached,
      pages: r.snapshot.pages,
      readBody: r.snapshot.readBody,
    });
  }
  return { satellites, close: async () => void (await Promise.all(results.map((r) => r.close()))) };
}

/** The satellites a portal link accepted by `wanted` leads to: a host followed for another rule's links is not this rule's. */
export function satellitesLinkedBy(snapshot: Snapshot, wanted: (l: Link) => boolean): Satellite[] {
  const portalHost = new URL(snapshot.origin).host;
  const hosts = new Set<string>();
  for (const p of snapshot.pages)
    for (const l of p.links)
      if (l.tag === 'a' && !sameSite(l.url, portalHost) && wanted(l)) hosts.add(siteKey(new URL(l.url).host));
  return (snapshot.satellites ?? []).filter((s) => hosts.has(siteKey(s.host)));
}
