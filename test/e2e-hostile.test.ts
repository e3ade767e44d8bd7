// The hostile portal end to end: one audit over every way a page can hang, bloat or steer the
// crawler. It must finish on time and within a memory bound, account for every hostile page with
// a precise error, refuse private addresses, and keep injected markup inert. The same safety nets
// as the network-guard test make sure nothing leaves loopback even if the guard were broken.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HOSTILE_PAGES, HOSTILE_RESOLVE, INJECTED, startHostileServer } from '../fixtures/hostile/server.js';
import { findChromium } from '../src/crawl/browser.js';
import type { Report } from '../src/report/model.js';
import { runCli, tempDir } from './helpers/cli.js';

const HOST = 'www.hostile.test';
const NET = fileURLToPath(new URL('./safety/loopback-only.mjs', import.meta.url));
const WRAPPER = fileURLToPath(new URL('./safety/chromium-loopback.sh', import.meta.url));
let srv: Awaited<ReturnType<typeof startHostileServer>>;
beforeAll(async () => void (srv = await startHostileServer()));
afterAll(() => srv?.close());

/** Peak resident memory of the CLI process (VmHWM), sampled while it runs. */
function watchMemory(pid: number): () => number {
  let peak = 0;
  const read = () => {
    try {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb);
    } catch {
      /* exited */
    }
  };
  const timer = setInterval(read, 100);
  return () => (clearInterval(timer), peak / 1024);
}

it('audits the hostile portal: bounded, every hostile page accounted for, nothing off loopback', async () => {
  const out = tempDir();
  const violations = join(out, 'violations.txt');
  writeFileSync(violations, '');
  let peakMb: () => number = () => 0;
  const args = ['audit', `http://${HOST}/`, '--out', out, '--format', 'json,html', '--quiet', '--timeout', '3000', '--max-pages', '300', '--max-depth', '60', '--as-of', '2026-11-23', '--max-time', '150s',
    '--a11y', 'templates', '--browser-path', WRAPPER, '--resolve', `${HOST}=127.0.0.1:${srv.port}`,
    ...Object.entries(HOSTILE_RESOLVE).flatMap(([h, ip]) => ['--resolve', `${h}=${ip.includes(':') ? `[${ip}]` : ip}`])];
  const run = await runCli(args, 170_000, (child) => (peakMb = watchMemory(child.pid!)), undefined, {
    NODE_OPTIONS: `--import=${NET}`,
    PA_NET_VIOLATIONS: violations,
    PA_REAL_CHROMIUM: findChromium() ?? '/usr/bin/chromium',
    PA_DIRECT_HOSTS: HOST,
  });
  const memory = peakMb();
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect([0, 1], run.stderr).toContain(run.code);
  const report: Report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  console.log(`hostile portal: ${report.pages.length} pages in ${run.ms} ms, peak RSS ${memory.toFixed(0)} MB (CLI process)`);

  // Bounded: well inside --max-time (the crawl was not cut) and far below the 50 MB page.
  expect(report.crawl.partial).toBe(false);
  expect(run.ms).toBeLessThan(120_000);
  expect(memory).toBeLessThan(700);
  expect(readFileSync(violations, 'utf8'), 'a connection left loopback').toBe('');

  const base = `http://${HOST}`;
  for (const h of HOSTILE_PAGES) {
    const page = report.pages.find((p) => p.url === new URL(h.path, base).href);
    expect(page, `${h.what}: ${h.path} missing from pages[]`).toBeDefined();
    if (h.error) expect(page!.error, h.what).toMatch(h.error);
    else expect(page!.error, h.what).toBeNull();
    if (h.renderError) expect(page!.renderError, h.what).toMatch(h.renderError);
    if (h.title !== undefined) expect(page!.title, h.what).toBe(h.title);
  }

  // The endless calendar and the 20 000 links are cut by limits that the report names.
  expect(report.crawl.traps.some((t) => /calendar/i.test(t.kind)), JSON.stringify(report.crawl.traps)).toBe(true);
  expect(report.pages.filter((p) => p.url.includes('/calendar/')).length).toBeLessThan(40);
  expect(report.crawl.limits.maxPagesReached).toBe(true);
  expect(report.pages.find((p) => p.url.endsWith('/many-links.html'))!.linkCount).toBe(20_000);
  // Popups opened by a page are closed, never crawled.
  expect(report.pages.some((p) => /popup-\d+/.test(p.url))).toBe(false);

  // Private, link-local and metadata targets refused, and file: never read.
  const refused = report.crawl.refused;
  for (const a of ['169.254.169.254', '10.0.0.8', 'fe80::1']) expect(refused.some((r) => r.address === a), `${a}: ${JSON.stringify(refused)}`).toBe(true);
  expect(refused.some((r) => r.address === '169.254.169.254' && r.by === 'browser'), JSON.stringify(refused)).toBe(true);
  expect(JSON.stringify(report)).not.toMatch(/root:x:0:0/);

  // Injected markup is data: escaped in HTML, and the broken link under it (on the home page) is still reported.
  const htmlReport = readFileSync(join(out, 'report.html'), 'utf8');
  expect(htmlReport).not.toContain(INJECTED);
  expect(htmlReport).not.toMatch(/<script>alert|<img src=x/i);
  expect(report.findings.some((f) => f.ruleId === 'links/broken-home' && String(f.target).endsWith('/gone.html'))).toBe(true);
}, 180_000);
