// The accessibility gatherer: axe-core plus our own layout measurements, in Chromium, on every
// HTML page (`all`) or on a few pages per DOM template (`templates`). axe is injected once per
// context as an init script, contexts and tabs are reused, media/fonts/trackers are blocked,
// and every page has a time budget: a page that never settles is recorded as not analysed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page as PwPage, Request } from 'playwright';
import type { A11yArtifact, A11yMode, A11yPage, AxeViolation, LayoutFacts, Snapshot } from '../model/types.js';
import { HELPERS, measureDesktop, measureMobile, measureReflow, overlayPositions } from './a11y-page.js';
import { withTimeout, type BrowserPool } from './browser.js';
import { templateKey } from './skeleton.js';

export const DEFAULT_A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface A11yOptions {
  mode: A11yMode;
  /** axe tags to run (`best-practice` adds axe's best practices). */
  tags: string[];
  /** Pages analysed per template in `templates` mode. */
  samples: number;
  /** Per-request time limit of the audit; a page's whole budget is derived from it. */
  timeoutMs: number;
  /** Parallel tabs (one context each). */
  concurrency: number;
  /** Language of axe's own texts (help, description, failure summary): axe-core ships zh_CN. */
  locale?: 'zh' | 'en';
}

const require = createRequire(import.meta.url);
let axeSource: string | null = null;
const axe = () => (axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
let zhLocale: string | null = null;
/** axe told to speak Chinese: its packaged zh_CN locale, applied once axe has loaded in the page. */
const axeLocale = (locale: A11yOptions['locale']) =>
  locale === 'zh' ? `\ntry { axe.configure({ locale: ${(zhLocale ??= readFileSync(require.resolve('axe-core/locales/zh_CN.json'), 'utf8'))} }); } catch (e) {}` : '';
export const AXE_VERSION: string = (require('axe-core/package.json') as { version: string }).version;

// Words of the page's own controls (domain.md §4, MIIT 适老化 2021).
const PATTERNS = {
  elder: '无障碍|长辈版|关怀版|适老化|老年版|老人版|大字版|读屏|辅助工具|accessib|large text|high contrast|easy read',
  sizeControl: '^(A\\+|A-|字体[:：]?[大中小]|[大中小]字?号?|放大|缩小|字号)$',
  captcha: 'captcha|验证码|yzm|checkcode|verifycode|validatecode|kaptcha|vcode|seccode',
  alternative: '语音验证码?|听验证码|voice|audio|听不清|短信验证',
};
const TRACKERS = /(^|\.)(google-analytics\.com|googletagmanager\.com|doubleclick\.net|hm\.baidu\.com|cnzz\.com|umeng\.com|51\.la|growingio\.com|sensorsdata\.cn|facebook\.net|hotjar\.com)$/i;
const BLOCKED_TYPES = new Set(['media', 'font', 'websocket', 'manifest', 'eventsource']);
const RECYCLE_AFTER = 40;
const TAB_PAGES = 10;

/** The HTML pages the accessibility pass may open (a data proxy's XML answer is nobody's page). */
const analysable = (p: Snapshot['pages'][number]) => !!p.html && !p.error && (p.status ?? 0) < 400 && !p.scriptShapes?.includes('hanweb-proxy');

export async function gatherA11y(snapshot: Snapshot, browser: BrowserPool, opts: A11yOptions): Promise<A11yArtifact> {
  return new A11yPass(browser, opts).finish(snapshot);
}

/**
 * The accessibility pass as a consumer of the crawl: with `--a11y all` pages are offered as the
 * crawl finishes them, so Chromium works while the crawl waits on slow or hung responses;
 * `finish` adds what is left (template samples, pages never offered), waits, and builds the artifact.
 */
export class A11yPass {
  private readonly jobs: string[] = [];
  private readonly offered = new Set<string>();
  private readonly done = new Map<string, Omit<A11yPage, 'template' | 'represents'>>();
  private readonly wakers: (() => void)[] = [];
  private workers: Promise<void>[] = [];
  private closed = false;
  private firstOffer: number | null = null;
  /** Time workers spent on pages, summed over workers. */
  private busyMs = 0;
  private startedDuringCrawl = 0;

  constructor(
    private readonly browser: BrowserPool,
    private readonly opts: A11yOptions,
  ) {}

  /**
   * A finished page, while the crawl goes on. `all`: analysed. `templates`: analysed if it is among
   * the first pages of its template seen so far — a guess at the samples `finish` will choose
   * (the shallowest pages of each template); right guesses are kept, wrong ones dropped there.
   */
  offerDuringCrawl(page: Snapshot['pages'][number], readBody: () => Promise<string | null>): void {
    if (!analysable(page)) return;
    if (this.opts.mode === 'all') {
      this.startedDuringCrawl++;
      return this.offer(page.url);
    }
    this.sampling = this.sampling.then(async () => {
      const body = await readBody().catch(() => null);
      const key = body ? templateKey(body) : `page:${page.url}`;
      const seen = this.seenPerTemplate.get(key) ?? 0;
      if (seen >= Math.max(1, this.opts.samples)) return;
      this.seenPerTemplate.set(key, seen + 1);
      this.startedDuringCrawl++;
      this.offer(page.url);
    });
  }
  private sampling: Promise<void> = Promise.resolve();
  private readonly seenPerTemplate = new Map<string, number>();

  private offer(url: string): void {
    if (this.offered.has(url)) return;
    this.offered.add(url);
    this.jobs.push(url);
    this.firstOffer ??= performance.now();
    this.wakers.splice(0).forEach((w) => w());
    while (this.workers.length < Math.max(1, this.opts.concurrency)) {
      // A worker that fails to start (no browser) may do so long before finish() looks: mark its
      // rejection handled now, or Node ends the process on it; finish() still sees it settled.
      const w = this.worker();
      w.catch(() => {});
      this.workers.push(w);
    }
  }

  private async take(): Promise<string | null> {
    // A page the crawl is rendering comes first: one budget of tabs, the crawl's needs before ours.
    // (Letting one worker go on beside renders saved no measurable time on two saturated cores and
    // made a render with three dialogs miss a 3 s limit under the full test suite.)
    while (this.browser.activeRenders > 0 && !this.closed) await new Promise((r) => setTimeout(r, 50));
    for (;;) {
      const url = this.jobs.shift();
      if (url) return url;
      if (this.closed) return null;
      await new Promise<void>((r) => this.wakers.push(r));
    }
  }

  /** No report will use it (unreachable site, stopped run): let the workers end. */
  abandon(): void {
    this.jobs.length = 0;
    this.closed = true;
    this.wakers.splice(0).forEach((w) => w());
  }

  async finish(snapshot: Snapshot): Promise<A11yArtifact> {
    await this.sampling;
    const started = this.firstOffer ?? performance.now();
    const pages = snapshot.pages.filter(analysable);
    const templates: Record<string, string[]> = {};
    const templateOf = new Map<string, string>();
    for (const p of pages) {
      const body = await snapshot.readBody(p.url);
      const key = body ? templateKey(body) : `page:${p.url}`;
      (templates[key] ??= []).push(p.url);
      templateOf.set(p.url, key);
    }
    const represents = new Map<string, string[]>();
    if (this.opts.mode === 'all') for (const p of pages) represents.set(p.url, [p.url]);
    else for (const urls of Object.values(templates)) for (const url of urls.slice(0, Math.max(1, this.opts.samples))) represents.set(url, urls);
    for (const url of represents.keys()) this.offer(url);
    this.closed = true;
    this.wakers.splice(0).forEach((w) => w());
    // A worker whose context cannot be made leaves its jobs to the others; only if none starts is it fatal.
    const settled = await Promise.allSettled(this.workers);
    const failed = settled.find((x): x is PromiseRejectedResult => x.status === 'rejected');
    if (failed && settled.every((x) => x.status === 'rejected')) throw failed.reason;
    // Offered during the crawl but no longer a page to report (e.g. found to be an error page): dropped.
    const used = [...this.done.values()].filter((r) => represents.has(r.url)).length;
    const results: A11yPage[] = [...this.done.values()]
      .filter((r) => represents.has(r.url))
      .map((r) => ({ ...r, template: templateOf.get(r.url)!, represents: represents.get(r.url)! }));
    results.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    const wallMs = Math.round(performance.now() - started);
    return {
      mode: this.opts.mode, tags: this.opts.tags, axeVersion: AXE_VERSION, pages: results, templates, ms: wallMs,
      phase: { wallMs, busyMs: Math.round(this.busyMs), workers: this.workers.length, startedDuringCrawl: this.startedDuringCrawl, discarded: this.done.size - used },
    };
  }

  private async worker(): Promise<void> {
    const opts = this.opts;
    const navMs = Math.min(opts.timeoutMs, 15_000);
    const budgetMs = navMs * 2 + 5_000;
    let ctx = await contextFor(this.browser, opts);
    let tab: PwPage | null = null;
    let served = 0;
    try {
      for (let url = await this.take(); url; url = await this.take()) {
        const t0 = performance.now();
        // A context that has shown many pages holds their cache: a fresh one every RECYCLE_AFTER pages.
        if (++served > RECYCLE_AFTER) {
          await withTimeout(ctx.close(), 10_000, 'context close').catch(() => {});
          ctx = await contextFor(this.browser, opts);
          tab = null;
          served = 1;
        }
        try {
          tab ??= await ctx.newPage();
          const r = await withTimeout(analyse(tab!, url, navMs, opts), budgetMs, 'accessibility analysis');
          this.done.set(url, { url, error: null, ms: Math.round(performance.now() - t0), ...r });
          // A renderer grows by about 5 MB a page it has shown (measured: 240 MB after 40): a new
          // tab every TAB_PAGES pages (a new renderer, ~40 ms) keeps the pass's memory flat.
          if (served % TAB_PAGES === 0) {
            await withTimeout(tab!.close({ runBeforeUnload: false }), 5000, 'tab close').catch(() => {});
            tab = null;
          }
        } catch (e) {
          this.done.set(url, { url, error: `not analysed: ${(e as Error).message.split('\n')[0]}`, ms: Math.round(performance.now() - t0), violations: [], passes: 0, incomplete: 0, layout: null });
          // A tab that hung (endless script, stuck navigation) is not reused.
          if (tab) await withTimeout(tab.close({ runBeforeUnload: false }), 5000, 'tab close').catch(() => {});
          tab = null;
        }
        this.busyMs += performance.now() - t0;
      }
    } finally {
      await withTimeout(ctx.close(), 10_000, 'context close').catch(() => {});
    }
  }
}

async function contextFor(pool: BrowserPool, opts: A11yOptions): Promise<BrowserContext> {
  const ctx = await pool.newContext({ viewport: { width: 1280, height: 800 }, block: blocked });
  await ctx.addInitScript({ content: `${axe()}${axeLocale(opts.locale)}\n${HELPERS}` });
  return ctx;
}

function blocked(req: Request): boolean {
  if (BLOCKED_TYPES.has(req.resourceType())) return true;
  try {
    return TRACKERS.test(new URL(req.url()).hostname);
  } catch {
    return false; // data: and the like
  }
}

async function analyse(tab: PwPage, url: string, nav: number, opts: A11yOptions): Promise<Omit<A11yPage, 'url' | 'template' | 'represents' | 'error' | 'ms'>> {
  await tab.setViewportSize({ width: 1280, height: 800 });
  await tab.goto(url, { waitUntil: 'domcontentloaded', timeout: nav });
  await tab.waitForLoadState('load', { timeout: Math.min(nav, 5000) }).catch(() => {});
  const run = await tab.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[]; passes: unknown[]; incomplete: unknown[] }> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
        // Media is never downloaded (BLOCKED_TYPES): axe's media preload would wait its full
        // 10 s for metadata that cannot come. Without it no-autoplay-audio is "incomplete", as it
        // was after the wait; every other check is unchanged.
        preload: { assets: ['cssom'], timeout: 5000 },
      }),
    opts.tags,
  );
  const violations = (run.violations as RawViolation[]).map(toViolation);
  const desktop = await tab.evaluate(measureDesktop, PATTERNS);
  let moved: boolean[] = desktop.overlays.map(() => false);
  if (desktop.overlays.length) {
    await tab.waitForTimeout(600);
    const now = await tab.evaluate(overlayPositions, desktop.overlays.length);
    moved = desktop.overlays.map((o, i) => !!now[i] && (Math.abs(now[i]!.x - o.x) > 3 || Math.abs(now[i]!.y - o.y) > 3));
  }
  // 200 % zoom of a 1280 px window lays the page out in 640 CSS px.
  await tab.setViewportSize({ width: 640, height: 800 });
  const zoom = await tab.evaluate(measureReflow);
  await tab.setViewportSize({ width: 375, height: 667 });
  const mobile = await tab.evaluate(measureMobile);
  const layout: LayoutFacts = { ...desktop, overlays: desktop.overlays.map(({ x: _x, y: _y, ...o }, i) => ({ ...o, moving: moved[i] })), zoom, mobile };
  return { violations, passes: run.passes.length, incomplete: run.incomplete.length, layout };
}

interface RawViolation {
  id: string;
  impact: string | null;
  tags: string[];
  help: string;
  helpUrl: string;
  nodes: { target: (string | string[])[]; html: string; failureSummary?: string; impact?: string | null }[];
}

function toViolation(v: RawViolation): AxeViolation {
  return {
    id: v.id,
    impact: v.impact,
    tags: v.tags,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      selector: n.target.map((t) => (Array.isArray(t) ? t.join(' ') : t)).join(' >>> '),
      html: n.html.length > 300 ? `${n.html.slice(0, 300)}…` : n.html,
      failureSummary: (n.failureSummary ?? '').slice(0, 500),
      impact: n.impact ?? null,
    })),
  };
}
