// The history store end to end: audits recorded with --db, `history` showing the trend, the
// availability veto from `monitor` probes, and a store that is bad input (missing folder, newer
// schema, locked, two writers at once).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { fixtureResolve, PORTAL_HOST, startFixtureServer } from '../fixtures/server.js';
import { runCli, tempDir } from './helpers/cli.js';
import { createAtVersion } from '../src/history/sqlite.js';
import { openStore } from '../src/history/store.js';
import { SCHEMA_VERSION } from '../src/history/schema.js';
import type { Report } from '../src/report/model.js';
import type { Trend } from '../src/history/trend.js';
import { buildScoreSheet } from '../src/report/scoresheet.js';
import { validateReport } from '../src/report/validate.js';
import { chromium } from 'playwright';
import { CHROMIUM_FLAGS, findChromium } from '../src/crawl/browser.js';

const URL_ = `http://${PORTAL_HOST}/`;
const flags = (srv: { port: number; httpsPort: number }) => [...fixtureResolve(srv).flatMap((r) => ['--resolve', r]), '--resolve-only'];
const report = (out: string): Report => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));

async function auditAt(db: string, asOf: string, variant: 'defects' | 'clean', search: 'stale' | 'working', extra: string[] = []) {
  const srv = await startFixtureServer({ asOf, variant, search });
  try {
    const out = tempDir();
    const r = await runCli(['audit', URL_, '--out', out, '--as-of', asOf, '--db', db, '--a11y', 'none', '--screenshots', 'none', '--timeout', '3000', '--exclude', '/slow/**', '--quiet', ...flags(srv), ...extra]);
    expect(r.code, r.stderr).toBeLessThan(2);
    return report(out);
  } finally {
    await srv.close();
  }
}

describe('audits over time', () => {
  const db = join(tempDir(), 'history.db');

  it('three audits with defects fixed in between: the score rises, fixed findings are listed, `history` shows it', async () => {
    const first = await auditAt(db, '2026-10-01', 'defects', 'stale');
    const second = await auditAt(db, '2026-11-01', 'defects', 'working');
    const third = await auditAt(db, '2026-12-01', 'clean', 'working');
    expect(first.history).toMatchObject({ previous: null, still: 0, fixed: 0 });
    expect(first.history!.new).toBe(first.findings.length);
    // The search was repaired: its stale-index finding is listed as fixed in the second run.
    expect(second.history!.previous).toMatchObject({ runId: first.history!.runId, asOf: '2026-10-01', score: first.score.total });
    expect(second.history!.fixedFindings.map((f) => f.ruleId)).toContain('search/stale-index');
    expect(third.history!.fixed).toBeGreaterThan(5);
    expect(second.score.total).toBeGreaterThan(first.score.total);
    expect(third.score.total).toBeGreaterThan(second.score.total);
    // report.history is part of the published schema.
    expect(validateReport(second)).toEqual([]);

    const out = tempDir();
    const h = await runCli(['history', URL_, '--db', db, '--out', out, '--as-of', '2026-12-01']);
    expect(h.code, h.stderr).toBe(0);
    expect(h.stdout).toContain('2026-10-01');
    expect(h.stdout).toMatch(/2026-11-01\s+[\d.]+\s+\+[\d.]+/);
    const trend: Trend = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
    expect(trend.runs.map((r) => r.score)).toEqual([first.score.total, second.score.total, third.score.total]);
    expect(trend.runs[1].fixedFindings.some((f) => f.ruleId === 'search/stale-index')).toBe(true);

    // The page draws its charts offline in Chromium, under its own CSP (no console errors).
    const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : r.abort()));
      await page.goto(`file://${join(out, 'history.html')}`);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
      expect(await page.locator('#chart-score canvas').count()).toBe(1);
      expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 300_000);
});

/** A loopback home page that answers 503 to every 10th request: down 10 % of the time. */
async function flakyPortal(): Promise<{ port: number; close(): Promise<void>; hits: () => number }> {
  let n = 0;
  const server = createServer((_req, res) => {
    n++;
    if (n % 10 === 0) return void res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>Service Unavailable</h1>');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><title>示范县人民政府</title></head><body><h1>示范县人民政府</h1>${'<p>政务公开 政务服务 互动交流</p>'.repeat(40)}</body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { port, hits: () => n, close: () => new Promise((r) => server.close(() => r())) };
}

describe('availability from monitor probes', () => {
  const asOf = '2026-12-01';
  // The week before the as-of date in China time: 2026-11-25 00:00 (UTC+8) = 2026-11-24T16:00Z.
  const weekStart = '2026-11-24T16:00:00Z';

  it('a portal down 10 % of a monitored week: the veto appears in the next audit, with the probes it rests on', async () => {
    const db = join(tempDir(), 'history.db');
    const flaky = await flakyPortal();
    try {
      const m = await runCli(['monitor', URL_, '--db', db, '--every', '30m', '--rounds', String(7 * 48), '--simulate-from', weekStart, '--resolve', `${PORTAL_HOST}=127.0.0.1:${flaky.port}`, '--resolve-only', '--quiet']);
      expect(m.code, m.stderr).toBe(0);
      expect(flaky.hits()).toBe(7 * 48);
    } finally {
      await flaky.close();
    }
    const r = await auditAt(db, asOf, 'clean', 'working', ['--format', 'json,xlsx']);
    const veto = r.findings.find((f) => f.ruleId === 'availability/veto-unreachable');
    expect(veto?.veto).toBe(true);
    expect(veto?.evidence).toMatchObject({ probes: 336, failed: 33 });
    expect(r.score.veto.map((v) => v.ruleId)).toContain('availability/veto-unreachable');
    expect(r.score.passed).toBe(false);
    const a = r.data.links.availability as { assessed: boolean; perDay: { probes: number }[]; reasons: Record<string, number> };
    expect(a.assessed).toBe(true);
    expect(a.perDay.map((d) => d.probes)).toEqual([48, 48, 48, 48, 48, 48, 48]);
    expect(a.reasons).toEqual({ 'http-5xx': 33 });
    // The national score sheet answers the item 是 from the probes.
    const row = buildScoreSheet(r, 'zh').vetoes.find((v) => v.indicator === '站点无法访问')!;
    expect(row.answer).toBe('yes');
    expect(row.evidence.join(' ')).toMatch(/共 336 次，首页 15 秒内未打开 33 次（9\.8%/);
  }, 240_000);

  it('too few probes is "not assessed", never a verdict', async () => {
    const db = join(tempDir(), 'history.db');
    const flaky = await flakyPortal();
    try {
      // Three days of probes only (and failing 10 % of the time).
      const m = await runCli(['monitor', URL_, '--db', db, '--every', '1h', '--rounds', String(3 * 24), '--simulate-from', '2026-11-28T16:00:00Z', '--resolve', `${PORTAL_HOST}=127.0.0.1:${flaky.port}`, '--resolve-only', '--quiet']);
      expect(m.code, m.stderr).toBe(0);
    } finally {
      await flaky.close();
    }
    const r = await auditAt(db, asOf, 'clean', 'working');
    expect(r.findings.filter((f) => f.ruleId.startsWith('availability/'))).toEqual([]);
    const a = r.data.links.availability as { assessed: boolean; why: string; probes: number };
    expect(a).toMatchObject({ assessed: false, probes: 72 });
    expect(a.why).toMatch(/4 of 7 days have fewer than 20 probes/);
    const row = buildScoreSheet(r, 'zh').vetoes.find((v) => v.indicator === '站点无法访问')!;
    expect(row.answer).toBe('notAssessed');
    expect(row.evidence.join(' ')).toMatch(/监测探测不足（共 72 次）/);
  }, 240_000);

  it('a healthy monitored week answers the item 否 and costs nothing', async () => {
    const db = join(tempDir(), 'history.db');
    const srv = await startFixtureServer({ asOf, variant: 'clean' });
    try {
      const m = await runCli(['monitor', URL_, '--db', db, '--every', '1h', '--rounds', String(7 * 24), '--simulate-from', weekStart, ...flags(srv), '--quiet']);
      expect(m.code, m.stderr).toBe(0);
    } finally {
      await srv.close();
    }
    const r = await auditAt(db, asOf, 'clean', 'working');
    expect(r.findings.filter((f) => f.ruleId.startsWith('availability/'))).toEqual([]);
    expect(r.data.links.availability).toMatchObject({ assessed: true, probes: 168, failed: 0, veto: false });
    expect(buildScoreSheet(r, 'zh').vetoes.find((v) => v.indicator === '站点无法访问')!.answer).toBe('no');
  }, 240_000);
});

describe('the store as bad input', () => {
  const run = (db: string, env: Record<string, string> = {}) => runCli(['audit', 'http://127.0.0.1:9/', '--out', tempDir(), '--db', db, '--quiet'], 60_000, undefined, undefined, env);

  it('a missing folder, a newer schema, a file that is no database: exit 2 before any crawl', async () => {
    const missing = await run('/nonexistent/dir/h.db');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--db .*folder .* does not exist/);
    const newer = join(tempDir(), 'h.db');
    const d = new Database(newer);
    d.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    d.close();
    const r = await run(newer);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/newer portal-audit/);
    const junk = join(tempDir(), 'h.db');
    writeFileSync(junk, 'not a database at all, just text '.repeat(100));
    const j = await run(junk);
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/not an SQLite database|file is not a database/);
  });

  it('a file another process holds locked: exit 2 with the reason, before any crawl', async () => {
    const file = join(tempDir(), 'h.db');
    (await openStore(file)).close();
    const holder = new Database(file);
    holder.prepare('BEGIN IMMEDIATE').run();
    try {
      const r = await run(file, { PORTAL_AUDIT_DB_BUSY_MS: '1500' });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/locked by another process/);
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
  });

  it('an older file is upgraded in place, its runs kept', async () => {
    const file = join(tempDir(), 'h.db');
    createAtVersion(file, 1);
    const old = new Database(file);
    old.prepare("INSERT INTO runs (site, url, as_of, recorded_at, tool_version, profile, reachable, score, passed, vetoes, groups, pages, findings, limits) VALUES ('x.gov.cn', 'http://x.gov.cn/', '2026-01-01', '2026-01-01T00:00:00Z', '0.1', 'gov-cn', 1, 71.5, 1, '[]', '{}', 10, 0, '{}')").run();
    old.close();
    const store = await openStore(file);
    expect((await store.runs('x.gov.cn')).map((r) => [r.asOf, r.score, r.batch])).toEqual([['2026-01-01', 71.5, null]]);
    await store.recordProbe({ site: 'x.gov.cn', url: 'http://x.gov.cn/', at: '2026-01-01T01:00:00Z', ok: true, status: 200, ttfbMs: 5, loadMs: 9, reason: null, detail: null, certDays: null });
    await store.close();
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('two processes writing the same file at once: every run recorded, the file intact', async () => {
    const file = join(tempDir(), 'h.db');
    const storeModule = resolve('dist/src/history/store.js');
    const writer = (who: string) =>
      new Promise<number | null>((done) => {
        const code = `const { openStore } = await import(${JSON.stringify(storeModule)});
const s = await openStore(${JSON.stringify(file)});
for (let i = 0; i < 60; i++) {
  await s.recordRun({ site: 'x.gov.cn', url: 'http://x.gov.cn/', asOf: '2026-12-01', toolVersion: 't', profile: 'gov-cn', reachable: true, score: i, passed: true, vetoes: [], groups: {}, pages: 1, limits: {},
    findings: Array.from({ length: 20 }, (_, k) => ({ fingerprint: '${who}' + i + '-' + k, ruleId: 'r', category: 'links', severity: 'minor', veto: false, url: 'u', target: 't', message: 'm' })) });
  await s.recordProbe({ site: 'x.gov.cn', url: 'http://x.gov.cn/', at: new Date().toISOString(), ok: true, status: 200, ttfbMs: 1, loadMs: 1, reason: null, detail: null, certDays: null });
}
await s.close();`;
        spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'inherit' }).on('exit', done);
      });
    expect(await Promise.all([writer('a'), writer('b')])).toEqual([0, 0]);
    const d = new Database(file);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(d.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 120 });
    expect(d.prepare('SELECT count(*) AS n FROM run_findings').get()).toEqual({ n: 2400 });
    expect(d.prepare('SELECT count(*) AS n FROM probes').get()).toEqual({ n: 120 });
    d.close();
    expect(existsSync(file)).toBe(true);
  });
});

