// The history store's end-to-end flows, run against any store (`--db` file or postgres:// URL):
// audits of the sample portal over time, monitored weeks, two writers at once.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { chromium } from 'playwright';
import { fixtureResolve, PORTAL_HOST, startFixtureServer } from '../../fixtures/server.js';
import { CHROMIUM_FLAGS, findChromium } from '../../src/crawl/browser.js';
import { openStore } from '../../src/history/store.js';
import type { Trend } from '../../src/history/trend.js';
import type { Report } from '../../src/report/model.js';
import { buildScoreSheet } from '../../src/report/scoresheet.js';
import { validateReport } from '../../src/report/validate.js';
import { runCli, tempDir } from './cli.js';

export const PORTAL_URL = `http://${PORTAL_HOST}/`;
export const resolveFlags = (srv: { port: number; httpsPort: number }) => [...fixtureResolve(srv).flatMap((r) => ['--resolve', r]), '--resolve-only'];
const report = (out: string): Report => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
/** The monitor replays weeks in simulated time, and the audit counts such probes, only when a test says so. */
export const TEST_CLOCK = { PORTAL_AUDIT_TEST_CLOCK: '1' };

export async function auditAt(db: string, asOf: string, variant: 'defects' | 'clean', search: 'stale' | 'working', extra: string[] = [], out = tempDir()): Promise<Report> {
  const srv = await startFixtureServer({ asOf, variant, search });
  try {
    const r = await runCli(['audit', PORTAL_URL, '--out', out, '--as-of', asOf, '--db', db, '--a11y', 'none', '--screenshots', 'none', '--timeout', '3000', '--exclude', '/slow/**', '--quiet', ...resolveFlags(srv), ...extra], 170_000, undefined, undefined, TEST_CLOCK);
    expect(r.code, r.stderr).toBeLessThan(2);
    return report(out);
  } finally {
    await srv.close();
  }
}

/** Three audits with the search repaired, then every defect fixed: the score rises, `history` shows it. */
export async function threeAuditsFlow(db: string, { page }: { page: boolean }): Promise<void> {
  const first = await auditAt(db, '2026-10-01', 'defects', 'stale');
  const second = await auditAt(db, '2026-11-01', 'defects', 'working');
  const thirdOut = tempDir();
  const third = await auditAt(db, '2026-12-01', 'clean', 'working', ['--format', 'json,html'], thirdOut);
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
  // The audit's HTML report shows the trend strip: three scores, the change since the last audit.
  expect(third.history!.recent!.map((r) => r.score)).toEqual([first.score.total, second.score.total, third.score.total]);
  const html = readFileSync(join(thirdOut, 'report.html'), 'utf8');
  const strip = /<section id="trend">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  expect(strip.match(/<circle /g)).toHaveLength(3);
  expect(strip).toContain(`较上次（2026-11-01，${second.score.total} 分）上升`);
  expect(strip).toMatch(new RegExp(`已修复 ${third.history!.fixed} 项`));

  const out = tempDir();
  const h = await runCli(['history', PORTAL_URL, '--db', db, '--out', out, '--as-of', '2026-12-01']);
  expect(h.code, h.stderr).toBe(0);
  expect(h.stdout).toContain('2026-10-01');
  expect(h.stdout).toMatch(/2026-11-01\s+[\d.]+\s+\+[\d.]+/);
  const trend: Trend = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
  expect(trend.runs.map((r) => r.score)).toEqual([first.score.total, second.score.total, third.score.total]);
  expect(trend.runs[1].fixedFindings.some((f) => f.ruleId === 'search/stale-index')).toBe(true);
  if (page) await checkHistoryPage(join(out, 'history.html'));
}

/** The page draws its charts offline in Chromium, under its own CSP (no console errors). */
async function checkHistoryPage(file: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : r.abort()));
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
    expect(await page.locator('#chart-score canvas').count()).toBe(1);
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
}

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

const AS_OF = '2026-12-01';
// The week before the as-of date in China time: 2026-11-25 00:00 (UTC+8) = 2026-11-24T16:00Z.
const WEEK_START = '2026-11-24T16:00:00Z';
const vetoRow = (r: Report) => buildScoreSheet(r, 'zh').vetoes.find((v) => v.indicator === '站点无法访问')!;

async function monitorFlaky(db: string, every: string, rounds: number, from: string): Promise<number> {
  const flaky = await flakyPortal();
  try {
    const m = await runCli(['monitor', PORTAL_URL, '--db', db, '--every', every, '--rounds', String(rounds), '--simulate-from', from, '--resolve', `${PORTAL_HOST}=127.0.0.1:${flaky.port}`, '--resolve-only', '--quiet'], 170_000, undefined, undefined, TEST_CLOCK);
    expect(m.code, m.stderr).toBe(0);
    return flaky.hits();
  } finally {
    await flaky.close();
  }
}

/** A portal down 10 % of a monitored week: the veto appears in the next audit, with the probes it rests on. */
export async function vetoWeekFlow(db: string): Promise<void> {
  expect(await monitorFlaky(db, '30m', 7 * 48, WEEK_START)).toBe(7 * 48);
  const r = await auditAt(db, AS_OF, 'clean', 'working');
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
  expect(vetoRow(r).answer).toBe('yes');
  expect(vetoRow(r).evidence.join(' ')).toMatch(/共 336 次，首页 15 秒内未打开 33 次（9\.8%/);
  // The same week still answers the item when the audit itself cannot reach the site (exit 3).
  const out = tempDir();
  const down = await runCli(['audit', PORTAL_URL, '--out', out, '--as-of', AS_OF, '--db', db, '--quiet', '--resolve', `${PORTAL_HOST}=127.0.0.1:1`, '--resolve-only'], 60_000, undefined, undefined, TEST_CLOCK);
  expect(down.code, down.stderr).toBe(3);
  const unreachable = report(out);
  expect(unreachable.score.veto.map((v) => v.ruleId)).toEqual(['availability/veto-unreachable']);
  expect(vetoRow(unreachable).answer).toBe('yes');
}

/** Three days of probes (failing 10 % of the time) are too few: "not assessed", never a verdict. */
export async function thinWeekFlow(db: string): Promise<void> {
  await monitorFlaky(db, '1h', 3 * 24, '2026-11-28T16:00:00Z');
  const r = await auditAt(db, AS_OF, 'clean', 'working');
  expect(r.findings.filter((f) => f.ruleId.startsWith('availability/'))).toEqual([]);
  const a = r.data.links.availability as { assessed: boolean; why: string; probes: number };
  expect(a).toMatchObject({ assessed: false, probes: 72 });
  expect(a.why).toMatch(/4 of 7 days have fewer than 20 probes/);
  expect(vetoRow(r).answer).toBe('notAssessed');
  expect(vetoRow(r).evidence.join(' ')).toMatch(/监测探测不足（共 72 次）/);
}

/** A healthy monitored week answers the item 否 and costs nothing. */
export async function healthyWeekFlow(db: string): Promise<void> {
  const srv = await startFixtureServer({ asOf: AS_OF, variant: 'clean' });
  try {
    const m = await runCli(['monitor', PORTAL_URL, '--db', db, '--every', '1h', '--rounds', String(7 * 24), '--simulate-from', WEEK_START, ...resolveFlags(srv), '--quiet'], 170_000, undefined, undefined, TEST_CLOCK);
    expect(m.code, m.stderr).toBe(0);
  } finally {
    await srv.close();
  }
  const r = await auditAt(db, AS_OF, 'clean', 'working');
  expect(r.findings.filter((f) => f.ruleId.startsWith('availability/'))).toEqual([]);
  expect(r.data.links.availability).toMatchObject({ assessed: true, probes: 168, failed: 0, veto: false });
  expect(vetoRow(r).answer).toBe('no');
}

/** A process recording `runs` runs of `findings` findings each (and a probe per run) into the store. */
function writer(db: string, who: string, runs: number, findings: number) {
  const code = `const { openStore } = await import(${JSON.stringify(resolve('dist/src/history/store.js'))});
const s = await openStore(${JSON.stringify(db)});
for (let i = 0; i < ${runs}; i++) {
  await s.recordRun({ site: 'x.gov.cn', url: 'http://x.gov.cn/', asOf: '2026-12-01', toolVersion: 't', profile: 'gov-cn', reachable: true, score: i, passed: true, vetoes: [], groups: {}, pages: 1, limits: {},
    findings: Array.from({ length: ${findings} }, (_, k) => ({ fingerprint: '${who}' + i + '-' + k, ruleId: 'r', category: 'links', severity: 'minor', veto: false, url: 'u', target: 't', message: 'm' })) });
  await s.recordProbe({ site: 'x.gov.cn', url: 'http://x.gov.cn/', at: new Date().toISOString(), ok: true, status: 200, ttfbMs: 1, loadMs: 1, reason: null, detail: null, certDays: null, home: true, limitMs: 15000, simulated: false });
}
await s.close();`;
  return spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'inherit' });
}
const exited = (c: ReturnType<typeof spawn>) => new Promise<number | null>((done) => c.on('exit', (code) => done(code)));

/** A writer killed (SIGKILL) in the middle of its runs: the store keeps whole runs only. */
export async function killedWriterFlow(db: string): Promise<void> {
  const w = writer(db, 'k', 1000, 2000);
  await new Promise((r) => setTimeout(r, 1500));
  w.kill('SIGKILL');
  await exited(w);
  const store = await openStore(db);
  try {
    const runs = await store.runs('x.gov.cn');
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.length).toBeLessThan(1000);
    // Every run recorded has all of its findings: the one in progress left nothing behind.
    for (const r of runs) expect([r.findings, r.new + r.still]).toEqual([2000, 2000]);
  } finally {
    await store.close();
  }
}

/** Two processes writing 60 runs (20 findings each) and 60 probes each into one store at once. */
export async function twoWritersFlow(db: string): Promise<void> {
  expect(await Promise.all([exited(writer(db, 'a', 60, 20)), exited(writer(db, 'b', 60, 20))])).toEqual([0, 0]);
  const store = await openStore(db);
  try {
    const runs = await store.runs('x.gov.cn');
    expect(runs).toHaveLength(120);
    expect(runs.reduce((n, r) => n + r.findings, 0)).toBe(2400);
    // Each run's findings are all there and each run's diff was taken against one whole earlier run.
    for (const r of runs) expect(r.new + r.still).toBe(20);
    expect(await store.probes('x.gov.cn', '2000-01-01', '2100-01-01')).toHaveLength(120);
  } finally {
    await store.close();
  }
}
