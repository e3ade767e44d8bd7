// The browser tier: one Chromium (Debian's, driven by Playwright), launched lazily on first
// need, with a small pool of contexts. Every page is closed, whatever happens to it.
import { existsSync } from 'node:fs';
import type { NetGuard } from './net-guard.js';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page as PwPage, BrowserType, Request } from 'playwright';

// Playwright is loaded on first use: an audit that never opens a browser (links only, --a11y none
// with no script-driven page) saves its start-up cost (~0.1 s, measured with --cpu-prof).
const require = createRequire(import.meta.url);
const chromium = (): BrowserType => (require('playwright') as typeof import('playwright')).chromium;
import { hostResolverRules, type ResolveMap } from './resolve.js';

/** Chromium reads only the last --disable-features, so ours repeats Playwright's own list (chromiumSwitches.ts). */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable', 'LensOverlay',
  'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'TcpPortRandomizationWin',
  'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
];

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  // One tab visits page after page of one site: with RenderDocument, browsing-instance swaps and
  // per-site processes Chromium keeps starting renderers; without them the accessibility pass runs
  // about 40 % faster on two cores (6.0 → 8.5 pages/s, bench portal). An audit browser holds no
  // user data for site isolation to protect.
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, 'ProactivelySwapBrowsingInstance', 'RenderDocument', 'IsolateOrigins', 'site-per-process'].join(',')}`,
  '--disable-site-isolation-trials',
];

/**
 * Debian's headless shell (package chromium-headless-shell, same source and version as chromium):
 * without the full browser's UI layer a page load costs the browser process about a third of the
 * CPU, and idle tabs cost nothing (measured: `--a11y all` on the 300-page bench portal 80 → 59 s).
 */
export const DEBIAN_HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';

/** Discovery order: --browser-path, PORTAL_AUDIT_CHROMIUM, Playwright's own build, Debian's headless shell, Debian's chromium. */
export function findChromium(explicit?: string): string | null {
  const candidates: string[] = [];
  if (explicit) return existsSync(explicit) ? explicit : null;
  if (process.env.PORTAL_AUDIT_CHROMIUM) candidates.push(process.env.PORTAL_AUDIT_CHROMIUM);
  try {
    candidates.push(chromium().executablePath());
  } catch {
    /* Playwright has no browser of its own here */
  }
  candidates.push(DEBIAN_HEADLESS_SHELL, '/usr/bin/chromium', '/usr/bin/chromium-browser');
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
  private waiters: { resolve: (c: BrowserContext) => void; reject: (e: Error) => void }[] = [];
  /** Pooled contexts alive in the current browser; a relaunch starts the count again. */
  private created = 0;
  /** How many times the browser died under us and was relaunched (reported in the crawl summary). */
  relaunches = 0;

  constructor(readonly opts: BrowserOptions) {}

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const executablePath = findChromium(this.opts.executablePath);
      if (!executablePath)
        throw new Error('no Chromium found: pass --browser-path, set PORTAL_AUDIT_CHROMIUM, or apt-get install -y chromium');
      const rules = hostResolverRules(this.opts.resolve, this.opts.resolveOnly);
      const args = [...CHROMIUM_FLAGS, ...(rules ? [`--host-resolver-rules=${rules}`] : [])];
      // Signals are ours: a Ctrl-C must end in a partial report, not Playwright's exit(130).
      // Playwright turns Chrome's popup blocker off; a visitor's browser has it on, and a page
      // opening hundreds of windows without a click must not stall the audit.
      const launched = chromium().launch({
        executablePath, args, headless: true, timeout: 60_000, ignoreDefaultArgs: ['--disable-popup-blocking'],
        handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
      });
      this.browser = launched;
      launched.then(
        // A browser that dies (OOM, a crash, killed) is forgotten; the next page launches a new one.
        (b) => b.on('disconnected', () => this.forget(launched, true)),
        () => this.forget(launched, false),
      );
    }
    return this.browser;
  }

  private forget(which: Promise<Browser>, died: boolean): void {
    if (this.browser !== which) return;
    this.browser = null;
    this.idle = [];
    this.created = 0;
    if (died) this.relaunches++;
    // Whoever waits for a context would wait for a dead one: give them a fresh browser instead.
    for (const w of this.waiters.splice(0)) this.fresh().then(w.resolve, w.reject);
  }

  private async fresh(): Promise<BrowserContext> {
    this.created++;
    try {
      const b = await this.launch();
      return await this.guarded(await b.newContext({ userAgent: this.opts.userAgent, ignoreHTTPSErrors: true, serviceWorkers: 'block' }));
    } catch (e) {
      this.created--;
      throw e;
    }
  }

  private async acquire(): Promise<BrowserContext> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.created < this.opts.contexts) return this.fresh();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Every request of the context passes the guard: file: never, http(s) only to allowed addresses.
   * Chromium resolves names itself, so a name that changes its answer between our lookup and
   * Chromium's (DNS rebinding) is only caught by the HTTP tier, which pins the checked address. */
  private async guarded(ctx: BrowserContext, block?: (req: Request) => boolean): Promise<BrowserContext> {
    const guard = this.opts.guard;
    // Chromium owns the Cookie header: --cookie goes into the context's jar, for the site only.
    const cookie = this.opts.siteHeaders?.headers.cookie;
    if (cookie) {
      const pairs = cookie.split(';').map((c) => c.trim().split('=')).filter(([n]) => n);
      const hosts = this.opts.siteHeaders!.hosts.map((h) => h.replace(/:\d+$/, ''));
      await ctx.addCookies(hosts.flatMap((domain) => pairs.map(([name, ...v]) => ({ name, value: v.join('='), domain, path: '/' }))));
    }
    // A visitor's browser blocks windows a script opens without a click; the headless shell has no
    // popup blocker, and a page opening hundreds of them would stall it: the blocker's rule, here.
    await ctx.addInitScript({ content: POPUP_BLOCKER });
    await ctx.route('**/*', async (route) => {
      const url = route.request().url();
      let u: URL | null = null;
      try {
        u = new URL(url);
      } catch {
        /* not a URL the network sees */
      }
      if (u?.protocol === 'file:' || block?.(route.request())) return route.abort('blockedbyclient').catch(() => {});
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
    // A context of a browser that died is not reusable; forget() already reset the pool.
    if (!ctx.browser()?.isConnected()) return;
    const next = this.waiters.shift();
    if (next) next.resolve(ctx);
    else this.idle.push(ctx);
  }

  /** Run `fn` on a fresh tab of a pooled context; the tab is closed even when `fn` throws or hangs.
   * Hostile pages are contained: dialogs dismissed, popups closed, `beforeunload` skipped, and a
   * renderer crash or a page that never settles ends in a clear error, not a hang. */
  async withPage<T>(fn: (page: PwPage) => Promise<T>, budgetMs = this.opts.timeoutMs * 2): Promise<T> {
    const ctx = await this.acquire();
    let page: PwPage | null = null;
    try {
      page = await ctx.newPage();
      page.setDefaultTimeout(this.opts.timeoutMs);
      page.on('dialog', (d) => void d.dismiss().catch(() => {}));
      page.on('popup', (p) => void p.close({ runBeforeUnload: false }).catch(() => {}));
      const crashed = new Promise<never>((_, reject) => page!.once('crash', () => reject(new Error('the page crashed the browser tab (renderer crash)'))));
      crashed.catch(() => {});
      return await withTimeout(Promise.race([fn(page), crashed]), budgetMs, 'browser page');
    } finally {
      if (page) await withTimeout(page.close({ runBeforeUnload: false }), 5000, 'page close').catch(() => {});
      this.release(ctx);
    }
  }

  /** Load a page and return its DOM after scripts ran (network idle or a short settle time). */
  /** Crawl renders in progress: the accessibility pass yields to them (the crawl comes first). */
  activeRenders = 0;

  async render(url: string): Promise<RenderResult> {
    this.activeRenders++;
    return this.withPage(async (page) => {
      const started = performance.now();
      const resp = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: this.opts.timeoutMs }).catch((e: Error) => {
        throw /Timeout \d+ms exceeded/.test(e.message)
          ? new Error(`render timed out after ${this.opts.timeoutMs} ms: the page never finished loading (a script that never ends, or a stalled response)`)
          : e;
      });
      await page.waitForLoadState('networkidle', { timeout: Math.min(5000, this.opts.timeoutMs) }).catch(() => {});
      return { html: await settledContent(page), finalUrl: page.url(), status: resp?.status() ?? null, ms: performance.now() - started };
    }).finally(() => this.activeRenders--);
  }

  /**
   * A context of its own for a gatherer that needs init scripts; closed with the browser.
   * `block` aborts requests inside the guard's own route: a second route layer would cost every
   * request another round trip through Node (measured: about a fifth of a page's analysis).
   */
  async newContext(options: { viewport?: { width: number; height: number }; block?: (req: Request) => boolean } = {}): Promise<BrowserContext> {
    const b = await this.launch();
    const { block, ...ctxOptions } = options;
    return this.guarded(await b.newContext({ userAgent: this.opts.userAgent, ignoreHTTPSErrors: true, serviceWorkers: 'block', ...ctxOptions }), block);
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

/** The DOM of a page that may navigate itself away while we read it: a few tries, then a clear error. */
async function settledContent(page: PwPage): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      return await page.content();
    } catch (e) {
      if (i >= 3 || !/navigat|context was destroyed/i.test((e as Error).message)) throw e;
      if (i === 2) throw new Error('the page kept navigating itself away; no stable DOM to read');
      await page.waitForLoadState('domcontentloaded', { timeout: 2000 }).catch(() => {});
    }
  }
}

const POPUP_BLOCKER = `(() => { const open = window.open; window.open = function () { return navigator.userActivation && !navigator.userActivation.isActive ? null : open.apply(this, arguments); }; })();`;

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
