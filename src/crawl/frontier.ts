// The crawl's first stage: which URLs to fetch, in what order. Links are offered with their
// click depth; the frontier keeps them in depth buckets (shallowest first), folds aliases a
// redirect revealed, and holds back what a limit cuts (depth, --exclude, robots.txt, traps, the
// page cap), counting each held-back URL once.
import type { Robots } from './robots.js';
import type { TrapGuard } from './traps.js';
import { sameSite, urlKey } from './url.js';

export interface Entry {
  url: string;
  key: string;
  depth: number;
  parent: string | null;
  linkText: string | null;
  done: boolean;
  orphan?: boolean;
  /** Claimed into the queue: counted in `queued` until done. */
  queued?: boolean;
}

export interface FrontierOptions {
  maxPages: number;
  maxDepth: number;
  respectRobots: boolean;
  /** --include / --exclude. */
  inScopeFilter: (url: string) => boolean;
  traps: TrapGuard;
}

export class Frontier {
  /** Every URL key known, claimed or fetched; aliases (redirect targets) point at their entry. */
  readonly entries = new Map<string, Entry>();
  /** Keys reached through a redirect point at the entry that was redirected. */
  readonly aliases = new Map<string, string>();
  readonly limits = { maxPagesReached: false, maxDepthSkipped: 0, robotsSkipped: 0, excludedSkipped: 0 };
  /** Held back, each counted once however many pages link to it. */
  readonly excluded = new Set<string>();
  readonly robotsBlocked = new Set<string>();
  readonly heldByDepth = new Map<string, Entry>();
  robots: Robots = { found: false, isAllowed: () => true, sitemaps: [] };
  /** The host the crawl stays on (fixed by the start page's redirects). */
  scopeHost: string;
  /** Queued entries, counted as they come and go: recounting the buckets per page is quadratic. */
  queued = 0;
  private readonly buckets: Entry[][] = [];

  constructor(
    start: string,
    private readonly o: FrontierOptions,
  ) {
    this.scopeHost = new URL(start).host;
  }

  inScope(url: string): boolean {
    return sameSite(url, this.scopeHost);
  }

  claim(e: Entry): void {
    this.entries.set(e.key, e);
    (this.buckets[e.depth] ??= []).push(e);
    e.queued = true;
    this.queued++;
  }

  finish(e: Entry): void {
    if (e.queued && !e.done) this.queued--;
    e.done = true;
  }

  /** `key` is another name of `entry` (a redirect led there). */
  alias(key: string, entry: Entry): boolean {
    if (this.entries.has(key)) return false;
    this.entries.set(key, entry);
    this.aliases.set(key, entry.key);
    return true;
  }

  private skip(set: Set<string>, key: string, counter: 'excludedSkipped' | 'robotsSkipped'): void {
    if (!set.has(key)) this.limits[counter]++;
    set.add(key);
  }

  /** Consider a discovered link; returns silently when it is out of scope or cut by a limit. */
  offer(url: string, depth: number, parent: string, text: string): void {
    if (!this.inScope(url)) return;
    const key = urlKey(url);
    const known = this.entries.get(key);
    if (known) {
      if (!known.done && depth < known.depth) {
        known.depth = depth;
        (this.buckets[depth] ??= []).push(known);
      }
      return;
    }
    const held = this.heldByDepth.get(key);
    if (depth > this.o.maxDepth) {
      if (!held) {
        this.heldByDepth.set(key, { url, key, depth, parent, linkText: text, done: false });
        this.limits.maxDepthSkipped++;
      }
      return;
    }
    if (held) {
      this.heldByDepth.delete(key);
      this.limits.maxDepthSkipped--;
    }
    if (!this.o.inScopeFilter(url)) return this.skip(this.excluded, key, 'excludedSkipped');
    if (this.o.respectRobots && !this.robots.isAllowed(url)) return this.skip(this.robotsBlocked, key, 'robotsSkipped');
    if (!this.o.traps.admit(url)) return;
    if (this.entries.size >= this.o.maxPages) return void (this.limits.maxPagesReached = true);
    this.claim({ url, key, depth, parent, linkText: text, done: false });
  }

  /** The shallowest queued entry not being fetched, or null. */
  next(inflight: Set<string>): Entry | null {
    for (let d = 0; d < this.buckets.length; d++) {
      const b = this.buckets[d];
      while (b && b.length) {
        const e = b.shift()!;
        if (!e.done && e.depth === d && !inflight.has(e.key)) return e;
      }
    }
    return null;
  }

  /** robots.txt arrived after the start page offered its links: drop the ones it disallows. */
  applyRobots(): void {
    if (!this.o.respectRobots) return;
    for (const b of this.buckets)
      for (const e of b ?? [])
        if (!e.done && !this.robots.isAllowed(e.url)) {
          this.finish(e);
          this.entries.delete(e.key);
          this.skip(this.robotsBlocked, e.key, 'robotsSkipped');
        }
  }

  /** Linked but held back (too deep, excluded, robots): not an orphan when the sitemap lists it. */
  knownOrHeld(key: string): boolean {
    return this.entries.has(key) || this.heldByDepth.has(key) || this.excluded.has(key) || this.robotsBlocked.has(key);
  }

  /** Why URLs were held back, by key (for the links rule: not checked, and why). */
  heldBack(): Record<string, 'robots' | 'excluded'> {
    return Object.fromEntries([...[...this.robotsBlocked].map((k) => [k, 'robots'] as const), ...[...this.excluded].map((k) => [k, 'excluded'] as const)]);
  }
}
