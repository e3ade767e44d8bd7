// One availability probe, the way the inspection counts them (domain.md §1, 站点无法访问):
// the home page must open within 15 s. Plain HTTP (redirects followed, the whole body read), so a
// probe costs the site one page view and needs no browser; the certificate's days left come
// from a TLS handshake of their own, beside the fetch and outside its time.
import { decodeHtml } from '../crawl/charset.js';
import { FetchError, type HttpClient } from '../crawl/http.js';
import type { ProbeReason, ProbeRecord } from '../history/store.js';
import { siteKey } from '../history/store.js';

export const PROBE_LIMIT_MS = 15_000;
const MAX_REDIRECTS = 5;
// A 200 answer that is no home page: a maintenance notice or an error page served with 200.
const SOFT_ERROR = /网站(?:正在|系统)?维护|系统(?:正在)?维护|(?:升级|停机)维护|维护中|暂停(?:访问|服务)|正在升级|页面不存在|找不到(?:该)?页面|访问出错|under maintenance|temporarily unavailable|service unavailable|page not found/i;
/** A real home page has more to it than a notice: past this much text, a notice line is content. */
const SOFT_ERROR_MAX_TEXT = 600;

export interface ProbeOptions {
  limitMs?: number;
  /** A home page (judged for the veto) or a key page (recorded only). */
  home?: boolean;
  simulated?: boolean;
}

export async function probeOnce(http: HttpClient, url: string, at: Date, o: ProbeOptions = {}): Promise<ProbeRecord> {
  const limitMs = o.limitMs ?? PROBE_LIMIT_MS;
  const cert = url.startsWith('https:') ? http.tlsInfo(url).then((t) => t.daysLeft, () => null) : Promise.resolve(null);
  const r = await fetchWithin(http, url, limitMs).catch((e: Error) => ({ ok: false as const, status: null, ttfbMs: null, loadMs: null, reason: 'error' as const, detail: e.message.slice(0, 300) }));
  return { site: siteKey(url), url, at: at.toISOString(), ...r, certDays: await cert, home: o.home ?? true, limitMs, simulated: !!o.simulated };
}

type Outcome = Pick<ProbeRecord, 'ok' | 'status' | 'ttfbMs' | 'loadMs' | 'reason' | 'detail'>;

async function fetchWithin(http: HttpClient, url: string, limitMs: number): Promise<Outcome> {
  const started = performance.now();
  let ttfbMs: number | null = null;
  const fail = (reason: ProbeReason, detail: string, status: number | null = null, loadMs: number | null = null): Outcome => ({ ok: false, status, ttfbMs, loadMs, reason, detail });
  let at = url;
  const seen = new Set<string>();
  for (let hop = 0; ; hop++) {
    if (seen.has(at) || hop > MAX_REDIRECTS) return fail('redirect-loop', `more than ${MAX_REDIRECTS} redirects or a loop at ${at}`);
    seen.add(at);
    const hopStart = performance.now() - started;
    const left = limitMs - hopStart;
    if (left <= 0) return fail('timeout', `not open after ${limitMs} ms`);
    let res;
    try {
      res = await withDeadline(http.fetch(at), left, limitMs);
    } catch (e) {
      return fail(reasonOf(e), (e as Error).message.split('\n')[0].slice(0, 300));
    }
    ttfbMs = Math.round(hopStart + res.ttfbMs);
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      try {
        at = new URL(location, at).toString();
      } catch {
        return fail('bad-redirect', `HTTP ${res.status} to an invalid Location: ${location.slice(0, 200)}`, res.status);
      }
      continue;
    }
    const loadMs = Math.round(performance.now() - started);
    if (res.status >= 500) return fail('http-5xx', `HTTP ${res.status}`, res.status, loadMs);
    // The site turned the monitor away (a WAF, a rate limit): its visitors may well get in.
    if (res.status === 403 || res.status === 429) return fail('blocked', `HTTP ${res.status}: the monitor was refused`, res.status, loadMs);
    if (res.status >= 400) return fail('http-4xx', `HTTP ${res.status}`, res.status, loadMs);
    const text = visibleText(decodeHtml(res.body, res.headers['content-type']).text);
    const soft = SOFT_ERROR.exec(text);
    if (soft && text.length <= SOFT_ERROR_MAX_TEXT) return fail('soft-error', `HTTP ${res.status} but the page says “${soft[0]}”`, res.status, loadMs);
    return { ok: true, status: res.status, ttfbMs, loadMs, reason: null, detail: null };
  }
}

function withDeadline<T>(p: Promise<T>, ms: number, limitMs: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new FetchError(`not open after ${limitMs} ms`, 'ETIMEDOUT')), ms)))]).finally(() => clearTimeout(timer));
}

export function reasonOf(e: unknown): ProbeReason {
  const code = (e as FetchError).code ?? '';
  const msg = (e as Error).message ?? '';
  if (code === 'ETIMEDOUT' || /timeout/i.test(code)) return 'timeout';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /^DNS:/.test(msg)) return 'dns';
  if (code === 'ERESOLVEONLY' || code === 'EREFUSEDADDR') return 'refused';
  if (/TLS|SSL|EPROTO|CERT/i.test(`${code} ${msg}`)) return 'tls';
  return 'connect';
}

function visibleText(html: string): string {
  return html.replace(/<(script|style|noscript)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
}
