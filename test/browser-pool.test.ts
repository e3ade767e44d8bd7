// The browser tier survives what hostile pages and a dying Chromium do to it: a renderer crash is
// a clear error for that page only, and a killed browser is relaunched for the next page.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BrowserPool } from '../src/crawl/browser.js';
import { html, serve } from './helpers/server.js';

let srv: Awaited<ReturnType<typeof serve>>;
let pool: BrowserPool;
const PAGE = '<!DOCTYPE html><html><head><title>正常</title></head><body><p>正常页面</p></body></html>';

beforeAll(async () => {
  srv = await serve({ '/ok.html': html(PAGE), '/spin.html': html('<html><body><script>while (true) {}</script></body></html>') });
  pool = new BrowserPool({ resolve: new Map(), resolveOnly: false, timeoutMs: 2000, userAgent: 'portal-audit-test', contexts: 1 });
});
afterAll(async () => {
  await pool?.close();
  await srv?.close();
});

/** Chromium's browser process: a direct child of this worker whose command line is chromium's. */
function chromiumPids(): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), '-f', 'chromium'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

it('reports a renderer crash for that page and keeps rendering others', async () => {
  const crash = pool.withPage(async (p) => {
    await p.goto('chrome://crash').catch(() => {});
    await p.waitForTimeout(5000);
  });
  await expect(crash).rejects.toThrow(/renderer crash/);
  expect((await pool.render(`${srv.url}ok.html`)).html).toContain('正常页面');
});

it('times out a page whose script never ends, then renders the next one', async () => {
  const t0 = Date.now();
  await expect(pool.render(`${srv.url}spin.html`)).rejects.toThrow(/render timed out after 2000 ms/);
  expect(Date.now() - t0).toBeLessThan(10_000);
  expect((await pool.render(`${srv.url}ok.html`)).html).toContain('正常页面');
});

it('relaunches the browser after it was killed', async () => {
  await pool.render(`${srv.url}ok.html`);
  const pids = chromiumPids();
  expect(pids.length).toBeGreaterThan(0);
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  // The next page may land before Playwright notices; a page lost to the dying browser is an error, not a hang.
  await pool.render(`${srv.url}ok.html`).catch(() => null);
  await new Promise((r) => setTimeout(r, 200));
  expect((await pool.render(`${srv.url}ok.html`)).html).toContain('正常页面');
  expect(pool.relaunches).toBe(1);
}, 60_000);
