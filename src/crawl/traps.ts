// Crawler traps: endless calendars, session ids in queries, relative-link loops
// (`/a/b/a/b/…`). Each guard caps one shape of URL and records what it cut off, so the
// report can say which part of the site was not covered and why.
import type { TrapReport } from '../model/types.js';
import { PAGE_PARAM } from './url.js';

export interface TrapLimits {
  /** Calendar guard: months before / after the as-of date a date-valued query may point to. */
  calendarMonthsBack: number;
  calendarMonthsAhead: number;
  /** Distinct query strings allowed for one path. */
  maxQueryVariants: number;
  /** How often one path segment may repeat in a path. */
  maxSegmentRepeats: number;
  maxPathSegments: number;
  maxUrlLength: number;
}

export const DEFAULT_TRAP_LIMITS: TrapLimits = {
  calendarMonthsBack: 24,
  calendarMonthsAhead: 3,
  maxQueryVariants: 25,
  maxSegmentRepeats: 3,
  maxPathSegments: 15,
  maxUrlLength: 2000,
};

const MAX_EXAMPLES = 5;

export class TrapGuard {
  private variants = new Map<string, Set<string>>();
  private cut = new Map<string, TrapReport>();

  private asOfMonth: number;

  constructor(
    private limits: TrapLimits = DEFAULT_TRAP_LIMITS,
    asOf = new Date().toISOString().slice(0, 10),
  ) {
    this.asOfMonth = monthIndex(Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)));
  }

  /** Returns true when the URL may be crawled; otherwise records the trap. Call once per new URL. */
  admit(url: string): boolean {
    const u = new URL(url);
    if (url.length > this.limits.maxUrlLength) return this.reject('url-length', u.pathname, url);
    const segments = u.pathname.split('/').filter(Boolean);
    if (segments.length > this.limits.maxPathSegments) return this.reject('path-depth', u.pathname, url);
    const counts = new Map<string, number>();
    for (const s of segments) {
      const n = (counts.get(s) ?? 0) + 1;
      counts.set(s, n);
      if (n > this.limits.maxSegmentRepeats) return this.reject('path-repetition', `${u.host}/…/${s}/…`, url);
    }
    if (u.search) {
      const month = queryMonth(u.searchParams);
      if (month !== null && (month < this.asOfMonth - this.limits.calendarMonthsBack || month > this.asOfMonth + this.limits.calendarMonthsAhead))
        return this.reject('calendar', `${u.protocol}//${u.host}${u.pathname}`, url);
      const key = variantKey(u);
      let seen = this.variants.get(key);
      if (!seen) this.variants.set(key, (seen = new Set()));
      if (!seen.has(u.search)) {
        if (seen.size >= this.limits.maxQueryVariants) return this.reject('query-variants', key, url);
        seen.add(u.search);
      }
    }
    return true;
  }

  reports(): TrapReport[] {
    return [...this.cut.values()];
  }

  private rejected = new Set<string>();

  private reject(kind: TrapReport['kind'], key: string, url: string): false {
    // Many pages link the same trapped URL: count it once.
    if (this.rejected.has(url)) return false;
    this.rejected.add(url);
    const id = `${kind} ${key}`;
    let r = this.cut.get(id);
    if (!r) this.cut.set(id, (r = { kind, key, skipped: 0, examples: [] }));
    r.skipped++;
    if (r.examples.length < MAX_EXAMPLES) r.examples.push(url);
    return false;
  }
}

/** Cache-busters, timestamps, sessions and calendar fields: new values for the same page, or an endless calendar. */
const VOLATILE_PARAM = /^(_|t|ts|time|timestamp|r|rand|random|v|ver|version|sid|sessionid|jsessionid|token|y|year|yr|m|month|mon|d|day|date|ym|ymd|week|nian|yue|ri)$/i;

/**
 * What the variant cap counts under: the path plus its numeric identifier parameters. Dynamic CMS
 * pages (DedeCMS view.php?aid=45, a Hanweb data proxy's columnid=4584) are distinct pages or
 * lists, each with its own budget of page numbers; session ids, searches and page numbers are not.
 */
function variantKey(u: URL): string {
  const ids = [...u.searchParams].filter(([k, v]) => !PAGE_PARAM.test(k) && !VOLATILE_PARAM.test(k) && /^\d{1,12}$/.test(v) && !DATE_VALUE.test(v)).map(([k, v]) => `${k}=${v}`);
  return `${u.protocol}//${u.host}${u.pathname}${ids.length ? `?${ids.sort().join('&')}` : ''}`;
}

const monthIndex = (y: number, m: number) => y * 12 + (m - 1);
const DATE_VALUE =
  /^((?:19|20)\d{2})(?:[-/.年](0?[1-9]|1[0-2])(?:[-/.月](?:0?[1-9]|[12]\d|3[01])日?)?|(0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?)$/;

/** The month a calendar-like query points at: `ym=2026-11`, `date=20261122`, `year=2026&month=11`. */
function queryMonth(params: URLSearchParams): number | null {
  let year: number | null = null;
  let month: number | null = null;
  for (const [k, v] of params) {
    const m = DATE_VALUE.exec(v.trim());
    if (m) return monthIndex(Number(m[1]), Number(m[2] ?? m[3]));
    if (/^(y|year|yr|nian)$/i.test(k) && /^(19|20)\d{2}$/.test(v)) year = Number(v);
    if (/^(m|month|mon|yue)$/i.test(k) && /^(0?[1-9]|1[0-2])$/.test(v)) month = Number(v);
  }
  return year !== null && month !== null ? monthIndex(year, month) : null;
}
