import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { attachmentKind, extractAttachment } from '../src/analysis/attachment-text.js';
import { buildDocx, buildXlsx } from '../fixtures/office.js';
import { minimalPdf } from '../fixtures/portal/assets.js';

const HEADER = ['姓名', '身份证号', '联系电话'];
const ROWS = [
  ['张三', '330100195603120218', '13957100123'],
  ['李四', '33010019800101001X', '13857100456'],
];
const buf = (u: Uint8Array) => Buffer.from(u);
const html = (r: { html: string } | { text: string }) => ('html' in r ? r.html : expect.fail('expected html'));
const text = (r: { html: string } | { text: string }) => ('text' in r ? r.text : expect.fail('expected text'));
const headerRow = '<th>姓名</th><th>身份证号</th><th>联系电话</th>';

describe('attachmentKind', () => {
  it.each([
    ['https://x.gov.cn/a/名单.xlsx', 'xlsx'],
    ['https://x.gov.cn/a/LIST.XLSX?t=1#p', 'xlsx'],
    ['/upload/2024/notice.PDF?download=1', 'pdf'],
    ['https://x.gov.cn/f.docx?name=a.pdf', 'docx'],
    ['https://x.gov.cn/f.csv', 'csv'],
    ['https://x.gov.cn/readme.Txt', 'txt'],
    ['https://x.gov.cn/%E5%90%8D%E5%8D%95.docx', 'docx'],
  ])('%s → %s', (url, kind) => expect(attachmentKind(url)).toBe(kind));

  it.each(['https://x.gov.cn/old.doc', 'https://x.gov.cn/old.XLS', 'https://x.gov.cn/a.wps', 'https://x.gov.cn/a.et', 'https://x.gov.cn/download?file=a.pdf', 'https://x.gov.cn/', 'https://x.gov.cn/a.html'])(
    '%s → null',
    (url) => expect(attachmentKind(url)).toBeNull(),
  );
});

describe('extractAttachment', () => {
  it('DOCX: paragraphs and a table whose header row is <th>', async () => {
    const out = html(await extractAttachment(buf(buildDocx(['关于发放2024年高龄补贴的公示 <A&B>'], [HEADER, ...ROWS])), 'docx'));
    expect(out).toContain('关于发放2024年高龄补贴的公示 &lt;A&amp;B&gt;');
    expect(out.replace(/<\/?p>/g, '')).toContain(headerRow);
    for (const cell of ROWS.flat()) expect(out).toContain(`<td><p>${cell}</p></td>`);
  });

  it('XLSX: a table captioned with the sheet name, first row as <th>, 18-digit IDs and numbers exact', async () => {
    const rows = [[...HEADER, '金额'], ...ROWS.map((r, i) => [...r, i === 0 ? 1200 : 12345678901234567])];
    const out = html(await extractAttachment(buf(buildXlsx(rows, '高龄补贴<名单>')), 'xlsx'));
    expect(out).toContain('<caption>高龄补贴&lt;名单&gt;</caption>');
    expect(out).toContain(`<tr>${headerRow}<th>金额</th></tr>`);
    expect(out).toContain('<tr><td>张三</td><td>330100195603120218</td><td>13957100123</td><td>1200</td></tr>');
    expect(out).toContain('<td>33010019800101001X</td>');
    expect(out).toContain(`<td>${String(12345678901234567)}</td>`);
  });

  const csv = `${HEADER.join(',')}\r\n${ROWS.map((r) => r.join(',')).join('\r\n')}\r\n"王五","330100197001010011","浙江省杭州市西湖区, ""文三路"" 1号"\r\n`;
  const expectCsv = (out: string) => {
    expect(out).toContain(`<tr>${headerRow}</tr>`);
    expect(out).toContain('<tr><td>张三</td><td>330100195603120218</td><td>13957100123</td></tr>');
    expect(out).toContain('<td>浙江省杭州市西湖区, &quot;文三路&quot; 1号</td>');
    expect(out.match(/<tr>/g)).toHaveLength(4);
  };

  it('CSV: UTF-8 with BOM, quoted field with a comma and quotes', async () => {
    const out = html(await extractAttachment(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]), 'csv'));
    expect(out).not.toContain('\ufeff');
    expectCsv(out);
  });

  it('CSV: GBK-encoded', async () => expectCsv(html(await extractAttachment(iconv.encode(csv, 'gbk'), 'csv'))));

  it('CSV: tab-separated UTF-16 (Excel "Unicode text")', async () => {
    const tsv = csv.replace(/,(?! )/g, '\t');
    const out = html(await extractAttachment(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(tsv, 'utf-16le')]), 'csv'));
    expectCsv(out);
  });

  it('TXT: UTF-8, else GBK', async () => {
    const t = '公示名单：张三 身份证号 330100195603120218';
    expect(text(await extractAttachment(Buffer.from(t), 'txt'))).toBe(t);
    expect(text(await extractAttachment(iconv.encode(t, 'gbk'), 'txt'))).toBe(t);
  });

  it('PDF: text of the page', async () => {
    // minimalPdf's page is 300pt wide and pdfjs drops glyphs past the page edge, so keep lines short.
    expect(text(await extractAttachment(buf(minimalPdf('ID 330100195603120218')), 'pdf'))).toContain('ID 330100195603120218');
    expect(text(await extractAttachment(buf(minimalPdf('Tel 13957100123')), 'pdf'))).toContain('Tel 13957100123');
  });

  it.each([
    ['pdf', Buffer.from('%PDF-1.4\nthis is not really a pdf')],
    ['docx', Buffer.from('PK\x03\x04 truncated zip')],
    ['xlsx', Buffer.from('<html>404 not found</html>')],
    ['xlsx', buf(buildDocx(['a docx, not a workbook']))],
  ] as const)('corrupt %s → rejects with a clear message', async (kind, body) => {
    await expect(extractAttachment(body, kind)).rejects.toThrow(new RegExp(`^unreadable ${kind} attachment: \\S`));
  });

  it('gives up at its time limit', async () => {
    const rows = [HEADER, ...Array.from({ length: 20_000 }, (_, i) => ['张三', `3301001956${String(i).padStart(8, '0')}`, '13957100123'])];
    const big = buf(buildXlsx(rows));
    const started = Date.now();
    await expect(extractAttachment(big, 'xlsx', { timeoutMs: 50 })).rejects.toThrow('xlsx extraction timed out after 50 ms');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
