// --a11y all as a consumer of the crawl: pages are analysed as the crawl finishes them, so
// Chromium works while the crawl waits on a stalled page; what it finds is what the pass after
// the crawl finds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GENERATED_HOST, serveGeneratedPortal } from '../fixtures/generated-portal.js';
import type { Listening } from '../fixtures/listen.js';
import type { Report } from '../src/report/model.js';
import { runCli, tempDir } from './helpers/cli.js';
import { runRuleOnServer } from './helpers/rule.js';

let srv: Listening;
let report: Report;

beforeAll(async () => {
  srv = await serveGeneratedPortal(5, { hangMs: 60_000 });
  const out = tempDir();
  const run = await runCli([
    'audit', `http://${GENERATED_HOST}/`, '--out', out, '--resolve', `${GENERATED_HOST}=127.0.0.1:${srv.port}`, '--resolve-only',
    '--a11y', 'all', '--timeout', '3000', '--as-of', '2026-07-01', '--screenshots', 'none', '-f', 'json', '--quiet',
  ]);
  expect(run.code, run.stderr).toBeLessThanOrEqual(1);
  report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
}, 240_000);
afterAll(() => srv?.close());

it('starts every page while the crawl runs (the stalled page does not leave Chromium idle)', () => {
  const a = report.data.accessibility as { pagesAnalysed: number; phase: { startedDuringCrawl: number; busyMs: number; wallMs: number; workers: number } };
  expect(a.pagesAnalysed).toBeGreaterThan(50);
  expect(a.phase.startedDuringCrawl).toBe(a.pagesAnalysed);
  expect(a.phase.busyMs).toBeGreaterThan(0);
  expect(a.phase.busyMs).toBeLessThanOrEqual(a.phase.wallMs * a.phase.workers + 1000);
  // The stalled page is the crawl's (a time-out), not an accessibility page.
  expect(report.pages.find((p) => p.url.endsWith('/hang.html'))?.error).toMatch(/timeout/);
});

it('finds what the pass after the crawl finds', async () => {
  const after = await runRuleOnServer('axe', srv.port, { host: GENERATED_HOST, a11y: 'all', maxPages: 5000, timeoutMs: 3000 });
  const key = (f: { ruleId: string; target: string; url: string }) => `${f.ruleId} ${f.url} ${f.target}`;
  const streamed = report.findings.filter((f) => f.ruleId.startsWith('axe/')).map(key).sort();
  expect(streamed.length).toBeGreaterThan(0);
  expect(streamed).toEqual(after.findings.filter((f) => f.ruleId.startsWith('axe/')).map(key).sort());
}, 240_000);
