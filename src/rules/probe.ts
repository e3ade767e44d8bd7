// The probe rules act through: the crawl's own HTTP client and browser, so --resolve,
// resolve-only and the time limits hold for probes too.
import type { CrawlResult } from '../crawl/crawler.js';
import { decodeHtml } from '../crawl/charset.js';
import { LinkChecker } from '../crawl/link-check.js';
import type { Probe } from './types.js';

export function makeProbe(crawl: Pick<CrawlResult, 'http' | 'browser'>, timeoutMs: number): Probe {
  const links = new LinkChecker(crawl.http);
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
