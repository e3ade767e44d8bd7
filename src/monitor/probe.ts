// One availability probe, the way the inspection counts them (domain.md §1, 站点无法访问):
// the home page must open within 15 s. Plain HTTP (redirects followed, the whole body read), so a
// probe costs the site one page view and needs no browser; the certificate's days left come
// from a TLS handshake of their own.
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

export async function probeOnce(http: HttpClient, url: string, at: Date, limitMs = PROBE_LIMIT_MS): Promise<ProbeRecord> {
  const base = { site: siteKey(url), url, at: at.toISOString(), certDays: null as number | null };
  const started = performance.now();
  let ttfbMs: number | null = null;
  const fail = (reason: ProbeReason, detail: string, status: number | null = null): ProbeRecord => ({ ...base, ok: false, status, ttfbMs, loadMs: null, reason, detail });
  if (url.startsWith('https:')) base.certDays = await http.tlsInfo(url).then((t) => t.daysLeft, () => null);
  let at_ = url;
  const seen = new Set<string>();
  for (let hop = 0; ; hop++) {
    if (seen.has(at_) || hop > MAX_REDIRECTS) return fail('redirect-loop', `more than ${MAX_REDIRECTS} redirects or a loop at ${at_}`);
    seen.add(at_);
    const left = limitMs - (performance.now() - started);
    if (left <= 0) return fail('timeout', `not open after ${limitMs} ms`);
    const hopStart = performance.now() - started;
    let res;
    try {
      res = await withDeadline(http.fetch(at_), left);
    } catch (e) {
      return fail(reasonOf(e), (e as Error).message.split('\n')[0].slice(0, 300));
    }
    ttfbMs = Math.round(hopStart + res.ttfbMs);
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      at_ = new URL(location, at_).toString();
      continue;
    }
    const loadMs = Math.round(performance.now() - started);
    if (res.status >= 500) return fail('http-5xx', `HTTP ${res.status}`, res.status);
    if (res.status >= 400) return fail('http-4xx', `HTTP ${res.status}`, res.status);
    const text = visibleText(decodeHtml(res.body, res.headers['content-type']).text);
    const soft = SOFT_ERROR.exec(text);
    if (soft && text.length <= SOFT_ERROR_MAX_TEXT) return { ...fail('soft-error', `HTTP ${res.status} but the page says “${soft[0]}”`, res.status), loadMs };
    return { ...base, ok: true, status: res.status, ttfbMs, loadMs, reason: null, detail: null };
  }
}

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new FetchError(`not open after ${PROBE_LIMIT_MS} ms`, 'ETIMEDOUT')), ms)))]).finally(() => clearTimeout(timer));
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
