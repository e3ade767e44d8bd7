// One language per report, the English side: the sample portal (a Chinese site) audited with
// --lang en. The HTML report, the score sheet, the Markdown and the CSV must hold no Chinese
// outside what is quoted from the site, document numbers and the site's own values.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { chromium } from 'playwright';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureResolve, startFixtureServer, PORTAL_HOST, type FixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import { CHROMIUM_FLAGS, findChromium } from '../src/crawl/browser.js';
import { runCli, tempDir } from './helpers/cli.js';
import { markdownProse, otherLanguage, pageLeaks } from './helpers/language.js';

let srv: FixtureServer;
let out: string;

beforeAll(async () => {
  srv = await startFixtureServer({ asOf: X.FIXTURE_AS_OF });
  out = tempDir();
  const resolve = fixtureResolve(srv).flatMap((r) => ['--resolve', r]);
  const run = await runCli(['audit', `http://${PORTAL_HOST}/`, '--out', out, '--lang', 'en', '--as-of', X.FIXTURE_AS_OF, '--timeout', '3000', '-f', 'html,md,csv,xlsx,pdf', '--quiet', '--resolve-only', ...resolve]);
  expect(run.code, run.stderr).toBe(1);
}, 180_000);
afterAll(() => srv?.close());

it('the HTML report and the score sheet read in English only', async () => {
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    expect(await pageLeaks(page, pathToFileURL(join(out, 'report.html')).href, 'en')).toEqual([]);
    expect(await pageLeaks(page, pathToFileURL(join(out, 'scoresheet.html')).href, 'en')).toEqual([]);
    // The detector works: the Chinese site text it skips is there, marked as the site's.
    expect(await page.locator('[translate="no"]', { hasText: '示范县人民政府' }).count()).toBeGreaterThan(0);
  } finally {
    await browser.close();
  }
});

it('the Markdown, the CSV headers and the workbook are English', async () => {
  expect(otherLanguage(markdownProse(readFileSync(join(out, 'report.md'), 'utf8')), 'en')).toEqual([]);
  const rows = parseCsv(readFileSync(join(out, 'findings.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
  expect(Object.keys(rows[0])).toEqual(['rule', 'category', 'severity', 'veto', 'baseline', 'points', 'url', 'target', 'message', 'fingerprint', 'evidence']);
  expect(new Set(rows.map((r) => r.severity))).not.toContain('较重');
  const sheets = await readXlsxFile(join(out, 'scoresheet.xlsx'));
  expect(sheets.map((s) => s.sheet)).toEqual(['Header', 'Veto items', 'Deductions']);
  expect(sheets[1].data[0]).toEqual(['Indicator', 'Criterion', 'Triggered', 'Evidence', 'URLs', 'Screenshots']);
});

it('the detector catches a leak: Chinese prose in an English text, English prose in a Chinese one', () => {
  expect(otherLanguage('Score 30 below the pass mark 60 得分低于及格线', 'en')).toHaveLength(1);
  expect(otherLanguage('Blank column "财政信息": no content', 'en')).toEqual([]);
  expect(otherLanguage('未检查链接 2 个：not crawled (page cap)', 'zh').length).toBeGreaterThan(0);
  expect(otherLanguage('无障碍问题 image-alt（WCAG 1.1.1）：图像必须有替代文本，元素 body > main > img', 'zh')).toEqual([]);
});
