// The browser tier: one Chromium (Debian's, driven by Playwright), launched lazily on first
// need, with a small pool of contexts. Every page is closed, whatever happens to it.
import { existsSync } from 'node:fs';
import type { NetGuard } from './net-guard.js';
import { chromium, type Browser, type BrowserContext, type Page as PwPage } from 'playwright';
import { hostResolverRules, type ResolveMap } from './resolve.js';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** Discovery order: --browser-path, PORTAL_AUDIT_CHROMIUM, Playwright's own build, Debian's. */
export function findChromium(explicit?: string): string | null {
  const candidates: string[] = [];
  if (explicit) return existsSync(explicit) ? explicit : null;
  if (process.env.PORTAL_AUDIT_CHROMIUM) candidates.push(process.env.PORTAL_AUDIT_CHROMIUM);
  try {
    candidates.push(chromium.executablePath());
  } catch {
    /* Playwright has no browser of its own here */
  }
  candidates.push('/usr/bin/chromium', '/usr/bin/chromium-browser');
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

export interface BrowserOptions {
  executablePath?: string;
  resolve: ResolveMap;
  resolveOnly: boolean;
  timeoutMs: number;
  userAgent: string;
  contexts: number;
  /** Address policy for every request the browser makes (see net-guard.ts). */
  guard?: NetGuard;
  /** Headers (auth, cookie) added to requests for these hosts only. */
  siteHeaders?: { hosts: string[]; headers: Record<string, string> };
}

export interface RenderResult {
  html: string;
  finalUrl: string;
  status: number | null;
  ms: number;
}

export class BrowserPool {
  private browser: Promise<Browser> | null = null;
  private idle: BrowserContext[] = [];
  private waiters: ((c: BrowserContext) => void)[] = [];
  private created = 0;

  constructor(readonly opts: BrowserOptions) {}

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const executablePath = findChromium(this.opts.executablePath);
      if (!executablePath)
        throw new Error('no Chromium found: pass --browser-path, set PORTAL_AUDIT_CHROMIUM, or apt-get install -y chromium');
      const rules = hostResolverRules(this.opts.resolve, this.opts.resolveOnly);
      const args = [...CHROMIUM_FLAGS, ...(rules ? [`--host-resolver-rules=${rules}`] : [])];
      // Signals are ours: a Ctrl-C must end in a partial report, not Playwright's exit(130).
      this.browser = chromium.launch({ executablePath, args, headless: true, timeout: 60_000, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
      this.browser.catch(() => (this.browser = null));
    }
    return this.browser;
  }

  private async acquire(): Promise<BrowserContext> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.created < this.opts.contexts) {
      this.created++;
      try {
        const b = await this.launch();
        return await this.guarded(await b.newContext({ userAgent: this.opts.userAgent, ignoreHTTPSErrors: true, serviceWorkers: 'block' }));
      } catch (e) {
        this.created--;
        throw e;
      }
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Every request of the context passes the guard: file: never, http(s) only to allowed addresses.
   * Chromium resolves names itself, so a name that changes its answer between our lookup and
   * Chromium's (DNS rebinding) is only caught by the HTTP tier, which pins the checked address. */
  private async guarded(ctx: BrowserContext): Promise<BrowserContext> {
    const guard = this.opts.guard;
    // Chromium owns the Cookie header: --cookie goes into the context's jar, for the site only.
    const cookie = this.opts.siteHeaders?.headers.cookie;
    if (cookie) {
      const pairs = cookie.split(';').map((c) => c.trim().split('=')).filter(([n]) => n);
      const hosts = this.opts.siteHeaders!.hosts.map((h) => h.replace(/:\d+$/, ''));
      await ctx.addCookies(hosts.flatMap((domain) => pairs.map(([name, ...v]) => ({ name, value: v.join('='), domain, path: '/' }))));
    }
    await ctx.route('**/*', async (route) => {
      const url = route.request().url();
      let u: URL | null = null;
      try {
        u = new URL(url);
      } catch {
        /* not a URL the network sees */
      }
      if (u?.protocol === 'file:') return route.abort('blockedbyclient').catch(() => {});
      if (!u || !/^(https?|wss?):$/.test(u.protocol)) return route.fallback().catch(() => {});
      if (!guard) return route.fallback(this.siteHeaders(u, route.request().headers())).catch(() => {});
      const v = await guard.check(u.hostname, 'browser', url).catch(() => null);
      // A name that does not resolve fails in Chromium on its own; only refusals are ours.
      if (v && !v.ok) return route.abort('blockedbyclient').catch(() => {});
      return route.fallback(this.siteHeaders(u, route.request().headers())).catch(() => {});
    });
    return ctx;
  }

  private siteHeaders(u: URL, current: Record<string, string>): { headers: Record<string, string> } | undefined {
    const s = this.opts.siteHeaders;
    if (!s || !Object.keys(s.headers).length || !s.hosts.includes(u.host.toLowerCase())) return undefined;
    const extra = Object.entries(s.headers).filter(([k]) => k.toLowerCase() !== 'cookie');
    return extra.length ? { headers: { ...current, ...Object.fromEntries(extra.map(([k, v]) => [k.toLowerCase(), v])) } } : undefined;
  }

  private release(ctx: BrowserContext): void {
    const next = this.waiters.shift();
    if (next) next(ctx);
    else this.idle.push(ctx);
  }

  /** Run `fn` on a fresh tab of a pooled context; the tab is closed even when `fn` throws or hangs. */
  async withPage<T>(fn: (page: PwPage) => Promise<T>, budgetMs = this.opts.timeoutMs * 2): Promise<T> {
    const ctx = await this.acquire();
    let page: PwPage | null = null;
    try {
      page = await ctx.newPage();
      page.setDefaultTimeout(this.opts.timeoutMs);
      page.on('dialog', (d) => void d.dismiss().catch(() => {}));
      page.on('popup', (p) => void p.close().catch(() => {}));
      return await withTimeout(fn(page), budgetMs, 'browser page');
    } finally {
      if (page) await withTimeout(page.close({ runBeforeUnload: false }), 5000, 'page close').catch(() => {});
      this.release(ctx);
    }
  }

  /** Load a page and return its DOM after scripts ran (network idle or a short settle time). */
  async render(url: string): Promise<RenderResult> {
    return this.withPage(async (page) => {
      const started = performance.now();
      const resp = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: this.opts.timeoutMs });
      await page.waitForLoadState('networkidle', { timeout: Math.min(5000, this.opts.timeoutMs) }).catch(() => {});
      const html = await page.content();
      return { html, finalUrl: page.url(), status: resp?.status() ?? null, ms: performance.now() - started };
    });
  }

  /** A context of its own for a gatherer that needs init scripts or request routing; closed with the browser. */
  async newContext(options: { viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
    const b = await this.launch();
    return this.guarded(await b.newContext({ userAgent: this.opts.userAgent, ignoreHTTPSErrors: true, serviceWorkers: 'block', ...options }));
  }

  get launched(): boolean {
    return this.browser !== null;
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    if (b) await withTimeout(b.then((x) => x.close()), 10_000, 'browser close').catch(() => {});
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
