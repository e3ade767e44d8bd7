// Batch mode, local: three sample-portal instances (the clean variant, the defects variant twice
// under different names) plus an unreachable one, audited by the real CLI; the league table must
// rank them as their defects say, keep the unreachable one as a row, escape portal names, and a
// --resume run must reuse every finished portal and give the same ranking.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, findChromium } from '../src/crawl/browser.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import type { BatchSummary } from '../src/batch/summary.js';
import { runCli, tempDir, type CliRun } from './helpers/cli.js';

let clean: FixtureServer;
let defects: FixtureServer;
let out: string;
let file: string;
let first: CliRun;
let summary: BatchSummary;

beforeAll(async () => {
  [clean, defects] = await Promise.all([startFixtureServer({ asOf: X.FIXTURE_AS_OF, variant: 'clean' }), startFixtureServer({ asOf: X.FIXTURE_AS_OF })]);
  out = tempDir();
  file = join(out, '..', `${out.split('/').pop()}-portals.csv`);
  writeFileSync(
    file,
    [
      'url,name,region,department,asOf',
      `${defects.url},示范县（问题版）,浙江,县政府,${X.FIXTURE_AS_OF}`,
      `${clean.url},示范县（整改版）,浙江,县政府,${X.FIXTURE_AS_OF}`,
      `http://127.0.0.1:1/,<b>停运网站</b>,江苏,,${X.FIXTURE_AS_OF}`,
      `${defects.url.replace('127.0.0.1', 'localhost')},示范县（镜像）,江苏,县政府,${X.FIXTURE_AS_OF}`,
    ].join('\n') + '\n',
  );
  first = await runCli(['batch', file, '--out', out, '--a11y', 'none', '--timeout', '3000', '--resolve-only', '--portals', '2'], 300_000);
  summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
}, 320_000);
afterAll(async () => {
  await clean?.close();
  await defects?.close();
});

describe('batch, local', () => {
  it('audits every portal and ranks them: the clean variant first, the two defect copies tied, the dead site last', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(summary.rows.map((r) => [r.name, r.rank, r.status, r.passed])).toEqual([
      ['示范县（整改版）', 1, 'audited', true],
      ['示范县（问题版）', 2, 'audited', false],
      ['示范县（镜像）', 2, 'audited', false],
      ['<b>停运网站</b>', null, 'unreachable', null],
    ]);
    expect(summary).toMatchObject({ portals: 4, audited: 3, passed: 1, failed: 2, unreachable: 1, errors: 0 });
    const bad = summary.rows[1];
    expect(bad.veto.length).toBeGreaterThan(0);
    expect(bad.score).toBe(summary.rows[2].score);
    expect(summary.rows[3].error).toMatch(/ECONNREFUSED/);
    for (const r of summary.rows) expect(JSON.parse(readFileSync(join(out, r.folder, 'report.json'), 'utf8')).target.url).toBe(r.url);
    expect(first.stdout).toMatch(/\[4\/4\]/);
  });

  it('writes CSV and an offline HTML league table that escapes portal text', () => {
    const csv = readFileSync(join(out, 'summary.csv'), 'utf8');
    expect(csv.split('\r\n')[1]).toMatch(/^1,示范县（整改版）,/);
    const html = readFileSync(join(out, 'summary.html'), 'utf8');
    expect(html).not.toContain('<b>停运网站</b>');
    expect(html).toContain('&lt;b&gt;停运网站&lt;/b&gt;');
    expect(html).toContain(`href="${encodeURI(summary.rows[0].folder)}/report.html"`);
    expect(html).not.toMatch(/src="https?:|href="https?:\/\/(?!127\.0\.0\.1|localhost)/);
  });

  it('the league table opens offline in Chromium: no errors, no requests, portal text as text, filters work', async () => {
    const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(join(out, 'summary.html')).href);
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      expect(await page.locator('#league tbody tr').count()).toBe(4);
      expect(await page.locator('#league b', { hasText: '停运网站' }).count()).toBe(0);
      expect(await page.locator('#league td', { hasText: '<b>停运网站</b>' }).count()).toBe(1);
      const shown = () => page.locator('#league tbody tr:not([hidden])').count();
      await page.selectOption('#verdict', 'failed');
      expect(await shown()).toBe(2);
      await page.selectOption('#verdict', '');
      await page.selectOption('#region', '江苏');
      expect(await shown()).toBe(2);
      await page.selectOption('#region', '');
      await page.fill('#q', '整改版');
      expect(await shown()).toBe(1);
      expect(await page.textContent('#count')).toBe('1');
    } finally {
      await browser.close();
    }
  });

  it('--resume reuses finished portals and gives the same ranking', async () => {
    const again = await runCli(['batch', file, '--out', out, '--a11y', 'none', '--timeout', '3000', '--resolve-only', '--resume'], 120_000);
    expect(again.code).toBe(0);
    expect((again.stdout.match(/\(earlier run\)/g) ?? []).length).toBe(3);
    const s: BatchSummary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.rows.map((r) => [r.name, r.rank, r.score])).toEqual(summary.rows.map((r) => [r.name, r.rank, r.score]));
  }, 120_000);

  it('a portal over --portal-timeout stops with a partial report, marked in the summary, and the batch goes on', async () => {
    const slow = join(out, 'slow.csv');
    writeFileSync(slow, `url,name,asOf\n${defects.url},慢站,${X.FIXTURE_AS_OF}\n`);
    const dir = join(out, 'slow');
    const t0 = Date.now();
    const r = await runCli(['batch', slow, '--out', dir, '--a11y', 'none', '--delay', '400', '--portal-timeout', '0.05'], 60_000);
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - t0).toBeLessThan(30_000);
    const s: BatchSummary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(s.rows[0]).toMatchObject({ status: 'audited', partial: true });
    expect(s.rows[0].pages).toBeLessThan(40);
    expect(r.stdout).toMatch(/partial: stopped early/);
    expect(JSON.parse(readFileSync(join(dir, s.rows[0].folder, 'report.json'), 'utf8')).crawl.partial).toBe(true);
  });

  it('a bad batch file is a usage error naming the row', async () => {
    const bad = join(out, 'bad.csv');
    writeFileSync(bad, 'url,name\nnot-a-url,x\n');
    const r = await runCli(['batch', bad, '--out', join(out, 'b')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv: row 1: url must be an http\(s\) URL/);
  });
});
