// npm run bench:a11y [-- pages]: accessibility throughput and peak memory on a generated portal
// served on loopback: portal-audit's gatherer in `--a11y all` and `--a11y templates`, against
// a fresh @axe-core/playwright analysis per page in the same Chromium, same tags, same parallelism.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { crawl } from '../src/crawl/crawler.js';
import { DEFAULT_A11Y_TAGS, gatherA11y } from '../src/crawl/a11y.js';
import type { BrowserPool } from '../src/crawl/browser.js';
import { serveGenerated } from './portal.js';
import { treeMemMb } from './proc.js';

const PAGES = Number(process.argv[2] ?? 300);
const CONCURRENCY = 2;

async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; peakMb: number }> {
  let peak = treeMemMb();
  const timer = setInterval(() => (peak = Math.max(peak, treeMemMb())), 200);
  const t0 = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - t0, peakMb: Math.max(peak, treeMemMb()) };
  } finally {
    clearInterval(timer);
  }
}

async function baseline(browser: BrowserPool, urls: string[]): Promise<number> {
  let violations = 0;
  const queue = [...urls];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      for (let url = queue.shift(); url; url = queue.shift()) {
        const page = await ctx.newPage();
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        await page.waitForLoadState('load').catch(() => {});
        const r = await new AxeBuilder({ page }).withTags(DEFAULT_A11Y_TAGS).analyze();
        violations += r.violations.reduce((n, v) => n + v.nodes.length, 0);
        await page.close();
      }
      await ctx.close();
    }),
  );
  return violations;
}

async function main() {
  const srv = await serveGenerated(PAGES);
  const result = await crawl({
    startUrl: srv.url, asOf: '2026-11-20', maxPages: PAGES + 10, maxDepth: 5, concurrency: 4, render: 'never', respectRobots: false,
    timeoutMs: 20_000, maxBodyBytes: 1e7, delayMs: 0, userAgent: 'portal-audit-bench', resolve: new Map(), resolveOnly: true,
    bodyDir: mkdtempSync(join(tmpdir(), 'pa-bench-')),
  });
  const { snapshot, browser } = result;
  const urls = snapshot.pages.filter((p) => p.html && !p.error).map((p) => p.url);
  // Launch Chromium before timing anything.
  await (await browser.newContext()).close();
  const rows: { run: string; pages: number; ms: number; pagesPerSec: number; peakMb: number; violations: number }[] = [];
  const run = async (name: string, fn: () => Promise<{ analysed: number; violations: number }>) => {
    const m = await measure(fn);
    rows.push({ run: name, pages: m.result.analysed, ms: Math.round(m.ms), pagesPerSec: Math.round((m.result.analysed / (m.ms / 1000)) * 100) / 100, peakMb: Math.round(m.peakMb), violations: m.result.violations });
    console.log(`${name.padEnd(34)} ${String(m.result.analysed).padStart(5)} pages ${(m.ms / 1000).toFixed(1).padStart(7)} s ${rows.at(-1)!.pagesPerSec.toFixed(2).padStart(7)} pages/s  peak ${rows.at(-1)!.peakMb} MB  ${m.result.violations} violation nodes`);
  };
  const ours = (mode: 'all' | 'templates') => async () => {
    const a = await gatherA11y(snapshot, browser, { mode, tags: DEFAULT_A11Y_TAGS, samples: 2, timeoutMs: 20_000, concurrency: CONCURRENCY });
    const analysed = a.pages.filter((p) => !p.error);
    return { analysed: analysed.length, violations: analysed.reduce((n, p) => n + p.violations.reduce((m, v) => m + v.nodes.length, 0), 0) };
  };
  console.log(`generated portal: ${urls.length} HTML pages on ${srv.url}; ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; concurrency ${CONCURRENCY}`);
  await run('@axe-core/playwright, page by page', async () => ({ analysed: urls.length, violations: await baseline(browser, urls) }));
  await run('portal-audit --a11y all', ours('all'));
  await run('portal-audit --a11y templates', ours('templates'));
  const speedup = rows[1].pagesPerSec / rows[0].pagesPerSec;
  console.log(`--a11y all throughput = ${speedup.toFixed(2)}× @axe-core/playwright page by page (target ≥ 3×); it also measures text, overlays, 200 % zoom and a phone viewport on every page`);
  writeFileSync(join(process.cwd(), 'bench', 'a11y-results.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: cpus().length, pages: urls.length, concurrency: CONCURRENCY, rows, speedup }, null, 2)}\n`);
  await result.close();
  await srv.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
