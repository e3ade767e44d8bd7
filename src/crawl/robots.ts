// robots.txt and sitemap.xml: what the site asks crawlers to skip, and what it says it has.
import { createRequire } from 'node:module';
import type { HttpClient } from './http.js';
import { decodeHtml } from './charset.js';

export interface Robots {
  found: boolean;
  isAllowed(url: string): boolean;
  crawlDelay?: number;
  sitemaps: string[];
}

const UA_TOKEN = 'portal-audit';
// robots-parser is CommonJS whose typings declare an ES default export; require() is exact.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (
  url: string,
  text: string,
) => { isAllowed(u: string, ua?: string): boolean | undefined; getCrawlDelay(ua?: string): number | undefined; getSitemaps(): string[] };

export async function loadRobots(http: HttpClient, origin: string): Promise<Robots> {
  const robotsUrl = new URL('/robots.txt', origin).toString();
  let text = '';
  let found = false;
  try {
    const res = await http.fetchWithRetry(robotsUrl);
    // 4xx means "no rules"; 5xx or network failure is treated the same here: we audit, not index.
    if (res.status >= 200 && res.status < 300) {
      text = decodeHtml(res.body, res.headers['content-type']).text;
      found = true;
    }
  } catch {
    /* unreachable robots.txt: crawl without rules */
  }
  const robot = robotsParser(robotsUrl, text);
  return {
    found,
    isAllowed: (url) => robot.isAllowed(url, UA_TOKEN) !== false,
    crawlDelay: robot.getCrawlDelay(UA_TOKEN),
    sitemaps: robot.getSitemaps(),
  };
}

const MAX_SITEMAP_URLS = 50_000;
const MAX_SITEMAP_FILES = 20;

/** URLs listed in the site's sitemaps (sitemap indexes followed one level, same host only). */
export async function loadSitemapUrls(http: HttpClient, origin: string, declared: string[]): Promise<{ found: boolean; urls: string[] }> {
  const host = new URL(origin).host;
  const queue = declared.length ? [...declared] : [new URL('/sitemap.xml', origin).toString()];
  const urls = new Set<string>();
  let found = false;
  for (let i = 0; i < queue.length && i < MAX_SITEMAP_FILES; i++) {
    const sm = queue[i];
    try {
      if (new URL(sm).host !== host) continue;
      const res = await http.fetchWithRetry(sm);
      if (res.status !== 200) continue;
      const xml = decodeHtml(res.body, res.headers['content-type']).text;
      if (!/<(urlset|sitemapindex)\b/i.test(xml)) continue;
      found = true;
      const isIndex = /<sitemapindex\b/i.test(xml);
      for (const m of xml.matchAll(/<loc>\s*(?:<!\[CDATA\[)?([^<\]]+?)(?:\]\]>)?\s*<\/loc>/gi)) {
        const loc = new URL(m[1].replace(/&amp;/g, '&').trim(), sm).toString();
        if (isIndex) queue.push(loc);
        else if (urls.size < MAX_SITEMAP_URLS) urls.add(loc);
      }
    } catch {
      /* a broken sitemap is not fatal */
    }
  }
  return { found, urls: [...urls] };
}
