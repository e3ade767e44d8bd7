// Reporters on a constructed report with a baseline: the diff (new, unchanged, fixed) reaches
// every format, and hostile site text stays inert in each.
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/model/types.js';
import { assess } from '../src/report/assess.js';
import type { Report } from '../src/report/model.js';
import { renderCsv } from '../src/report/csv.js';
import { renderHtml } from '../src/report/html.js';
import { CLIENT_SCRIPT } from '../src/report/html-client.js';
import { renderJunit } from '../src/report/junit.js';
import { renderMarkdown } from '../src/report/md.js';
import { renderSarif } from '../src/report/sarif.js';

const HOSTILE = '<img src=x onerror=alert(1)>@admin #12 =HYPERLINK("http://evil")\u001b[2J\u0007';
const f = (ruleId: string, target: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId, category: 'links', severity: 'moderate', url: 'http://www.x.gov.cn/a.html', target, message: `broken ${HOSTILE}`, evidence: { text: HOSTILE }, ...extra,
});
const kept = f('links/broken', 'http://www.x.gov.cn/kept.html');
const gone = f('links/broken', 'http://www.x.gov.cn/gone.html');
const fresh = f('links/broken', `http://www.x.gov.cn/new.html?q=${encodeURIComponent(HOSTILE)}`);
const a = assess([kept, fresh], { host: 'www.x.gov.cn', lang: 'zh' }, { baseline: { file: 'old/report.json', report: { asOf: '2026-11-01', score: { total: 99 }, findings: [kept, gone] } } });
const report = {
  schemaVersion: '1.1.0', tool: { name: 'portal-audit', version: '0' },
  target: { url: 'http://www.x.gov.cn/', finalUrl: 'http://www.x.gov.cn/', host: 'www.x.gov.cn', lang: 'zh', reachable: true },
  asOf: '2026-11-20', generatedAt: '2026-11-20T00:00:00.000Z', options: {}, score: a.score, gate: a.gate, baseline: a.baseline,
  crawl: { startUrl: 'http://www.x.gov.cn/', pagesFetched: 1, pagesRendered: 0, errors: 0, durationMs: 1, traps: [], limits: {}, partial: false },
  pages: [{ url: 'http://www.x.gov.cn/', status: 200, depth: 0, title: HOSTILE, error: null }],
  findings: a.findings, data: {}, rules: [{ id: 'links', category: 'links', title: '链接', description: 'Broken links.', standards: ['x'] }], ruleErrors: [],
} as unknown as Report;

describe('the baseline diff in every format', () => {
  it('json model: one new, one unchanged, one fixed; the gate names the new one', () => {
    expect(a.findings.map((x) => x.baseline)).toEqual(['unchanged', 'new']);
    expect(a.baseline!.fixed.map((x) => x.target)).toEqual([gone.target]);
    expect(a.gate.reasons).toEqual([`new moderate finding links/broken at ${fresh.target}`]);
  });

  it('csv: baseline column, fixed rows, formulas neutralised', () => {
    const rows = parseCsv(renderCsv(report), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.baseline)).toEqual(['unchanged', 'new', 'fixed']);
    expect(rows.every((r) => !/^[=+@-]/.test(r.message))).toBe(true);
  });

  it('junit: only the new finding fails; unchanged in system-out; fixed listed on the gate case', () => {
    const xml = renderJunit(report);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase', 'failure'].includes(n) }).parse(xml);
    const cases = (doc.testsuites.testsuite as { testcase: { name: string; failure?: unknown[]; 'system-out'?: string }[] }[]).flatMap((s) => s.testcase);
    const broken = cases.find((c) => c.name === 'links/broken')!;
    expect(broken.failure).toHaveLength(1);
    expect(broken['system-out']).toContain('[unchanged]');
    expect(cases.find((c) => c.name.startsWith('gov-cn'))!['system-out']).toContain(gone.target);
  });

  it('sarif: baselineState per result, fixed in run properties', () => {
    const run = JSON.parse(renderSarif(report)).runs[0];
    expect(run.results.map((r: { baselineState: string }) => r.baselineState)).toEqual(['unchanged', 'new']);
    expect(run.properties.fixed.map((x: { target: string }) => x.target)).toEqual([gone.target]);
  });

  it('markdown: counts, no live mentions, references, links or tags', () => {
    const md = renderMarkdown(report, 'en');
    expect(md).toContain('1 new, 1 fixed, 1 unchanged');
    // Site text outside code spans is inert; URLs only inside code spans (never autolinked), with no hidden characters.
    const prose = md.replace(/``[^`]*``|`[^`]*`/g, '');
    expect(prose).not.toMatch(/<img|@admin|#12/);
    expect(prose).not.toMatch(/https?:\/\//);
    for (const code of md.match(/`[^`]+`/g) ?? []) expect(code).not.toContain('\u200b');
  });

  it('markdown: vetoes once, then the costliest issues grouped, and a link to the HTML report', () => {
    const md = renderMarkdown(report, 'en');
    for (const v of report.score.veto) expect(md.split(v.reason).length - 1).toBeLessThanOrEqual(1);
    expect(md).toContain('[report.html](report.html)');
    expect(md).toContain('Issues (grouped)');
  });

  it('html: the page script is valid JavaScript (a broken escape in its template would leave every table empty)', () => {
    expect(() => new Function(CLIENT_SCRIPT)).not.toThrow();
  });

  it('html: the diff and the state filter are there; site text is escaped', () => {
    const html = renderHtml(report, 'en');
    expect(html).toContain('id="f-base"');
    // The findings list is drawn from the JSON data block: baseline state 1 = new.
    const data = JSON.parse(/<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)![1]);
    expect(data.f.some((r: number[]) => r[8] === 1)).toBe(true);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(data.s.some((x: string) => x.includes('<img src=x onerror=alert(1)>'))).toBe(true);
  });
});
