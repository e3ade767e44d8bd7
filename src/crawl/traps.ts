// Crawler traps: endless calendars, session ids in queries, relative-link loops
// (`/a/b/a/b/…`). Each guard caps one shape of URL and records what it cut off, so the
// report can say which part of the site was not covered and why.
import type { TrapReport } from '../model/types.js';

export interface TrapLimits {
  /** Distinct query strings allowed for one path. */
  maxQueryVariants: number;
  /** How often one path segment may repeat in a path. */
  maxSegmentRepeats: number;
  maxPathSegments: number;
  maxUrlLength: number;
}

export const DEFAULT_TRAP_LIMITS: TrapLimits = {
  maxQueryVariants: 25,
  maxSegmentRepeats: 3,
  maxPathSegments: 15,
  maxUrlLength: 2000,
};

const MAX_EXAMPLES = 5;

export class TrapGuard {
  private variants = new Map<string, Set<string>>();
  private cut = new Map<string, TrapReport>();

  constructor(private limits: TrapLimits = DEFAULT_TRAP_LIMITS) {}

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
      const key = `${u.protocol}//${u.host}${u.pathname}`;
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

  private reject(kind: TrapReport['kind'], key: string, url: string): false {
    const id = `${kind} ${key}`;
    let r = this.cut.get(id);
    if (!r) this.cut.set(id, (r = { kind, key, skipped: 0, examples: [] }));
    r.skipped++;
    if (r.examples.length < MAX_EXAMPLES) r.examples.push(url);
    return false;
  }
}
