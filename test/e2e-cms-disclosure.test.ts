// 政务公开 on a hash-keyed CMS (fixtures/cms/sites/disclosure.ts) through the real CLI: every URL
// reaches every report format exactly as the site wrote it, though its hash reads like a mobile
// number; a 公开监督电话 list and its spreadsheet are info, the 低保 list beside them stays a
// critical leak, and no report file repeats a planted number.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gallery } from '../fixtures/cms/gallery.js';
import * as D from '../fixtures/cms/sites/disclosure.js';
import { GALLERY_AS_OF, auditGallery, startTestGallery, type GalleryAudit } from './helpers/gallery.js';

const ORIGIN = `http://${D.DISCLOSURE.host}`;
const article = (i: number) => ORIGIN + D.articlePath(i, GALLERY_AS_OF);
const XLSX = ORIGIN + D.XLSX_PATH;
/** What the old scrubber made of a mobile-like run. */
const mangled = (m: string) => `${m.slice(0, 3)}****${m.slice(7)}`;
const planted = [...D.DIBAO_ROWS.flatMap((r) => [r[1], r[2]]), D.DIBAO_SUPERVISION_MOBILE, ...D.HOTLINE_MOBILES, ...D.XLSX_MOBILES, D.PSEUDO_MOBILE];
const masks = planted.filter((n) => n.length === 11).map(mangled);

let g: Gallery;
let a: GalleryAudit;
let files: Record<string, string>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let findings: any[];

beforeAll(async () => {
  g = await startTestGallery();
  a = await auditGallery(g, 'disclosure', { args: ['-f', 'all'], rules: { 'transport-security': { enabled: false }, search: { enabled: false } } });
  // The score sheet's workbook and PDF are binary; its page (scoresheet.html) is read as text.
  files = Object.fromEntries(readdirSync(a.out).filter((n) => !n.startsWith('.') && n !== 'config.json' && !/\.(xlsx|pdf)$/.test(n)).map((n) => [n, readFileSync(join(a.out, n), 'utf8')]));
  findings = a.report.findings;
}, 180_000);
afterAll(() => g?.close());

const personal = (target: string) => findings.filter((f) => f.ruleId.startsWith('personal-data/') && f.target === target);

describe('URLs with mobile-like runs in a report', () => {
  it('lists every article in pages[] under its own URL', () => {
    for (const i of [D.PLAIN, D.HOTLINES, D.DIBAO]) {
      const p = a.report.pages.find((x: { url: string }) => x.url === article(i));
      expect(p, article(i)).toMatchObject({ url: article(i), finalUrl: article(i), status: 200 });
    }
  });

  it('names the pages, the spreadsheet and the javascript: link in findings as written', () => {
    expect(personal(article(D.DIBAO)).map((f) => f.url)).toEqual([article(D.DIBAO), article(D.DIBAO)]);
    expect(personal(XLSX)).toMatchObject([{ url: article(D.HOTLINES), evidence: { linkedFrom: article(D.HOTLINES) } }]);
    // The planted problems and nothing else: the site is otherwise a sound portal.
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['links/pseudo-link', 'personal-data/leak', ...Array(4).fill('personal-data/published-contact'), 'services/not-assessed']);
    // The script argument is kept, the mobile standing in the link text beside it is masked.
    const text = `查看办理进度（咨询电话 ${mangled(D.PSEUDO_MOBILE)}）`;
    const pseudo = findings.filter((f) => f.ruleId === 'links/pseudo-link');
    expect(pseudo).toMatchObject([{ url: article(D.PLAIN), target: `<a href="${D.PSEUDO_HREF}">${text}</a>`, evidence: { href: D.PSEUDO_HREF, text, pages: [article(D.PLAIN)] } }]);
    expect(personal(article(D.PLAIN))).toMatchObject([{ ruleId: 'personal-data/published-contact', evidence: { count: 1, context: ['keyword 咨询电话'] } }]);
  });

  it('rewrites none of them in any report file', () => {
    expect(Object.keys(files).sort()).toEqual(['findings.csv', 'report.html', 'report.json', 'report.junit.xml', 'report.md', 'report.sarif', 'scoresheet.html']);
    // The masked runs the old scrubber wrote (138****4777 …), none of them a planted number's mask.
    const runs = [...D.ARTICLE_IDS, D.XLSX_PATH, D.PSEUDO_HREF].map((s) => mangled(s.match(/1[3-9]\d{9}/)![0]));
    expect(runs.filter((m) => masks.includes(m))).toEqual([]);
    for (const [name, text] of Object.entries(files)) for (const m of runs) expect(text.includes(m), `${m} in ${name}`).toBe(false);
    // The leak's page in the JSON, the CSV and the HTML as written; the Markdown keeps it whole in a code span (no autolink, nothing hidden).
    for (const name of ['report.json', 'findings.csv', 'report.html']) expect(files[name], name).toContain(article(D.DIBAO));
    expect(files['report.md']).toContain(`\`${article(D.DIBAO)}\` |`);
    for (const name of ['report.json', 'findings.csv', 'report.html']) expect(files[name], name).toContain(XLSX);
  });
});

describe('numbers published on purpose and numbers leaked', () => {
  it('reports the 公开监督电话 page and its spreadsheet as published contacts (info), never as a leak', () => {
    expect(personal(article(D.HOTLINES))).toMatchObject([
      { ruleId: 'personal-data/published-contact', severity: 'info', evidence: { count: D.HOTLINE_MOBILES.length } },
    ]);
    expect(personal(article(D.HOTLINES))[0].message).toContain(`${D.HOTLINE_MOBILES.length} 个手机号码`);
    expect(personal(XLSX)).toMatchObject([{ ruleId: 'personal-data/published-contact', severity: 'info', evidence: { kind: 'xlsx', count: D.XLSX_MOBILES.length } }]);
    for (const f of [...personal(article(D.HOTLINES)), ...personal(XLSX)]) for (const s of f.evidence.samples) expect(s).toMatch(/^1\d\d\*{4}\d{4}$/);
  });

  it('keeps the 低保 list a critical leak with masked samples and excuses only the 监督电话 line under it', () => {
    const [leak, line] = ['personal-data/leak', 'personal-data/published-contact'].map((id) => personal(article(D.DIBAO)).filter((f) => f.ruleId === id));
    expect(leak).toMatchObject([{ severity: 'critical', evidence: { counts: { 'id-number': D.DIBAO_ROWS.length, mobile: D.DIBAO_ROWS.length, 'bank-card': 0 } } }]);
    expect(leak[0].evidence.context).toEqual(expect.arrayContaining(['table column 身份证号', 'table column 联系电话']));
    for (const s of Object.values(leak[0].evidence.samples as Record<string, string[]>).flat()) expect(s).toContain('*');
    expect(line).toMatchObject([{ severity: 'info', evidence: { count: 1, context: ['keyword 监督电话'] } }]);
    expect(a.report.data.security.personalData).toMatchObject({
      totals: { 'id-number': D.DIBAO_ROWS.length, mobile: D.DIBAO_ROWS.length, 'bank-card': 0 },
      publishedContacts: D.HOTLINE_MOBILES.length + D.XLSX_MOBILES.length + 2,
      pagesWithLeaks: 1,
      attachmentsWithLeaks: 0,
    });
  });

  it('never writes a planted number in full to any report file or the console', () => {
    for (const [name, text] of Object.entries(files)) for (const n of planted) expect(text.includes(n), `${n} in ${name}`).toBe(false);
    for (const n of planted) expect(a.run.stdout + a.run.stderr).not.toContain(n);
  });
});
