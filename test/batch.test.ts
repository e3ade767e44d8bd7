// The batch file parser (every bad row named at once) and the league-table ranking.
import { describe, expect, it } from 'vitest';
import { parseBatchText } from '../src/batch/input.js';
import { rankRows, summaryCsv, buildSummary, type SummaryRow } from '../src/batch/summary.js';
import { renderSummaryHtml } from '../src/batch/summary-html.js';

describe('batch file', () => {
  it('reads CSV with a header, names from hosts when missing, extra columns as per-portal options', () => {
    const rows = parseBatchText('\ufeffurl,name,region,department,maxPages,asOf\nhttps://www.a.gov.cn/,甲县,浙江,县政府,50,2026-11-20\nhttp://b.gov.cn/,,浙江,,,\n', 'csv');
    expect(rows).toEqual([
      { row: 1, url: 'https://www.a.gov.cn/', name: '甲县', region: '浙江', department: '县政府', options: { maxPages: '50', asOf: '2026-11-20' } },
      { row: 2, url: 'http://b.gov.cn/', name: 'b.gov.cn', region: '浙江', department: null, options: {} },
    ]);
  });
  it('reads JSON arrays, {portals: []} and bare URL strings', () => {
    expect(parseBatchText('["https://a.gov.cn/"]', 'json')[0]).toMatchObject({ url: 'https://a.gov.cn/', name: 'a.gov.cn' });
    const r = parseBatchText('{"portals":[{"url":"https://a.gov.cn/","options":{"profile":"general","robots":false}}]}', 'json');
    expect(r[0].options).toEqual({ profile: 'general', robots: false });
  });
  it('names every bad row at once: missing or bad URL, bad option, batch-only option, duplicate', () => {
    const csv = 'url,name,maxPages,out\n,无网址,,\nftp://x.gov.cn/,坏协议,,\nhttps://a.gov.cn/,坏选项,many,\nhttps://b.gov.cn/,输出,,/tmp/x\nhttps://c.gov.cn/,好,,\nhttps://c.gov.cn,重复,,\n';
    expect(() => parseBatchText(csv, 'csv', 'p.csv')).toThrow(
      /^p\.csv: row 1: url is missing \| row 2: url must be an http\(s\) URL \| row 3: maxPages: .* \| row 4: out cannot be set per portal \| row 6: https:\/\/c\.gov\.cn is already row 5$/,
    );
  });
  it('rejects an empty file, malformed JSON and ragged CSV with one clear line', () => {
    expect(() => parseBatchText('url,name\n', 'csv', 'e.csv')).toThrow('e.csv: no portals in it');
    expect(() => parseBatchText('[{', 'json', 'b.json')).toThrow(/^b\.json: /);
    expect(() => parseBatchText('url,name\nhttps://a.gov.cn/,a,extra\n', 'csv', 'r.csv')).toThrow(/^r\.csv: .*column/i);
  });
});

const row = (name: string, score: number | null, passed: boolean | null, r: number, status: SummaryRow['status'] = 'audited'): SummaryRow => ({
  rank: null, row: r, name, url: `https://${name}.gov.cn/`, region: '浙江', department: null, status, score, passed, grade: null, profile: 'gov-cn',
  veto: [], groups: { availability: 10 }, findings: { critical: 0, serious: 1, moderate: 0, minor: 0, info: 0 }, pages: 10, folder: `000${r}-${name}`, skipped: false, error: null,
});

describe('ranking', () => {
  it('orders by score, passing first at equal score, shares ranks on ties, puts unscored rows last', () => {
    const ranked = rankRows([row('c', 70, true, 3), row('a', 90, true, 1), row('u', null, null, 4, 'unreachable'), row('b', 70, true, 2), row('d', 70, false, 5)]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([['a', 1], ['b', 2], ['c', 2], ['d', 4], ['u', null]]);
  });
  it('writes CSV with a BOM and formula-safe cells, and HTML that escapes portal text', () => {
    const evil = { ...row('<img src=x onerror=alert(1)>', 50, false, 1), veto: ['=HYPERLINK("x")'], error: null };
    const s = buildSummary([evil], '0.0.0');
    const csv = summaryCsv(s);
    expect(csv.startsWith('\ufeffrank,name')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const html = renderSummaryHtml(s);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
  });
});
