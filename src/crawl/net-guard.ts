// The network guard shared by the HTTP client and the browser: every connection's address is
// checked after --resolve mapping and DNS (so redirects and DNS rebinding are covered too), and
// the HTTP client connects to exactly the address that was checked.
import { lookup } from 'node:dns/promises';
import { canonicalAddress, classifyAddress, type AddressClass } from './address.js';
import type { ResolveMap } from './resolve.js';

export interface Refusal {
  host: string;
  address: string;
  class: AddressClass;
  by: 'http' | 'browser';
  url?: string;
}

export type GuardVerdict = { ok: true; address: string } | { ok: false; address: string; class: AddressClass; reason: string };
export type Lookup = (host: string) => Promise<string[]>;

const dnsLookup: Lookup = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

export class NetGuard {
  readonly refusals: Refusal[] = [];
  private trusted: Promise<Set<string>> | null = null;
  private cache = new Map<string, Promise<string[]>>();

  constructor(
    private readonly opts: { startUrl: string; resolve: ResolveMap; allowPrivate: boolean; lookup?: Lookup },
  ) {}

  private addresses(host: string): Promise<string[]> {
    const h = host.replace(/^\[|\]$/g, '').toLowerCase();
    const mapped = this.opts.resolve.get(h);
    if (mapped) return Promise.resolve([mapped.ip]);
    if (classifyAddress(h)) return Promise.resolve([canonicalAddress(h)]);
    let p = this.cache.get(h);
    if (!p) {
      p = (this.opts.lookup ?? dnsLookup)(h === 'localhost' ? 'localhost' : h);
      this.cache.set(h, p);
      p.catch(() => this.cache.delete(h));
    }
    return p;
  }

  /** The start URL's own non-public addresses are trusted: auditing an intranet portal is allowed. */
  private trust(): Promise<Set<string>> {
    this.trusted ??= this.addresses(new URL(this.opts.startUrl).hostname)
      .then((all) => new Set(all.filter((a) => classifyAddress(a) !== 'public').map(canonicalAddress)))
      .catch(() => new Set<string>());
    return this.trusted;
  }

  /** May we connect to `host`? Returns the address to use (DNS errors propagate to the caller). */
  async check(host: string, by: Refusal['by'], url?: string): Promise<GuardVerdict> {
    const all = await this.addresses(host);
    if (!all.length) throw Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' });
    const trusted = this.opts.allowPrivate ? null : await this.trust();
    // Every address must pass: a name with one public and one private address could be rebound.
    for (const a of all) {
      const cls = classifyAddress(a) ?? 'reserved';
      if (cls === 'public' || !trusted || trusted.has(canonicalAddress(a))) continue;
      this.refusals.push({ host, address: a, class: cls, by, ...(url ? { url } : {}) });
      return { ok: false, address: a, class: cls, reason: `refused: ${host} is ${a} (${cls} address); use --allow-private to audit internal hosts` };
    }
    return { ok: true, address: all[0] };
  }
}
