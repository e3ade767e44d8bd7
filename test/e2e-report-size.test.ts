// The real-size case (issue: a county portal copy of 2 000 URLs and 2 000+ findings made a 4.7 MB
// report that froze): a generated portal of that size audited through the CLI, and the HTML report
// opened in Chromium — its size, time to interactive, phone width, language, screenshots per veto
// and the score sheet. A synthetic 100 000-finding report checks that paging keeps it usable.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_HOST, serveGeneratedPortal } from '../fixtures/generated-portal.js';
import type { Listening } from '../fixtures/listen.js';
import { CHROMIUM_FLAGS, findChromium } from '../src/crawl/browser.js';
import type { Report } from '../src/report/model.js';
import { renderHtml } from '../src/report/html.js';
import { groupFindings } from '../src/report/groups.js';
import { buildScoreSheet } from '../src/report/scoresheet.js';
import { runCli, tempDir } from './helpers/cli.js';
import { pageLeaks } from './helpers/language.js';

const MB = 1024 * 1024;
let srv: Listening;
let out: string;
let report: Report;
let browser: Browser;

beforeAll(async () => {
  srv = await serveGeneratedPortal(70);
  out = tempDir();
  const run = await runCli([
    'audit', `http://${GENERATED_HOST}/`, '--out', out, '--resolve', `${GENERATED_HOST}=127.0.0.1:${srv.port}`, '--resolve-only',
    '--max-pages', '5000', '--as-of', '2027-06-30', '--timeout', '5000', '-f', 'html,md,xlsx', '--quiet',
  ]);
  expect(run.code, run.stderr).toBe(1);
  report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_FLAGS });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

/** Milliseconds from navigation start to the report's script having drawn its tables (best of three loads). */
async function timeToInteractive(file: string): Promise<number> {
  const page = await browser.newPage();
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(pathToFileURL(file).href);
      times.push(Number(await page.evaluate(() => document.documentElement.getAttribute('data-ready'))));
    }
    return Math.min(...times);
  } finally {
    await page.close();
  }
}

describe('a 2 000-URL county portal', () => {
  it('is the real size: ≥ 2 000 URLs and ≥ 2 000 findings, most of them one dead attachment each', () => {
    const urls = new Set([...report.pages.map((p) => p.url), ...report.findings.map((f) => f.target)]);
    expect(urls.size).toBeGreaterThanOrEqual(2000);
    expect(report.findings.length).toBeGreaterThanOrEqual(2000);
    // The template's dead 专题 link is one issue naming every page it is on.
    const menu = groupFindings(report).find((g) => g.target.endsWith('/zt/old.html'));
    expect(menu?.pageCount ?? 0).toBeGreaterThanOrEqual(700);
    expect(menu?.pages.length ?? 0).toBeGreaterThanOrEqual(50);
  });

  it('HTML: ≤ 1.5 MB, interactive in < 1 s, a few thousand nodes, no sideways scroll at 390 px', async () => {
    const file = join(out, 'report.html');
    const bytes = readFileSync(file).length;
    const tti = await timeToInteractive(file);
    console.log(`report.html ${(bytes / MB).toFixed(2)} MB for ${report.findings.length} findings, interactive in ${tti} ms`);
    expect(bytes).toBeLessThanOrEqual(1.5 * MB);
    expect(tti).toBeLessThan(1000);
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(pathToFileURL(file).href);
      expect(await phone.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThan(15_000);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // Paged, and every finding reachable: the count says all, the filter narrows them.
      expect(await phone.locator('#findings tbody tr').count()).toBe(100);
      expect(await phone.textContent('#f-count')).toBe(String(report.findings.length));
      await phone.fill('#f-q', 'col3/5-b.doc');
      expect(await phone.textContent('#f-count')).toBe('1');
    } finally {
      await phone.close();
    }
  });

  it('says it in one language, with a screenshot file for every veto', async () => {
    const page = await browser.newPage();
    try {
      expect(await pageLeaks(page, pathToFileURL(join(out, 'report.html')).href, 'zh')).toEqual([]);
    } finally {
      await page.close();
    }
    const vetoes = report.findings.filter((f) => f.veto);
    expect(vetoes.length).toBeGreaterThanOrEqual(2);
    for (const f of vetoes) {
      const shot = f.evidence.screenshot as { page: string } | undefined;
      expect(shot, f.ruleId).toBeDefined();
      expect(existsSync(join(out, shot!.page))).toBe(true);
    }
  });

  it('writes a score sheet that parses back with its three sheets and the vetoes marked 是', async () => {
    const sheets = await readXlsxFile(join(out, 'scoresheet.xlsx'));
    expect(sheets.map((s) => s.sheet)).toEqual(['基本信息', '单项否决', '扣分明细']);
    const veto = sheets[1].data as unknown[][];
    expect(veto.find((r) => r[0] === '首页不更新')?.[2]).toBe('是');
    expect(veto.find((r) => r[0] === '栏目不更新')?.[2]).toBe('是');
    expect((sheets[0].data as unknown[][]).find((r) => r[0] === '网站标识码')?.[1]).toBe('3399000001');
  });
});

it('a report of 100 000 findings still opens at once: drawn a page at a time, sorted and searched in the data', async () => {
  const findings = Array.from({ length: 100_000 }, (_, i) => {
    const f = report.findings[i % report.findings.length];
    return { ...f, target: `${f.target}?copy=${i}`, fingerprint: `f${i}` };
  });
  const big: Report = { ...report, findings, score: { ...report.score, deductions: report.score.deductions.filter((d) => d.finding < findings.length) } };
  const file = join(tempDir(), 'report.html');
  writeFileSync(file, renderHtml(big, 'zh'));
  const tti = await timeToInteractive(file);
  console.log(`100 000 findings: ${(readFileSync(file).length / MB).toFixed(1)} MB, interactive in ${tti} ms`);
  expect(tti).toBeLessThan(3000);
  const page = await browser.newPage();
  try {
    await page.goto(pathToFileURL(file).href);
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThan(15_000);
    const t0 = Date.now();
    await page.click('#findings th:nth-child(7)');
    await page.fill('#f-q', 'copy=99999');
    expect(await page.textContent('#f-count')).toBe('1');
    expect(Date.now() - t0).toBeLessThan(5000);
  } finally {
    await page.close();
  }
}, 120_000);

describe('what the page embeds, whatever the findings carry', () => {
  it('stays ≤ 1.5 MB for 2 000 findings with 300 characters of unique evidence each (the budget counts the strings too)', () => {
    const findings = Array.from({ length: 2000 }, (_, i) => ({
      ...report.findings[i % report.findings.length],
      target: `http://${GENERATED_HOST}/x/${i}.pdf`,
      fingerprint: `u${i}`,
      evidence: { html: `<div class="c${i}">${'政府信息公开'.repeat(45)}${i}</div>`, sources: [{ page: `http://${GENERATED_HOST}/p/${i}.html`, text: `附件 ${i}` }] },
    }));
    const html = renderHtml({ ...report, findings, score: { ...report.score, deductions: [] } }, 'zh');
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(1.5 * MB);
  });

  it('draws hostile site text as text in the script-drawn tables: no markup, no javascript: link', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const findings = [
      { ...report.findings[0], url: 'javascript:window.__pwned=2', target: `${evil}javascript:alert(1)`, message: `消息${evil}`, evidence: { html: evil, page: 'javascript:window.__pwned=3' }, fingerprint: 'evil' },
      ...report.findings.slice(1, 5),
    ];
    const file = join(tempDir(), 'report.html');
    writeFileSync(file, renderHtml({ ...report, findings, score: { ...report.score, deductions: [] } }, 'zh'));
    const page = await browser.newPage();
    try {
      await page.goto(pathToFileURL(file).href);
      await page.locator('#findings details').first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
      expect(await page.locator('#findings img, #issues-table img').count()).toBe(0);
      expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
      expect(await page.locator('#findings tbody', { hasText: evil }).count()).toBe(1);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    } finally {
      await page.close();
    }
  });

  it('an unreachable site: the score sheet answers no veto 否 and gives no score, every group not assessed', () => {
    const down: Report = { ...report, target: { ...report.target, reachable: false }, findings: [], score: { ...report.score, deductions: [], veto: [], groups: report.score.groups.map((g) => ({ ...g, lost: 0, score: g.points, notAssessed: undefined })) } };
    const sheet = buildScoreSheet(down, 'zh');
    expect(sheet.vetoes.map((v) => v.answer)).toEqual(sheet.vetoes.map(() => 'notAssessed'));
    expect(sheet.header.find(([k]) => k === '扣分后得分')?.[1]).toMatch(/未评估/);
    expect(sheet.groups.every((g) => g.notAssessed)).toBe(true);
    const html = renderHtml(down, 'zh');
    expect(html).toContain('站点无法访问：未检测任何内容');
  });
});
