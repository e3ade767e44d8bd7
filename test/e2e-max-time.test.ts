// --max-time: an endless, slow site is cut off on time, cleanly, with a partial report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Report } from '../src/report/model.js';
import { runCli, tempDir } from './helpers/cli.js';
import { serve } from './helpers/server.js';

let srv: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  // Every page answers after 150 ms and links to five more: it never ends.
  srv = await serve({
    '*': (req, res) => {
      const n = Number(/\d+/.exec(req.url ?? '')?.[0] ?? 0);
      const links = [1, 2, 3, 4, 5].map((i) => `<a href="/p${n * 5 + i}.html">第${n * 5 + i}页</a>`).join('');
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>第${n}页</title></head><body>${links}</body></html>`), 150);
    },
  });
});
afterAll(() => srv?.close());

it('stops the crawl after --max-time and reports what it covered as partial', async () => {
  const out = tempDir();
  const run = await runCli(['audit', srv.url, '--out', out, '--max-time', '3s', '--max-pages', '100000', '--max-depth', '50', '--a11y', 'none', '--quiet']);
  const report: Report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  expect(report.crawl.partial).toBe(true);
  expect(report.crawl.limits.maxTimeReached).toBe(true);
  expect(report.pages.length).toBeGreaterThan(5);
  expect(report.crawl.durationMs).toBeLessThan(3000 + 2000);
  expect(run.ms).toBeLessThan(30_000);
  expect([0, 1]).toContain(run.code);
}, 60_000);

it('rejects a malformed --max-time with exit 2', async () => {
  const r = await runCli(['audit', srv.url, '--max-time', 'soon']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/maxTime: expected a duration/);
});
