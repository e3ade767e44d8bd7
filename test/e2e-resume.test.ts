// Nothing lost: SIGKILL the CLI mid-crawl, run it again with --resume, and the report must have
// exactly the pages and findings of an uninterrupted run, without the finished pages being
// fetched again. A loopback proxy in front of the sample portal slows it down and counts requests.
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureResolve, startFixtureServer, PORTAL_HOST, type FixtureServer } from '../fixtures/server.js';
import { listenLoopback, type Listening } from '../fixtures/listen.js';
import * as X from '../fixtures/portal/expected.js';
import type { Report } from '../src/report/model.js';
import { runCli, tempDir } from './helpers/cli.js';

const ORIGIN = `http://${PORTAL_HOST}`;
let srv: FixtureServer;
let proxy: Listening;
const hits: string[] = [];

/** Forwards to the fixture server after 30 ms, recording each request's method and path. */
function slowProxy(upstreamPort: number): http.Server {
  return http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    setTimeout(() => {
      const up = http.request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
    }, 30);
  });
}

beforeAll(async () => {
  srv = await startFixtureServer({ asOf: X.FIXTURE_AS_OF });
  proxy = await listenLoopback(slowProxy(srv.port), 0);
});
afterAll(async () => {
  await proxy?.close();
  await srv?.close();
});

const resolve = () => fixtureResolve(srv).map((r) => (r.startsWith(`${PORTAL_HOST}=`) ? `${PORTAL_HOST}=127.0.0.1:${proxy.port}` : r));
const args = (out: string, ...extra: string[]) =>
  ['audit', `${ORIGIN}/`, '--out', out, '--as-of', X.FIXTURE_AS_OF, '--timeout', '3000', '--a11y', 'none', '--quiet', '--resolve-only', ...resolve().flatMap((r) => ['--resolve', r]), ...extra];
const load = (dir: string): Report => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
const findingKeys = (r: Report) => r.findings.map((f) => JSON.stringify([f.ruleId, f.severity, f.url, f.target, f.message])).sort();
const pageKeys = (r: Report) => r.pages.map((p) => JSON.stringify([p.url, p.status, p.depth, p.title, p.error])).sort();
const journalLines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length - 1 : 0);

it('SIGKILL mid-crawl, then --resume: same pages and findings as an uninterrupted run, finished pages not fetched again', async () => {
  const whole = tempDir();
  const full = await runCli(args(whole));
  expect([0, 1]).toContain(full.code);
  expect(existsSync(join(whole, '.portal-audit')), 'a completed run removes its checkpoint').toBe(false);
  const reference = load(whole);

  const out = tempDir();
  const journal = join(out, '.portal-audit', 'crawl.jsonl');
  const killed = await runCli(args(out), 120_000, (child) => {
    const timer = setInterval(() => {
      if (journalLines(journal) >= 40) {
        clearInterval(timer);
        child.kill('SIGKILL');
      }
    }, 20);
    child.on('exit', () => clearInterval(timer));
  });
  expect(killed.code).toBeNull(); // killed, not finished
  expect(existsSync(join(out, 'report.json'))).toBe(false);
  const records = readFileSync(journal, 'utf8').split('\n').slice(1).flatMap((l) => {
    try {
      return [JSON.parse(l).page as { url: string; html: boolean }];
    } catch {
      return []; // the line the kill cut short
    }
  });
  const finished = records.map((p) => p.url);
  const finishedPages = records.filter((p) => p.html).map((p) => p.url);
  expect(finished.length).toBeGreaterThanOrEqual(40);
  expect(finished.length).toBeLessThan(reference.pages.length);

  hits.length = 0;
  const resumed = await runCli(args(out, '--resume'));
  expect(resumed.code, resumed.stderr).toBe(full.code);
  const report = load(out);
  expect(report.crawl.resumedPages).toBe(finished.length);
  expect(report.crawl.partial).toBe(false);
  expect(pageKeys(report)).toEqual(pageKeys(reference));
  expect(findingKeys(report)).toEqual(findingKeys(reference));
  expect(report.score.total).toBe(reference.score.total);
  // Finished pages were not crawled again (rules may still look at a page or two in the browser).
  // Documents are left out: the personal-data rule downloads attachments after every crawl, resumed or not.
  const refetched = finishedPages.filter((u) => hits.includes(`GET ${new URL(u).pathname}${new URL(u).search}`));
  console.log(`resume: killed after ${finished.length}/${reference.pages.length} pages; resumed run made ${hits.length} requests, re-fetched ${refetched.length} finished pages; ${report.findings.length} findings identical`);
  expect(refetched.length, refetched.join('\n')).toBeLessThanOrEqual(2);
}, 200_000);

it('refuses to resume a checkpoint of a different audit (exit 2)', async () => {
  const out = tempDir();
  const interrupted = await runCli(args(out, '--max-time', '1s'));
  expect([0, 1]).toContain(interrupted.code);
  expect(load(out).crawl.partial).toBe(true);
  const other = await runCli(args(out, '--resume', '--max-pages', '7'));
  expect(other.code).toBe(2);
  expect(other.stderr).toMatch(/checkpoint of a different audit \(maxPages was 500, now 7\)/);
}, 120_000);
