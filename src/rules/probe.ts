// The probe rules act through: the crawl's own HTTP client and browser, so --resolve,
// resolve-only and the time limits hold for probes too.
import type { CrawlResult } from '../crawl/crawler.js';
import { decodeHtml } from '../crawl/charset.js';
import { DEFAULT_LINK_CHECK, LinkChecker } from '../crawl/link-check.js';
import type { Probe } from './types.js';

/** The link checker probes use: the audited site's hosts get the crawl's pace (none on loopback, robots.txt's Crawl-delay …); others a gentle default. */
export function siteLinkChecker(http: CrawlResult['http'], siteHosts: Set<string>, siteIntervalMs?: () => number): LinkChecker {
  const fallback = DEFAULT_LINK_CHECK.hostDelayMs as number;
  return new LinkChecker(http, { ...DEFAULT_LINK_CHECK, hostDelayMs: (host) => (siteHosts.has(host) && siteIntervalMs ? siteIntervalMs() : fallback) });
}

/** `links`: the checker rules' prefetch already used during the crawl (its answers are kept). */
export function makeProbe(crawl: Pick<CrawlResult, 'http' | 'browser' | 'snapshot'> & Partial<Pick<CrawlResult, 'siteIntervalMs'>>, timeoutMs: number, links?: LinkChecker): Probe {
  const siteHosts = new Set([crawl.snapshot.startUrl, ...crawl.snapshot.pages.filter((p) => p.depth === 0).map((p) => p.finalUrl)].map((u) => new URL(u).host));
  links ??= siteLinkChecker(crawl.http, siteHosts, crawl.siteIntervalMs);
  return {
    checkLink: (url) => links.check(url),
    tls: (url) => crawl.http.tlsInfo(url),
    download: async (url) => {
      const r = await crawl.http.fetchWithRetry(url);
      return { url, status: r.status, headers: r.headers, body: r.body, truncated: r.truncated };
    },
    fetch: async (url) => {
      const r = await crawl.http.fetchWithRetry(url);
      return { url, status: r.status, headers: r.headers, text: decodeHtml(r.body, r.headers['content-type']).text };
    },
    withPage: (url, fn, opts = {}) =>
      crawl.browser.withPage(async (page) => {
        await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
        await page.waitForLoadState('networkidle', { timeout: Math.min(timeoutMs, 5000) }).catch(() => {});
        return fn(page);
      }, opts.budgetMs),
  };
}
