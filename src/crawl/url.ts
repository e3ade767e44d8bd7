// URL normalisation and crawl scope.
import picomatch from 'picomatch';

/** Default documents that servers return for a directory; `/a/index.html` and `/a/` are one page. */
const INDEX_DOCS = /\/(index|default)\.(html?|shtml|jsp|aspx?|php)$/i;
const TRACKING_PARAMS = /^(utm_[a-z]+|spm|from|fbclid|gclid)$/i;

/**
 * The URL the crawler fetches: absolute http(s), lowercase scheme and host, default port and
 * fragment dropped, duplicate slashes collapsed, query sorted and stripped of tracking
 * parameters. Index documents are kept as written: some servers do not serve the directory.
 */
export function normalizeUrl(input: string, base?: string): string | null {
  let u: URL;
  try {
    u = new URL(input.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  // Each setter re-serialises the URL: only touch what needs changing.
  if (u.href.includes('#')) u.hash = '';
  if (u.username) u.username = '';
  if (u.password) u.password = '';
  if (u.pathname.includes('//')) u.pathname = u.pathname.replace(/\/{2,}/g, '/');
  if (u.search) {
    const params = [...u.searchParams.entries()].filter(([k]) => !TRACKING_PARAMS.test(k));
    params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    u.search = params.length ? new URLSearchParams(params).toString() : '';
  }
  return u.toString();
}

/**
 * De-duplication key: `/a/`, `/a` and `/a/index.html` are one page. Scheme is kept
 * (http and https versions can differ), `www.` is not folded (it may be another server).
 */
export function urlKey(normalized: string): string {
  const u = new URL(normalized);
  let path = u.pathname.replace(INDEX_DOCS, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return `${u.protocol}//${u.host}${path}${u.search}`;
}

/** Parameters that page through a list: never part of what identifies it. */
export const PAGE_PARAM = /^(page|p|pn|pg|pageno|pagenum|pageindex|page_no|curpage|currentpage|start|offset|startrecord|endrecord|perpage|pagesize|totalresult)$/i;

/** Host without `www.` — `example.gov.cn` and `www.example.gov.cn` are one site. */
export function siteKey(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

const GOV = /\.gov\.cn$/i;
/** example.gov.cn for hdjl.example.gov.cn; example.com for www.example.com. */
const registrable = (host: string) => host.toLowerCase().split('.').slice(/\.(gov|edu|com|org|net|ac)\.cn$/i.test(host) ? -3 : -2).join('.');

/** A sibling subdomain of the portal's domain (hdjl.example.gov.cn for www.example.gov.cn). */
export const siblingHost = (host: string, portalHost: string) => siteKey(host) !== siteKey(portalHost) && registrable(host) === registrable(portalHost);

/** Another host of the same government: a sibling subdomain, or (for a .gov.cn portal) another .gov.cn host such as a provincial 12345 platform. */
export function relatedHost(host: string, portalHost: string): boolean {
  if (siteKey(host) === siteKey(portalHost)) return false;
  return siblingHost(host, portalHost) || (GOV.test(host) && GOV.test(portalHost));
}

export function sameSite(url: string, startHost: string): boolean {
  try {
    return siteKey(new URL(url).host) === siteKey(startHost);
  } catch {
    return false;
  }
}

const NON_HTML_EXT =
  /\.(pdf|docx?|xlsx?|pptx?|wps|et|ofd|zip|rar|7z|gz|tar|jpe?g|png|gif|bmp|webp|svg|ico|mp3|mp4|avi|wmv|flv|mov|css|js|json|xml|txt|csv|apk|exe|swf)$/i;

/** Guess from the URL alone whether a link is a document or resource rather than a page. */
export function looksLikeResource(url: string): boolean {
  try {
    return NON_HTML_EXT.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

export interface ScopeOptions {
  include?: string[];
  exclude?: string[];
}

/** Include/exclude globs match the URL path plus query (`/zwgk/**`, `**\/calendar*`). */
export function makeScopeFilter(opts: ScopeOptions): (url: string) => boolean {
  const inc = opts.include?.length ? picomatch(opts.include, { dot: true }) : null;
  const exc = opts.exclude?.length ? picomatch(opts.exclude, { dot: true }) : null;
  return (url: string) => {
    const u = new URL(url);
    const subject = u.pathname + u.search;
    const candidates = [subject, u.pathname];
    if (inc && !candidates.some((s) => inc(s))) return false;
    if (exc && candidates.some((s) => exc(s))) return false;
    return true;
  };
}
