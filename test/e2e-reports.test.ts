// Every report format from one real audit of the sample portal: JSON and SARIF against their
// schemas, JUnit and CSV parsed back, Markdown read, and the HTML report opened in Chromium
// (no console errors, no requests, filters and sorting work, site text stays text).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureResolve, startFixtureServer, PORTAL_HOST, type FixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import { CHROMIUM_FLAGS, findChromium } from '../src/crawl/browser.js';
import type { Report } from '../src/report/model.js';
import { validateReport } from '../src/report/validate.js';
import { runCli, tempDir } from './helpers/cli.js';
import { markdownProse, otherLanguage, pageLeaks } from './helpers/language.js';
import readXlsxFile from 'read-excel-file/node';

const ORIGIN = `http://${PORTAL_HOST}`;
let srv: FixtureServer;
let out: string;
let code: number | null;
let report: Report;
const read = (name: string) => readFileSync(join(out, name), 'utf8');

beforeAll(async () => {
  srv = await startFixtureServer({ asOf: X.FIXTURE_AS_OF });
  out = tempDir();
  const resolve = fixtureResolve(srv).flatMap((r) => ['--resolve', r]);
  const run = await runCli(['audit', `${ORIGIN}/`, '--out', out, '--as-of', X.FIXTURE_AS_OF, '--timeout', '3000', '-f', 'all', '--quiet', '--resolve-only', ...resolve]);
  code = run.code;
  report = JSON.parse(read('report.json'));
}, 180_000);
afterAll(() => srv?.close());

describe('screenshot evidence (截图取证)', () => {
  it('takes a dated JPEG of the page behind every veto, the account page for accounts, the element outlined when there is one', () => {
    const vetoes = report.findings.filter((f) => f.veto);
    expect(vetoes.length).toBeGreaterThan(0);
    for (const f of vetoes) {
      const shot = f.evidence.screenshot as { page: string; url: string; takenAt: string; element?: string } | undefined;
      expect(shot, `${f.ruleId} ${f.url} ${String(f.evidence.screenshotError ?? '')}`).toBeDefined();
      const bytes = readFileSync(join(out, shot!.page));
      expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xff, 0xd8, 0xff]);
      expect(shot!.takenAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(shot!.url).toBe(f.category === 'accounts' ? f.target : f.url);
    }
    expect(read('report.html')).toContain('截图取证');
  });
});

describe('gov-cn verdict on the sample portal', () => {
  it('fails with its veto reasons listed and every point accounted for', () => {
    expect(code).toBe(1);
    expect(report.score.profile).toBe('gov-cn');
    expect(report.score.passed).toBe(false);
    const vetoRules = report.score.veto.map((v) => v.ruleId);
    expect(vetoRules).toEqual(expect.arrayContaining(['accounts/dead', 'accounts/dormant', 'accounts/stale', 'interaction/unanswered']));
    expect(report.score.veto).toHaveLength(report.findings.filter((f) => f.veto).length);
    expect(report.gate.passed).toBe(false);
    const lost = report.score.deductions.reduce((n, d) => n + d.points, 0);
    expect(100 - lost).toBeCloseTo(report.score.total, 1);
    for (const g of report.score.groups) expect(g.lost).toBeLessThanOrEqual(g.points);
  });
});

describe('machine formats', () => {
  it('report.json is valid against the published schema', () => {
    expect(validateReport(report)).toEqual([]);
  });

  it('SARIF 2.1.0 is valid against the OASIS schema and has a located result per finding', () => {
    const sarif = JSON.parse(read('report.sarif'));
    const require = createRequire(import.meta.url);
    const Ajv = require('ajv') as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };
    const ajv = new Ajv({ strict: false, allErrors: true });
    (require('ajv-formats') as (a: object) => void)(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(new URL('./schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8')));
    expect(validate(sarif), JSON.stringify(validate.errors)?.slice(0, 2000)).toBe(true);
    const run = sarif.runs[0];
    expect(run.results).toHaveLength(report.findings.length);
    const rules = run.tool.driver.rules as { id: string; help: { text: string } }[];
    for (const r of run.results as { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]) {
      expect(rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^https?:\/\//);
    }
    expect(rules.every((r) => r.help.text.length > 20)).toBe(true);
  });

  it('JUnit XML parses back: a test case per rule check, a failure per non-info finding, the gate as a failing case', () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase', 'failure'].includes(n) });
    const doc = parser.parse(read('report.junit.xml'));
    const suites = doc.testsuites.testsuite as { name: string; testcase: { name: string; failure?: unknown[] }[] }[];
    const cases = suites.flatMap((s) => s.testcase);
    const failures = cases.flatMap((c) => c.failure ?? []);
    const gate = suites.find((s) => s.name === 'gate')!;
    expect(gate.testcase[0].failure).toHaveLength(1);
    expect(failures.length - 1).toBe(report.findings.filter((f) => f.severity !== 'info').length);
    for (const id of new Set(report.findings.map((f) => f.ruleId))) expect(cases.some((c) => c.name === id), id).toBe(true);
    expect(Number(doc.testsuites.tests)).toBe(cases.length);
  });

  it('CSV parses back to the findings, with formula-looking cells neutralised', () => {
    const rows = parseCsv(read('findings.csv'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(report.findings.length);
    // A Chinese site's report: Chinese headers and words, rule ids and fingerprints as they are.
    expect(Object.keys(rows[0])).toEqual(['规则', '类别', '严重程度', '单项否决', '基线状态', '扣分', '页面', '对象', '说明', '指纹', '证据']);
    rows.forEach((r, i) => {
      expect(r['规则']).toBe(report.findings[i].ruleId);
      expect(r['指纹']).toBe(report.findings[i].fingerprint);
      expect(r['单项否决']).toBe(report.findings[i].veto ? '是' : '');
      expect(JSON.parse(r['证据'])).toEqual(report.findings[i].evidence);
    });
    expect(rows.every((r) => !/^[=+@]/.test(r['说明']) && !/^[=+@]/.test(r['对象']))).toBe(true);
  });

  it('Markdown summary names the verdict, the veto items and the worst findings', () => {
    const md = read('report.md');
    expect(md).toMatch(/^## ❌ portal-audit: /);
    for (const v of report.score.veto) expect(md).toContain(`\`${v.ruleId}\``);
    expect(md).toContain('| --- |');
    expect(md).not.toMatch(/<script|<img/i);
  });
});

describe('HTML report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_FLAGS });
    page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(out, 'report.html')).href);
  });
  afterAll(() => browser?.close());

  it('renders with no console errors and no network requests', async () => {
    expect(await page.locator('h1').count()).toBe(1);
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    // The findings list is drawn from the data block, 100 rows to a page.
    expect(await page.locator('#findings tbody tr').count()).toBe(Math.min(100, report.findings.length));
    expect(await page.locator('#pages-table tbody tr').count()).toBe(Math.min(100, report.pages.length));
  });

  it('filters by category, severity and text, and sorts', async () => {
    const visible = () => page.locator('#findings tbody tr');
    const count = async () => Number(await page.textContent('#f-count'));
    await page.selectOption('#f-cat', 'links');
    expect(await count()).toBe(report.findings.filter((f) => f.category === 'links').length);
    expect(await visible().count()).toBe(Math.min(100, await count()));
    await page.selectOption('#f-sev', 'serious');
    expect(await count()).toBe(report.findings.filter((f) => f.category === 'links' && f.severity === 'serious').length);
    for (const cell of await visible().locator('td:nth-child(3)').allTextContents()) expect(cell).toBe('链接可用性');
    await page.selectOption('#f-cat', '');
    await page.selectOption('#f-sev', '');
    await page.fill('#f-q', 'redirect-loop');
    expect(await count()).toBe(report.findings.filter((f) => f.ruleId === 'links/redirect-loop').length);
    expect(await visible().count()).toBe(await count());
    await page.fill('#f-q', '');
    await page.click('#findings th:nth-child(7)');
    await page.click('#findings th:nth-child(7)');
    const pointsShown = async () => (await page.locator('#findings tbody tr td:nth-child(7)').allTextContents()).map((x) => Number(x.replace('−', '') || 0));
    const max = Math.max(...report.score.deductions.map((d) => d.points));
    expect((await pointsShown())[0]).toBeCloseTo(max, 5);
    // The sort holds when a filter changes the rows.
    await page.selectOption('#f-sev', 'critical');
    const shown = await pointsShown();
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
    await page.selectOption('#f-sev', '');
  });

  it('does not scroll sideways on a 390 px phone, evidence open or closed, and prints with its evidence open', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(pathToFileURL(join(out, 'report.html')).href);
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await phone.evaluate(() => document.querySelectorAll('#veto details, #issues details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.emulateMedia({ media: 'print' });
      // In print, a veto's evidence is on paper (its <details> open); the long lists are left to report.json.
      const evidence = await phone.evaluate(() => [...document.querySelectorAll('#veto details > pre')].map((e) => (e as HTMLElement).offsetParent !== null));
      expect(evidence.length).toBe(report.score.veto.length);
      expect(evidence.every(Boolean)).toBe(true);
      expect(await phone.evaluate(() => (document.querySelector('#findings') as HTMLElement).offsetParent)).toBeNull();
      expect(await phone.locator('#findings-section .print-only').isVisible()).toBe(true);
      // Nothing runs off an A4 page (~794 CSS px wide): tables wrap, evidence wraps.
      await phone.setViewportSize({ width: 794, height: 1123 });
      const overflow = await phone.evaluate(() => [...document.querySelectorAll('main *')].filter((e) => (e as HTMLElement).offsetParent !== null && e.getBoundingClientRect().right > 794 + 1).map((e) => e.tagName + '.' + e.className).slice(0, 5));
      expect(overflow).toEqual([]);
      // A readable paginated document: a cover and contents, tens of A4 pages, not one per finding.
      const pdf = await phone.pdf({ format: 'A4' });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      expect(pages).toBeGreaterThan(2);
      expect(pages).toBeLessThan(60);
    } finally {
      await phone.close();
    }
  });

  it('shows a page title containing markup as text, and runs no script from the site', async () => {
    const title = X.hostilePage.title;
    expect(report.pages.some((p) => p.title?.includes('<script>'))).toBe(true);
    // The pages list is paged: turn pages until the hostile page's row is drawn.
    const next = page.locator('[data-pager="pages-table"] button').nth(1);
    for (let i = 0; i < 20 && !(await page.locator('#pages td', { hasText: title }).count()); i++) await next.click();
    expect(await page.locator('#pages td', { hasText: title }).first().isVisible()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    // The only images are the audit's own screenshots beside the report (evidence/), none from the site.
    const srcs = await page.locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')));
    expect(srcs.length).toBeGreaterThan(0);
    for (const src of srcs) expect(src).toMatch(/^evidence\/[0-9a-f]{16}\.jpg$/);
    // One script runs (allowed by hash); the other is the JSON data block, which never runs.
    expect(await page.locator('script:not([type="application/json"])').count()).toBe(1);
    expect(await page.locator('script[type="application/json"]').count()).toBe(1);
  });
});

describe('the national score sheet (国办秘函〔2019〕19号)', () => {
  it('XLSX parses back: the header block, every veto indicator answered with its evidence, deductions per indicator adding up to the score', async () => {
    const sheets = await readXlsxFile(join(out, 'scoresheet.xlsx'));
    expect(sheets.map((s) => s.sheet)).toEqual(['基本信息', '单项否决', '扣分明细']);
    const [head, veto, ded] = sheets.map((s) => s.data as (string | number | null)[][]);
    const field = (k: string) => head.find((r) => r[0] === k)?.[1];
    expect(field('网站名称')).toBe('示范县人民政府');
    expect(field('主办单位')).toBe('示范县人民政府办公室');
    expect(field('网站标识码')).toBe('3301000012');
    expect(field('ICP备案编号')).toMatch(/^浙ICP备\d+号/);
    expect(field('检查日期')).toBe(X.FIXTURE_AS_OF);
    expect(field('检查结论')).toBe('不合格');
    expect(veto[0]).toEqual(['指标', '判定标准', '是否触发', '证据', '页面地址', '截图']);
    const answer = (k: string) => veto.find((r) => r[0] === k)?.[2];
    // What the audit found is 是; what one audit cannot judge (a week of availability, serious errors) is 未评估, never 否.
    expect(answer('互动回应差')).toBe('是');
    expect(answer('政务新媒体不更新或不可用')).toBe('是');
    expect(answer('站点无法访问')).toBe('未评估');
    expect(answer('严重错误')).toBe('未评估');
    expect(answer('首页不更新')).toBe('否');
    for (const r of veto.filter((x) => x[2] === '是')) expect(String(r[5])).toMatch(/^evidence\/[0-9a-f]{16}\.jpg/);
    const total = ded.find((r) => r[0] === '合计')!;
    expect(total[5]).toBeCloseTo(100 - report.score.total, 1);
    const rows = ded.filter((r) => typeof r[3] === 'string' && r[3].includes('/'));
    expect(rows.reduce((n, r) => n + Number(r[5]), 0)).toBeCloseTo(100 - report.score.total, 1);
  });

  it('PDF: printed by Chromium, paginated A4', () => {
    const pdf = readFileSync(join(out, 'scoresheet.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThan(1);
  });
});

describe('one language per report (zh)', () => {
  it('the HTML report, the score sheet and the Markdown hold no English outside names, code and quoted site text', async () => {
    const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage();
      expect(await pageLeaks(page, pathToFileURL(join(out, 'report.html')).href, 'zh')).toEqual([]);
      expect(await pageLeaks(page, pathToFileURL(join(out, 'scoresheet.html')).href, 'zh')).toEqual([]);
    } finally {
      await browser.close();
    }
    expect(otherLanguage(markdownProse(read('report.md')), 'zh')).toEqual([]);
  });
});

describe('portal-audit report', () => {
  it('re-renders and re-scores a saved report without crawling', async () => {
    const to = tempDir();
    const r = await runCli(['report', join(out, 'report.json'), '--profile', 'general', '-f', 'html,md,json', '--out', to, '--quiet']);
    const again: Report = JSON.parse(readFileSync(join(to, 'report.json'), 'utf8'));
    expect(again.score.profile).toBe('general');
    expect(again.score.grade).toMatch(/^[A-F]$/);
    expect(again.findings).toHaveLength(report.findings.length);
    expect(r.code).toBe(again.gate.passed ? 0 : 1);
    expect(readFileSync(join(to, 'report.html'), 'utf8')).toContain('general');
  });

  it('refuses unknown formats and files that are not reports (exit 2)', async () => {
    expect((await runCli(['report', join(out, 'report.json'), '-f', 'docx'])).code).toBe(2);
    expect((await runCli(['report', join(out, 'report.md')])).code).toBe(2);
  });
});
