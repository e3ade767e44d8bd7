// Link checks of other sites start while the crawl runs (Rule.prefetch): a slow foreign server
// is asked during the crawl, not after it, and the links rule finds the answers waiting.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GENERATED_HOST, serveGeneratedPortal } from '../fixtures/generated-portal.js';
import { listenLoopback, type Listening } from '../fixtures/listen.js';
import type { Report } from '../src/report/model.js';
import { runCli, tempDir } from './helpers/cli.js';

const SLOW_HOST = 'www.slow-partner.test';
const asked: { path: string; at: number }[] = [];
let portal: Listening;
let slow: Listening;
let report: Report;

beforeAll(async () => {
  // Each answer takes 1.5 s: eight of them checked after the crawl would cost seconds.
  slow = await listenLoopback(
    createServer((req, res) => {
      asked.push({ path: req.url ?? '', at: Date.now() });
      setTimeout(() => res.writeHead(req.url?.includes('gone') ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>ok</title>'), 1500);
    }),
  );
  const external = Array.from({ length: 8 }, (_, i) => `http://${SLOW_HOST}/page${i}${i === 3 ? '-gone' : ''}.html`);
  portal = await serveGeneratedPortal(4, { externalLinks: external });
  const out = tempDir();
  const run = await runCli([
    'audit', `http://${GENERATED_HOST}/`, '--out', out, '--resolve', `${GENERATED_HOST}=127.0.0.1:${portal.port}`, '--resolve', `${SLOW_HOST}=127.0.0.1:${slow.port}`,
    '--resolve-only', '--a11y', 'none', '--as-of', '2026-07-01', '--timeout', '5000', '--screenshots', 'none', '-f', 'json', '--quiet',
  ]);
  expect(run.code, run.stderr).toBeLessThanOrEqual(1);
  report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
}, 180_000);
afterAll(async () => {
  await portal?.close();
  await slow?.close();
});

it('asks the foreign server during the crawl, and the links rule reports what it answered', () => {
  const crawlEnd = Date.parse(report.crawl.finishedAt);
  expect(asked.length).toBeGreaterThanOrEqual(8);
  // The first checks began before the crawl ended (they were not started by the rule after it).
  expect(Math.min(...asked.map((a) => a.at))).toBeLessThan(crawlEnd);
  const gone = report.findings.filter((f) => f.ruleId.startsWith('links/') && f.target.includes(SLOW_HOST));
  expect(gone.map((f) => f.target)).toEqual([`http://${SLOW_HOST}/page3-gone.html`]);
  // Each URL asked once (HEAD, maybe a GET fallback), however many pages carry it.
  const perUrl = new Map<string, number>();
  for (const a of asked) perUrl.set(a.path, (perUrl.get(a.path) ?? 0) + 1);
  expect(Math.max(...perUrl.values())).toBeLessThanOrEqual(2);
});
