// Breadth-first crawl: HTTP first, the browser only where a page needs it. Depths are
// recomputed from the recorded link graph at the end, so concurrency cannot skew them.
import { classifyAddress } from './address.js';
import { NetGuard } from './net-guard.js';
import { type CrawlSummary, type Page, type PageFact, type Snapshot, type Lang } from '../model/types.js';
import { BodyStore } from '../model/store.js';
import { BrowserPool } from './browser.js';
import { FetchError, HttpClient, type HttpResponse } from './http.js';
import type { ResolveMap } from './resolve.js';
import { loadRobots, loadSitemapUrls } from './robots.js';
import { DEFAULT_TRAP_LIMITS, TrapGuard, type TrapLimits } from './traps.js';
import { looksLikeResource, makeScopeFilter, normalizeUrl, urlKey } from './url.js';
import { computeDepths, type Edge } from './depth.js';
import type { Checkpoint, PageRecord } from './checkpoint.js';
import pLimit from 'p-limit';
import { Frontier, type Entry } from './frontier.js';
import { PoliteFetch } from './polite-fetch.js';
import { PageReader } from './page-reader.js';

export interface CrawlOptions {
  startUrl: string;
  asOf: string;
  maxPages: number;
  maxDepth: number;
  concurrency: number;
  include?: string[];
  exclude?: string[];
  render: 'auto' | 'always' | 'never';
  respectRobots: boolean;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Minimum gap between requests; default 200 ms, or 0 when the site is on loopback (tests, local mirrors). */
  delayMs?: number;
  /** Headers (auth, cookie) for the audited site only. */
  siteHeaders?: Record<string, string>;
  userAgent: string;
  resolve: ResolveMap;
  resolveOnly: boolean;
  /** Allow loopback, private, link-local and metadata addresses other than the start URL's. */
  allowPrivate?: boolean;
  /** Extra trusted CA certificates (PEM) for the certificate check. */
  ca?: string;
  browserPath?: string;
  bodyDir: string;
  trapLimits?: TrapLimits;
  /** Page facts to gather beyond links, title, language and meta; default all. */
  facts?: ReadonlySet<PageFact>;
  /** Rules ask for pages to be rendered: return a reason to render, or null. */
  renderWhen?: ((page: Page) => string | null)[];
  onProgress?: (p: { done: number; queued: number; errors: number; url: string }) => void;
  /** Each page as it is finished (the start page first), with the crawl's browser: consumers that overlap the crawl (the accessibility pass). */
  onPage?: (page: Page, ctx: { browser: BrowserPool; http: HttpClient; siteIntervalMs: () => number; readBody: () => Promise<string | null> }) => void;
  /** Stop early (SIGINT): finish pages in flight, then return what was covered. */
  signal?: AbortSignal;
  /** Finished pages are recorded here; pages it already holds (--resume) are replayed, not fetched. */
  checkpoint?: Checkpoint;
}

export interface CrawlResult {
  snapshot: Snapshot;
  /** The start page could not be fetched at all (network error or time-out). */
  unreachable: boolean;
  http: HttpClient;
  browser: BrowserPool;
  /** The gap the crawl kept between requests to the audited site (--delay, robots.txt, 429 backoff): probes keep it too. */
  siteIntervalMs(): number;
  close(): Promise<void>;
}

const MAX_REDIRECTS = 10;
const DEFAULT_DELAY_MS = 200;

/** The start host with and without `www.`: the site that custom headers may go to. */
function siteHosts(startUrl: string): string[] {
  const h = new URL(startUrl).host.toLowerCase();
  return [h, h.startsWith('www.') ? h.slice(4) : `www.${h}`];
}

function isLoopbackTarget(startUrl: string, resolve: ResolveMap): boolean {
  const host = new URL(startUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const ip = resolve.get(host)?.ip ?? host;
  return host === 'localhost' || classifyAddress(ip) === 'loopback';
}
/** Links a person can follow to another page; embedded resources are not clicks. */
const NAVIGABLE = new Set(['a', 'area', 'meta-refresh', 'iframe', 'frame']);
/** A framed page is shown inside its parent: no click to reach it. */
const FRAMES = new Set(['iframe', 'frame']);
const WIDGET_FRAME = /visit|count|click|hits|stat|share|weather|tianqi|login|player/i;

export async function crawl(opts: CrawlOptions): Promise<CrawlResult> {
  const startedAt = new Date();
  const guard = new NetGuard({ startUrl: opts.startUrl, resolve: opts.resolve, allowPrivate: opts.allowPrivate ?? false });
  const http = new HttpClient({
    guard,
    resolve: opts.resolve,
    resolveOnly: opts.resolveOnly,
    timeoutMs: opts.timeoutMs,
    maxBodyBytes: opts.maxBodyBytes,
    userAgent: opts.userAgent,
    ca: opts.ca,
    siteHeaders: { hosts: siteHosts(opts.startUrl), headers: opts.siteHeaders ?? {} },
  });
  const browser = new BrowserPool({
    guard,
    siteHeaders: { hosts: siteHosts(opts.startUrl), headers: opts.siteHeaders ?? {} },
    executablePath: opts.browserPath,
    resolve: opts.resolve,
    resolveOnly: opts.resolveOnly,
    timeoutMs: opts.timeoutMs,
    userAgent: opts.userAgent,
    contexts: Math.max(1, Math.min(2, opts.concurrency)),
  });
  const store = new BodyStore(opts.bodyDir);
  const intern = makeInterner();
  const reader = new PageReader({ asOf: opts.asOf, facts: opts.facts, render: opts.render, renderWhen: opts.renderWhen, maxBodyBytes: opts.maxBodyBytes }, browser, store, intern);
  const traps = new TrapGuard(opts.trapLimits ?? DEFAULT_TRAP_LIMITS, opts.asOf);
  const inScopeFilter = makeScopeFilter({ include: opts.include, exclude: opts.exclude });

  const start = normalizeUrl(opts.startUrl);
  if (!start) throw new Error(`not an http(s) URL: ${opts.startUrl}`);
  const frontier = new Frontier(start, { maxPages: opts.maxPages, maxDepth: opts.maxDepth, respectRobots: opts.respectRobots, inScopeFilter, traps });
  const { entries, limits } = frontier;
  const offer = frontier.offer.bind(frontier);
  const inScope = frontier.inScope.bind(frontier);
  const finish = frontier.finish.bind(frontier);
  const pages = new Map<string, Page>();
  /** Outgoing navigable links per page key, in document order, for the depth recomputation. */
  const edges = new Map<string, Edge[]>();
  let errors = 0;
  let resumed = 0;
  const site = new PoliteFetch(http, opts.delayMs ?? (isLoopbackTarget(opts.startUrl, opts.resolve) ? 0 : DEFAULT_DELAY_MS), opts.signal);

  /** Bodies first, then the records that point at them. */
  const saveProgress = () => {
    store.flush();
    opts.checkpoint?.flush();
  };

  /** What a fetch did to the crawl besides the page itself, recorded so a resume can replay it. */
  type Trail = { aliases: string[]; redirectOffer?: string };
  const fetchFollowing = async (entry: Entry, trail: Trail): Promise<{ res: HttpResponse | null; page: Page }> => {
    const page = blankPage(entry);
    let url = entry.url;
    // Loops are detected on exact URLs: /a → /a/ is one page by key but a legitimate redirect.
    const seen = new Set([entry.url]);
    const resource = looksLikeResource(url);
    for (let hop = 0; ; hop++) {
      let res: HttpResponse;
      try {
        res = await site.get(url, resource);
      } catch (e) {
        // A failure after a redirect keeps the chain that led there (an https → http downgrade, say).
        if (hop === 0) throw e;
        return { res: null, page: { ...page, finalUrl: url, error: e instanceof FetchError ? e.message : `fetch failed: ${(e as Error).message}` } };
      }
      page.status = res.status;
      page.finalUrl = url;
      page.timings.ttfb = (page.timings.ttfb ?? 0) + res.ttfbMs;
      page.timings.fetch = (page.timings.fetch ?? 0) + res.totalMs;
      const loc = res.headers.location;
      if (res.status < 300 || res.status >= 400 || !loc) return { res, page };
      page.redirects.push({ url, status: res.status });
      const next = normalizeUrl(loc, url);
      if (!next) return { res: null, page: { ...page, error: `redirect to an invalid location: ${loc}` } };
      const nextKey = urlKey(next);
      page.finalUrl = next;
      if (seen.has(next)) return { res: null, page: { ...page, error: `redirect loop: ${[...page.redirects.map((r) => r.url), next].join(' → ')}` } };
      if (hop + 1 >= MAX_REDIRECTS) return { res: null, page: { ...page, error: `too many redirects (${MAX_REDIRECTS})` } };
      // Out of scope, or a page crawled on its own: record where it goes, do not fetch it twice.
      if (entry.depth > 0 && (!inScope(next) || (entries.has(nextKey) && entries.get(nextKey) !== entry))) {
        if (inScope(next)) {
          trail.redirectOffer = next;
          offer(next, entry.depth, entry.url, entry.linkText ?? '');
        }
        return { res: null, page };
      }
      if (entry.depth === 0) frontier.scopeHost = new URL(next).host;
      if (frontier.alias(nextKey, entry)) trail.aliases.push(nextKey);
      seen.add(next);
      url = next;
    }
  };

  const visit = async (entry: Entry): Promise<void> => {
    const recorded = opts.checkpoint?.done.get(entry.key);
    let page: Page;
    if (recorded) {
      page = replay(entry, recorded);
      resumed++;
    } else {
      const trail: Trail = { aliases: [] };
      try {
        const r = await fetchFollowing(entry, trail);
        page = r.page;
        if (r.res && (await reader.read(page, r.res, { parent: entry.parent, judgeNotFound: entry.depth > 0 && !entry.orphan }))) followLinks(entry, page);
      } catch (e) {
        page = blankPage(entry);
        page.error = e instanceof FetchError ? e.message : `fetch failed: ${(e as Error).message}`;
      }
      if (!page.error && page.status !== null && page.status >= 400) page.error = `HTTP ${page.status}`;
      opts.checkpoint?.record({ key: entry.key, page, ...trail, ...(entry.depth === 0 && !entry.orphan ? { scopeHost: frontier.scopeHost } : {}) });
      if (opts.checkpoint?.due()) saveProgress();
    }
    if (page.error) errors++;
    finish(entry);
    pages.set(entry.key, page);
    opts.onProgress?.({ done: pages.size, queued: frontier.queued, errors, url: entry.url });
    opts.onPage?.(page, { browser, http, siteIntervalMs: () => site.intervalMs, readBody: () => store.get(page.bodyFile) });
  };

  const followLinks = (entry: Entry, page: Page) => {
    const out: Edge[] = [];
    for (const l of page.links) {
      if (!NAVIGABLE.has(l.tag) || !inScope(l.url)) continue;
      const framed = FRAMES.has(l.tag);
      // Counters, share buttons and weather widgets in iframes are not pages of the site.
      if (framed && WIDGET_FRAME.test(new URL(l.url).pathname)) continue;
      out.push({ key: intern(urlKey(l.url)), text: l.text, ...(framed ? { framed } : {}) });
      // Framed pages cost no click (computeDepths) but are crawled a level later, under the depth cap.
      if (!entry.orphan) offer(l.url, entry.depth + 1, entry.url, l.text);
    }
    edges.set(entry.key, out);
  };

  /** A page finished before the interruption: redo its effects on the crawl, without the network. */
  const replay = (entry: Entry, rec: PageRecord): Page => {
    for (const k of rec.aliases) frontier.alias(k, entry);
    if (rec.scopeHost) frontier.scopeHost = rec.scopeHost;
    if (rec.redirectOffer) offer(rec.redirectOffer, entry.depth, entry.url, entry.linkText ?? '');
    const page: Page = { ...rec.page, depth: entry.orphan ? null : entry.depth, parent: entry.parent, linkText: entry.linkText };
    // page.html is set exactly when the live visit went on to follow the page's links.
    if (page.html) followLinks(entry, page);
    return page;
  };

  const inflight = new Set<string>();
  const runPool = () =>
    new Promise<void>((resolve) => {
      const pump = () => {
        while (inflight.size < opts.concurrency && !opts.signal?.aborted) {
          const e = frontier.next(inflight);
          if (!e) break;
          inflight.add(e.key);
          visit(e).finally(() => {
            inflight.delete(e.key);
            pump();
          });
        }
        if (inflight.size === 0) resolve();
      };
      pump();
    });

  // Start page first: it fixes the scope (after redirects) and tells whether the site is up.
  const startEntry: Entry = { url: start, key: urlKey(start), depth: 0, parent: null, linkText: null, done: false };
  entries.set(startEntry.key, startEntry);
  inflight.add(startEntry.key);
  await visit(startEntry);
  inflight.delete(startEntry.key);
  const startPage = pages.get(startEntry.key)!;
  const unreachable = startPage.status === null;

  let sitemap = { found: false, urls: [] as string[] };
  if (!unreachable) {
    const origin = new URL(startPage.finalUrl).origin;
    const robots = (frontier.robots = await loadRobots(http, origin));
    if (opts.respectRobots && robots.crawlDelay) site.crawlDelay(robots.crawlDelay);
    sitemap = await loadSitemapUrls(http, origin, robots.sitemaps);
    // Links of the start page were offered before robots were known: re-check them.
    frontier.applyRobots();
    await runPool();
    await crawlSitemapOrphans(sitemap.urls);
  }
  saveProgress();

  async function crawlSitemapOrphans(urls: string[]) {
    const orphans: Entry[] = [];
    for (const u of urls) {
      const url = normalizeUrl(u);
      if (!url || !inScope(url) || orphans.length + entries.size >= opts.maxPages) continue;
      const key = urlKey(url);
      // Linked but held back (too deep, excluded, robots) is not orphaned.
      if (frontier.knownOrHeld(key)) continue;
      if (!inScopeFilter(url) || (opts.respectRobots && !frontier.robots.isAllowed(url))) continue;
      const e: Entry = { url, key, depth: 0, parent: null, linkText: null, done: false, orphan: true };
      entries.set(e.key, e);
      orphans.push(e);
    }
    const limit = pLimit(opts.concurrency);
    await Promise.all(orphans.map((e) => limit(() => (opts.signal?.aborted ? undefined : visit(e)))));
  }

  const depthInfo = computeDepths(startEntry.key, edges, (k) => frontier.aliases.get(k) ?? k);
  const list: Page[] = [];
  for (const [key, page] of pages) {
    const d = depthInfo.get(key);
    if (d && !page.orphan) Object.assign(page, { depth: d.depth, parent: d.parent ? (pages.get(d.parent)?.url ?? null) : null, linkText: d.text });
    list.push(page);
  }
  list.sort((a, b) => (a.depth ?? Infinity) - (b.depth ?? Infinity));

  const finishedAt = new Date();
  const crawlSummary: CrawlSummary = {
    startUrl: opts.startUrl,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    pagesFetched: list.length,
    pagesRendered: list.filter((p) => p.rendered).length,
    errors,
    limits,
    traps: traps.reports(),
    robots: { found: frontier.robots.found, honoured: opts.respectRobots, ...(frontier.robots.crawlDelay ? { crawlDelay: frontier.robots.crawlDelay } : {}) },
    sitemap: { found: sitemap.found, urls: sitemap.urls.length },
    partial: !!opts.signal?.aborted,
    ...(opts.checkpoint ? { resumedPages: resumed } : {}),
    // Live: probes and the accessibility pass after the crawl add their refusals too.
    refused: guard.refusals,
  };
  const byUrl = new Map(list.map((p) => [p.url, p]));
  const lang: Lang = /^en/i.test(startPage.lang ?? '') ? 'en' : 'zh';
  const snapshot: Snapshot = {
    startUrl: start,
    origin: unreachable ? new URL(start).origin : new URL(startPage.finalUrl).origin,
    asOf: opts.asOf,
    lang,
    pages: list,
    crawl: crawlSummary,
    heldBack: frontier.heldBack(),
    readBody: async (url) => store.get(byUrl.get(url)?.bodyFile),
  };
  return {
    snapshot,
    unreachable,
    http,
    browser,
    siteIntervalMs: () => site.intervalMs,
    close: async () => {
      store.close();
      await browser.close();
      await http.close();
    },
  };
}

function blankPage(e: Entry): Page {
  return {
    url: e.url,
    finalUrl: e.url,
    status: null,
    depth: e.orphan ? null : e.depth,
    parent: e.parent,
    linkText: e.linkText,
    ...(e.orphan ? { orphan: true } : {}),
    title: null,
    lang: null,
    contentType: null,
    charset: null,
    meta: {},
    links: [],
    forms: [],
    menus: [],
    pseudoLinks: [],
    textLength: 0,
    contentLength: 0,
    published: null,
    publishedSource: null,
    items: [],
    pagination: [],
    placeholder: null,
    breadcrumb: null,
    h1: null,
    futureDates: [],
    redirects: [],
    rendered: false,
    timings: {},
    bytes: 0,
    html: false,
    error: null,
  };
}

/** Equal strings parsed from different pages share one copy. */
function makeInterner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const had = seen.get(s);
    if (had !== undefined) return had;
    seen.set(s, s);
    return s;
  };
}
