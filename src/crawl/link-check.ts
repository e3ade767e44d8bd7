// Status checks for link targets the crawl did not fetch as pages (external links, images,
// scripts): HEAD first, GET when a server mishandles HEAD, redirects followed and recorded,
// Retry-After honoured, bot blocks told apart from broken links. Polite per host.
import type { RedirectHop } from '../model/types.js';
import { HostGate } from './host-gate.js';
import { FetchError, type HttpClient, type HttpResponse } from './http.js';
import { normalizeUrl, urlKey } from './url.js';

export type LinkVerdict = 'ok' | 'broken' | 'unverifiable' | 'redirect-loop' | 'skipped';

export interface LinkStatus {
  url: string;
  finalUrl: string;
  /** Status of the last response; null when no response came (network error, time-out). */
  status: number | null;
  redirects: RedirectHop[];
  verdict: LinkVerdict;
  /** Why it is not `ok`: `HTTP 404`, `timeout after 20000 ms`, `bot block (HTTP 999)` … */
  reason: string | null;
  method: 'HEAD' | 'GET';
  ms: number;
}

export interface LinkCheckOptions {
  /** Requests in flight per host. */
  perHost: number;
  /** Minimum gap between two requests to one host, ms. */
  hostDelayMs: number | ((host: string) => number);
  /** Longest Retry-After we wait for; longer asks make the link unverifiable. */
  maxRetryAfterMs: number;
  /** Retries after a 429/503. */
  retries: number;
  maxRedirects: number;
}

export const DEFAULT_LINK_CHECK: LinkCheckOptions = { perHost: 2, hostDelayMs: 100, maxRetryAfterMs: 10_000, retries: 2, maxRedirects: 10 };

// CDN / WAF fingerprints: a 403 from them is a bot block, not a missing page.
const WAF_SERVER = /cloudflare|akamai|incapsula|imperva|sucuri|ddos-guard|yundun|safeline|jiasule|yunjiasu|wangzhan|360wzws|waf|cdn/i;
const WAF_HEADERS = ['cf-ray', 'cf-mitigated', 'x-iinfo', 'x-sucuri-id', 'x-amz-cf-id', 'x-datadome', 'x-waf-event', 'x-cdn', 'x-powered-by-360wzb'];
const CHALLENGE = /captcha|challenge|just a moment|are you a robot|bot detection|人机验证|安全验证|访问被拦截|已被拦截|拦截|防火墙|web application firewall|\bwaf\b/i;

export class LinkChecker {
  private cache = new Map<string, Promise<LinkStatus>>();
  private gate: HostGate;

  constructor(
    private readonly http: HttpClient,
    private readonly opts: LinkCheckOptions = DEFAULT_LINK_CHECK,
  ) {
    this.gate = new HostGate(opts.perHost, opts.hostDelayMs);
  }

  /** One check per URL however often it is asked for. */
  check(url: string): Promise<LinkStatus> {
    const key = urlKey(url);
    let p = this.cache.get(key);
    if (!p) this.cache.set(key, (p = this.follow(url)));
    return p;
  }

  private async follow(start: string): Promise<LinkStatus> {
    const started = performance.now();
    const redirects: RedirectHop[] = [];
    // Exact URLs, not keys: /a → /a/ is a normal redirect, not a loop.
    const seen = new Set<string>([normalizeUrl(start) ?? start]);
    let url = start;
    const done = (o: Pick<LinkStatus, 'status' | 'verdict' | 'reason' | 'method'>): LinkStatus => ({ url: start, finalUrl: url, redirects, ms: Math.round(performance.now() - started), ...o });
    for (;;) {
      let r: { res: HttpResponse; method: 'HEAD' | 'GET' };
      try {
        r = await this.request(url);
      } catch (e) {
        const err = e instanceof FetchError ? e : new FetchError((e as Error).message, 'ENETWORK');
        if (err.code === 'ERESOLVEONLY' || err.code === 'EREFUSEDADDR') return done({ status: null, verdict: 'skipped', reason: err.message, method: 'HEAD' });
        return done({ status: null, verdict: 'broken', reason: describeError(err), method: err.code === 'ETIMEDOUT' ? 'HEAD' : 'GET' });
      }
      const { res, method } = r;
      const loc = res.headers.location;
      if (res.status >= 300 && res.status < 400 && loc) {
        redirects.push({ url, status: res.status });
        const next = normalizeUrl(loc, url);
        if (!next) return done({ status: res.status, verdict: 'broken', reason: `redirect to an invalid location: ${loc}`, method });
        if (seen.has(next)) {
          url = next;
          return done({ status: res.status, verdict: 'redirect-loop', reason: `redirect loop: ${[...redirects.map((h) => h.url), next].join(' → ')}`, method });
        }
        if (redirects.length >= this.opts.maxRedirects) return done({ status: res.status, verdict: 'broken', reason: `too many redirects (${this.opts.maxRedirects})`, method });
        seen.add(next);
        url = next;
        continue;
      }
      return done({ status: res.status, method, ...classify(res) });
    }
  }

  /** HEAD, then GET where HEAD is refused or unreliable; waits out Retry-After on 429/503. */
  private async request(url: string): Promise<{ res: HttpResponse; method: 'HEAD' | 'GET' }> {
    const host = new URL(url).host;
    for (let attempt = 0; ; attempt++) {
      let method: 'HEAD' | 'GET' = 'HEAD';
      let res: HttpResponse | null = null;
      try {
        res = await this.gate.run(host, () => this.http.fetchWithRetry(url, { method: 'HEAD' }));
      } catch (e) {
        // Only a dropped connection may be HEAD-specific; refusals, DNS and time-outs say all there is.
        if (!(e instanceof FetchError) || !HEAD_QUIRKS.has(e.code)) throw e;
      }
      // Many servers answer HEAD with 404/405/500 while GET works: only a GET can condemn a link.
      if (!res || (res.status >= 400 && res.status !== 429 && res.status !== 999)) {
        method = 'GET';
        res = await this.gate.run(host, () => this.http.fetchWithRetry(url, { bodyless: true }));
        // A 403 may be a firewall's challenge page: read it to tell.
        if (res.status === 403) res = await this.gate.run(host, () => this.http.fetchWithRetry(url));
      }
      if ((res.status === 429 || res.status === 503) && attempt < this.opts.retries) {
        const wait = retryAfterMs(res.headers['retry-after']) ?? 1000 * 2 ** attempt;
        if (wait <= this.opts.maxRetryAfterMs) {
          this.gate.pause(host, wait);
          continue;
        }
      }
      return { res, method };
    }
  }
}

const HEAD_QUIRKS = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_INFO', 'HPE_INVALID_CONSTANT']);

function classify(res: HttpResponse): Pick<LinkStatus, 'verdict' | 'reason'> {
  const s = res.status;
  if (s < 400) return { verdict: 'ok', reason: null };
  if (s === 999) return { verdict: 'unverifiable', reason: 'bot block (HTTP 999)' };
  if (s === 429) return { verdict: 'unverifiable', reason: `rate limited (HTTP 429${res.headers['retry-after'] ? `, Retry-After ${res.headers['retry-after']}` : ''})` };
  if (s === 401) return { verdict: 'unverifiable', reason: 'login required (HTTP 401)' };
  // Still unavailable after waiting, or asked to wait longer than we do: not known to be broken.
  if (s === 503 && res.headers['retry-after']) return { verdict: 'unverifiable', reason: `temporarily unavailable (HTTP 503, Retry-After ${res.headers['retry-after']})` };
  if (s === 403) {
    const server = res.headers.server ?? '';
    const marker = WAF_HEADERS.find((h) => res.headers[h] !== undefined) ?? (WAF_SERVER.test(server) ? `server: ${server}` : null);
    const body = res.body.subarray(0, 20_000).toString('utf8');
    const challenge = CHALLENGE.exec(body)?.[0];
    if (marker || challenge) return { verdict: 'unverifiable', reason: `bot block (HTTP 403, ${marker ?? `page says "${challenge}"`})` };
  }
  return { verdict: 'broken', reason: `HTTP ${s}` };
}

function describeError(e: FetchError): string {
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return `DNS: host not found (${e.code})`;
  if (e.code === 'ECONNREFUSED') return 'connection refused';
  return e.message;
}

/** Retry-After as delta-seconds or an HTTP date, in ms from now. */
export function retryAfterMs(v: string | undefined): number | null {
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - Date.now());
}
