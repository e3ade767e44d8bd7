import { describe, expect, it } from 'vitest';
import {
  countByKind,
  findPersonalData,
  isPlausibleLegacyId,
  isValidIdNumber,
  luhnValid,
  maskNumber,
  maskPersonalData,
  scanHtml,
  type PiiMatch,
} from '../src/analysis/pii.js';

const AS_OF = '2024-06-01';
const find = (text: string, columnHeader?: string) => findPersonalData(text, { asOf: AS_OF, columnHeader });
const kinds = (ms: PiiMatch[]) => ms.map((m) => m.kind);

// Fixtures are computed, not copied, so they are genuinely valid (or invalid only where intended).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const withIdCheck = (body17: string) =>
  body17 + '10X98765432'[[...body17].reduce((sum, c, i) => sum + Number(c) * WEIGHTS[i], 0) % 11];
/** A valid ID for area + birth, with the first sequence (from 123) whose check char satisfies `want`. */
function makeId(area: string, birth: string, want: (id: string) => boolean = () => true): string {
  for (let seq = 123; seq < 1123; seq++) {
    const id = withIdCheck(area + birth + String(seq % 1000).padStart(3, '0'));
    if (want(id)) return id;
  }
  throw new Error('no such ID');
}
const withLuhn = (body: string) => {
  for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
};
/** Same length, same prefix, wrong last digit. */
const breakCheck = (s: string) => s.slice(0, -1) + (s.endsWith('1') ? '2' : '1');

const ID = makeId('330102', '19850612', (id) => /\d$/.test(id));
const ID_X = makeId('330102', '19850612', (id) => id.endsWith('X'));
const CARD_62 = withLuhn('622202123456789'); // 16 digits, UnionPay
const CARD_VISA = withLuhn('436742123456789'); // 16 digits, no 62 prefix

describe('isValidIdNumber', () => {
  it('accepts valid numbers with a digit or X check char', () => {
    expect(ID).toMatch(/^33010219850612\d{3}\d$/);
    expect(ID_X).toMatch(/^33010219850612\d{3}X$/);
    expect(isValidIdNumber(ID, AS_OF)).toBe(true);
    expect(isValidIdNumber(ID_X, AS_OF)).toBe(true);
    expect(isValidIdNumber(ID_X.toLowerCase(), AS_OF)).toBe(true);
  });

  it('rejects a wrong checksum', () => {
    expect(isValidIdNumber(breakCheck(ID), AS_OF)).toBe(false);
    expect(isValidIdNumber(ID_X.slice(0, -1) + '0', AS_OF)).toBe(false);
  });

  it('rejects impossible dates even with a correct checksum', () => {
    expect(isValidIdNumber(withIdCheck('33010219901345123'), AS_OF)).toBe(false); // month 13
    expect(isValidIdNumber(withIdCheck('33010219900230123'), AS_OF)).toBe(false); // 30 February
    expect(isValidIdNumber(withIdCheck('33010219000229123'), AS_OF)).toBe(false); // 1900 was no leap year
    expect(isValidIdNumber(withIdCheck('33010218991231123'), AS_OF)).toBe(false); // before 1900
    expect(isValidIdNumber(withIdCheck('33010220000229123'), AS_OF)).toBe(true);
  });

  it('rejects birth dates after the as-of date', () => {
    const future = makeId('330102', '20240602');
    expect(isValidIdNumber(future, '2024-06-01')).toBe(false);
    expect(isValidIdNumber(future, '2024-06-02')).toBe(true);
  });

  it('rejects bad area codes and wrong lengths', () => {
    expect(isValidIdNumber(withIdCheck('03010219850612123'), AS_OF)).toBe(false);
    expect(isValidIdNumber(withIdCheck('93010219850612123'), AS_OF)).toBe(false);
    expect(isValidIdNumber(ID.slice(0, 17), AS_OF)).toBe(false);
  });
});

describe('isPlausibleLegacyId / luhnValid / maskNumber', () => {
  it('checks the 19YYMMDD date of 15-digit IDs', () => {
    expect(isPlausibleLegacyId('330102850612123')).toBe(true);
    expect(isPlausibleLegacyId('330102851312123')).toBe(false);
    expect(isPlausibleLegacyId('33010285061212')).toBe(false);
  });

  it('implements Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid(CARD_62)).toBe(true);
    expect(luhnValid(breakCheck(CARD_62))).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111 1111 1111')).toBe(false);
  });

  it('masks, stripping separators and keeping length', () => {
    expect(maskNumber('id-number', ID_X)).toBe(`3301${'*'.repeat(10)}${ID_X.slice(-4)}`);
    expect(maskNumber('mobile', '+86 138-1234-5678')).toBe('138****5678');
    expect(maskNumber('bank-card', '6222 0212 3456 7890 123')).toBe('6222***********0123');
    expect(maskNumber('id-number', '３３０１０２８５０６１２１２３')).toBe('3301*******2123');
  });
});

describe('findPersonalData: ID numbers', () => {
  it('finds a valid ID by checksum alone (medium) and with a keyword (high)', () => {
    expect(find(`张三 ${ID} 男`)).toEqual([
      { kind: 'id-number', masked: maskNumber('id-number', ID), context: 'checksum', confidence: 'medium' },
    ]);
    expect(find(`身份证号：${ID_X}`)).toEqual([
      { kind: 'id-number', masked: maskNumber('id-number', ID_X), context: 'keyword 身份证号', confidence: 'high' },
    ]);
  });

  it('reads full-width digits and colons', () => {
    const wide = ID.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(find(`公民身份号码：${wide}`)).toMatchObject([{ kind: 'id-number', confidence: 'high', context: 'keyword 公民身份号码' }]);
  });

  it('uses the column header as context', () => {
    expect(find(ID, '身份证号码')).toMatchObject([{ context: 'table column 身份证号码', confidence: 'high' }]);
  });

  it('rejects wrong checksums, impossible and future dates', () => {
    expect(find(`身份证号：${breakCheck(ID)}`)).toEqual([]);
    expect(find(`身份证号：${withIdCheck('33010219901345123')}`)).toEqual([]);
    const future = makeId('330102', '20240602');
    expect(find(`身份证号：${future}`)).toEqual([]);
    expect(findPersonalData(`身份证号：${future}`, { asOf: '2024-12-31' })).toHaveLength(1);
  });

  it('does not match masked forms', () => {
    for (const text of [
      '身份证号：3301**********1234',
      `身份证号：330102********${ID_X.slice(-4)}`,
      `身份证号：${ID.slice(0, 6)}＊＊＊＊＊＊＊＊${ID.slice(-4)}`,
      `身份证号：${ID.slice(0, 10)}××××${ID.slice(-4)}`,
      '手机：138****5678',
      '卡号：6222 **** **** 1234',
      `卡号：6222********${CARD_62.slice(-4)}`,
    ]) expect(find(text), text).toEqual([]);
  });

  it('counts 15-digit IDs only with ID context', () => {
    expect(find('330102850612123')).toEqual([]);
    expect(find('编码 330102850612123')).toEqual([]);
    expect(find('身份证号码：330102850612123')).toEqual([
      { kind: 'id-number', masked: '3301*******2123', context: 'keyword 身份证号码', confidence: 'medium' },
    ]);
    expect(find('330102850612123', '证件号码')).toMatchObject([{ kind: 'id-number', context: 'table column 证件号码' }]);
    expect(find('身份证号码：330102851312123')).toEqual([]);
  });

  it('lets a keyword label only the number right after it', () => {
    // The second number is separated from 身份证号 by the first one.
    expect(find(`身份证号 ${ID}，330102850612123`)).toHaveLength(1);
  });
});

describe('findPersonalData: mobiles', () => {
  it('finds mobiles with country code and separators', () => {
    for (const text of [
      '13812345678',
      '手机：13812345678',
      '+86 138 1234 5678',
      '+86-138-1234-5678',
      '+8613812345678',
      '8613812345678',
      '（+86）13812345678',
      '138-1234-5678',
      '138 1234 5678',
      '电话：１３８１２３４５６７８。',
    ]) expect(find(text), text).toEqual([expect.objectContaining({ kind: 'mobile', masked: '138****5678', confidence: 'medium' })]);
  });

  it('reports a phone keyword as context', () => {
    expect(find('联系电话：13812345678')[0].context).toBe('keyword 联系电话');
    expect(find('13812345678')[0].context).toBe('mobile pattern');
  });

  it('finds several mobiles in one line', () => {
    expect(kinds(find('电话：13812345678/13987654321 15012345678'))).toEqual(['mobile', 'mobile', 'mobile']);
  });

  it('ignores mobiles inside longer digit runs', () => {
    for (const text of [
      '订单 202403138123456789',
      '113812345678',
      '138123456789',
      '编码 2024-13812345678',
      '13812345678-01',
      '13812345678.5',
      'No13812345678',
      `${ID.slice(0, 3)}13812345678${ID.slice(-4)}`,
    ]) expect(find(text), text).toEqual([]);
  });

  it('ignores landlines and service numbers', () => {
    for (const text of ['0571-88888888', '（0571）88888888', '0571 8888 8888', '电话：0571-87654321-8001', '400-800-8888', '12345'])
      expect(find(text), text).toEqual([]);
  });
});

describe('findPersonalData: bank cards', () => {
  it('needs bank context or a UnionPay prefix', () => {
    expect(find(`银行卡号：${CARD_VISA}`)).toEqual([
      { kind: 'bank-card', masked: `4367********${CARD_VISA.slice(-4)}`, context: 'keyword 银行卡号', confidence: 'high' },
    ]);
    expect(find(`备注 ${CARD_VISA}`)).toEqual([]);
    expect(find(CARD_62)).toEqual([
      { kind: 'bank-card', masked: maskNumber('bank-card', CARD_62), context: 'UnionPay prefix', confidence: 'medium' },
    ]);
    expect(find(`开户行 中国银行 账号：${CARD_62}`)).toMatchObject([{ context: 'keyword 账号', confidence: 'high' }]);
  });

  it('rejects Luhn-invalid numbers even with context', () => {
    expect(find(`银行卡号：${breakCheck(CARD_VISA)}`)).toEqual([]);
    expect(find(breakCheck(CARD_62))).toEqual([]);
  });

  it('reads grouped card numbers', () => {
    const grouped = CARD_62.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(find(`卡号 ${grouped}`)).toMatchObject([{ kind: 'bank-card', confidence: 'high' }]);
    const long = withLuhn('622848001234567890'); // 19 digits
    expect(find(long.replace(/(\d{4})(?=\d)/g, '$1-'))).toMatchObject([{ kind: 'bank-card', masked: `6228***********${long.slice(-4)}` }]);
  });

  it('uses a bank column header as context', () => {
    expect(find(CARD_VISA, '银行卡号')).toMatchObject([{ kind: 'bank-card', context: 'table column 银行卡号', confidence: 'high' }]);
  });

  it('counts a valid ID that also passes Luhn as an ID only', () => {
    // Area 62xxxx is Gansu: these IDs look like UnionPay cards.
    const id = makeId('620102', '19850612', (s) => /\d$/.test(s) && luhnValid(s));
    expect(luhnValid(id)).toBe(true);
    expect(kinds(find(id))).toEqual(['id-number']);
    expect(find(`银行卡号：${id}`)).toMatchObject([{ kind: 'id-number', context: 'checksum' }]);
  });
});

describe('false-positive traps', () => {
  const luhn18 = withLuhn('62240305123456789');

  it('ignores order and serial numbers', () => {
    expect(find(`订单号：${CARD_62}`)).toEqual([]);
    expect(find(`流水号：${luhn18}`)).toEqual([]);
    expect(find(`订单号：${ID}`)).toEqual([]);
    expect(find('订单号：202403051234567890')).toEqual([]);
    expect(find(`交易 ${CARD_62}1234`)).toEqual([]); // 20 digits
    expect(find(`${ID}${ID}`)).toEqual([]);
    expect(find('20240305123456789012345')).toEqual([]);
  });

  it('ignores dates', () => {
    for (const text of ['20240305', '2024-03-05', '2024/03/05', '2024年03月05日', '发布时间：2024-03-05 10:23:45'])
      expect(find(text), text).toEqual([]);
  });

  it('ignores numbers in URLs and file names', () => {
    for (const text of [
      '见 t20240305_1234567.html',
      `/202403/t20240305_${ID}.html`,
      `http://www.example.gov.cn/xxgk/${ID}.shtml`,
      `www.example.gov.cn/art/${CARD_62}`,
      `附件：${ID}.pdf`,
      `file_${ID}`,
      `ID${ID}`,
    ]) expect(find(text), text).toEqual([]);
  });

  it('ignores unified social credit codes', () => {
    expect(find(`统一社会信用代码：${ID}`)).toEqual([]);
    expect(find(`信用代码 ${CARD_62}`)).toEqual([]);
    expect(find('统一社会信用代码：91330106MA2H0ABC1X')).toEqual([]);
    expect(find(ID, '统一社会信用代码')).toEqual([]);
  });

  it('ignores ID-shaped numbers with a wrong checksum or impossible or future dates', () => {
    expect(find(breakCheck(ID))).toEqual([]);
    expect(find(withIdCheck('33010219901345123'))).toEqual([]);
    expect(find(makeId('330102', '20250101'))).toEqual([]);
  });
});

describe('scanHtml', () => {
  const ID2 = makeId('110105', '19720229');

  it('scans table cells with their column header', () => {
    const html = `<html><body><table>
      <tr><th>姓名</th><th>身份证号码</th><th>联系电话</th></tr>
      <tr><td>张三</td><td>${ID}</td><td>13812345678</td></tr>
      <tr><td>李四</td><td>${ID2}</td><td>139 8765 4321</td></tr>
    </table></body></html>`;
    const ms = scanHtml(html, { asOf: AS_OF });
    expect(ms.filter((m) => m.kind === 'id-number')).toEqual([
      { kind: 'id-number', masked: maskNumber('id-number', ID), context: 'table column 身份证号码', confidence: 'high' },
      { kind: 'id-number', masked: maskNumber('id-number', ID2), context: 'table column 身份证号码', confidence: 'high' },
    ]);
    expect(ms.filter((m) => m.kind === 'mobile').map((m) => m.context)).toEqual(['table column 联系电话', 'table column 联系电话']);
    expect(countByKind(ms)).toEqual({ 'id-number': 2, mobile: 2, 'bank-card': 0 });
  });

  it('uses first-row td cells as headers and leaves masked tables alone', () => {
    const html = `<table>
      <tr><td>姓名</td><td>身份证号码</td><td>银行卡号</td><td>手机</td></tr>
      <tr><td>张三</td><td>3301**********1234</td><td>6222 **** **** 1234</td><td>138****5678</td></tr>
      <tr><td>李四</td><td>330102********123X</td><td>6228********5678</td><td>139＊＊＊＊4321</td></tr>
    </table>`;
    expect(scanHtml(html, { asOf: AS_OF })).toEqual([]);
    const legacy = `<table><tr><td>姓名</td><td>身份证号码</td><td>银行卡号</td></tr>
      <tr><td>王五</td><td>330102850612123</td><td>${CARD_VISA}</td></tr></table>`;
    expect(scanHtml(legacy, { asOf: AS_OF })).toEqual([
      { kind: 'id-number', masked: '3301*******2123', context: 'table column 身份证号码', confidence: 'medium' },
      { kind: 'bank-card', masked: maskNumber('bank-card', CARD_VISA), context: 'table column 银行卡号', confidence: 'high' },
    ]);
  });

  it('reads key-value tables through the cell on the left', () => {
    const html = `<table><tr><th>姓名</th><td>王五</td></tr><tr><th>身份证号码</th><td>330102850612123</td></tr></table>`;
    expect(scanHtml(html, { asOf: AS_OF })).toMatchObject([{ kind: 'id-number', context: 'keyword 身份证号码' }]);
  });

  it('ignores scripts, styles, templates, comments and attributes', () => {
    const html = `<html><head><title>公示</title><style>.x{content:"${ID}"}</style>
      <script>var id = "${ID}"; var tel = "13812345678";</script></head><body>
      <noscript>${ID2}</noscript><template><p>${CARD_62}</p></template><!-- ${ID} -->
      <a href="/202403/t20240305_${ID}.html" title="${ID}" data-tel="13812345678">公示名单</a>
      <input type="hidden" value="${CARD_62}"><img alt="${ID2}" src="x.png">
      <p>发布日期：2024-03-05 订单号：202403051234567890 电话：0571-88888888</p>
    </body></html>`;
    expect(scanHtml(html, { asOf: AS_OF })).toEqual([]);
  });

  it('keeps numbers in adjacent elements apart and counts each number once', () => {
    const html = `<body><div><p>13812345678</p><p>13987654321</p></div>
      <table><tr><th>身份证号码</th></tr><tr><td>${ID}</td></tr></table>
      <p>重复：${ID} 13812345678</p><p>身份证号：<span>${ID2}</span></p></body>`;
    const ms = scanHtml(html, { asOf: AS_OF });
    expect(countByKind(ms)).toEqual({ 'id-number': 2, mobile: 2, 'bank-card': 0 });
    expect(ms.find((m) => m.masked === maskNumber('id-number', ID))?.confidence).toBe('high');
    expect(ms.find((m) => m.masked === maskNumber('id-number', ID2))).toMatchObject({ context: 'keyword 身份证号', confidence: 'high' });
  });

  it('reads nested tables once', () => {
    const html = `<table><tr><th>名单</th></tr><tr><td>
      <table><tr><th>身份证号码</th></tr><tr><td>${ID}</td></tr></table></td></tr></table>`;
    expect(scanHtml(html, { asOf: AS_OF })).toMatchObject([{ kind: 'id-number', context: 'table column 身份证号码' }]);
  });
});

describe('published contact lines (监督电话, 举报电话, 通讯录)', () => {
  const ID2 = makeId('110105', '19720229');
  const published = (ms: PiiMatch[]) => ms.filter((m) => m.published).map((m) => m.masked);
  const privateOnes = (ms: PiiMatch[]) => ms.filter((m) => !m.published).map((m) => m.masked);

  it('excuses a mobile by its hotline keyword, also in a list of lines, but not one labelled 联系电话', () => {
    expect(find('公开监督电话：13812345678')).toEqual([{ kind: 'mobile', masked: '138****5678', context: 'keyword 公开监督电话', confidence: 'medium', published: true }]);
    expect(find('举报电话：0571-88880000、13812345678')).toMatchObject([{ context: 'keyword 举报电话', published: true }]);
    expect(find('联系电话：13812345678')[0].published).toBeUndefined();
    expect(find('手机：13812345678')[0].published).toBeUndefined();
  });

  it('never excuses an ID or card number, whatever labels it', () => {
    expect(find(`举报电话：${ID}`)).toEqual([{ kind: 'id-number', masked: maskNumber('id-number', ID), context: 'checksum', confidence: 'medium' }]);
    expect(find(CARD_62, '咨询电话')[0]).not.toHaveProperty('published');
    expect(find('13812345678', '咨询电话')).toMatchObject([{ context: 'table column 咨询电话', published: true }]);
  });

  it('reads a hotline table by its column header or its row label cell', () => {
    const html = `<table><tr><th>单位</th><th>举报电话（手机）</th><th>办公电话</th></tr>
      <tr><td>县纪委监委</td><td>13812345678</td><td>0571-88880001</td></tr>
      <tr><td>县市场监管局</td><td>13987654321</td><td>0571-88880002</td></tr></table>
      <table><tr><td>投诉电话</td><td>县信访局</td><td>15012345678</td></tr></table>`;
    const ms = scanHtml(html, { asOf: AS_OF });
    expect(published(ms)).toEqual(['150****5678', '138****5678', '139****4321']);
    expect(ms.map((m) => m.context)).toEqual(['row 投诉电话', 'table column 举报电话(手机)', 'table column 举报电话(手机)']);
  });

  it('excuses every mobile of a directory page (title or h1), unless the page lists identity numbers', () => {
    const table = (extra = '') => `<table><tr><th>姓名</th><th>职务</th><th>手机</th></tr>
      <tr><td>张三</td><td>局长</td><td>13812345678</td></tr><tr><td>李四</td><td>副局长</td><td>13987654321</td></tr>${extra}</table>`;
    const directory = scanHtml(`<title>县直机关通讯录_某县人民政府</title>${table()}`, { asOf: AS_OF });
    expect(published(directory)).toEqual(['138****5678', '139****4321']);
    expect(directory[0].context).toBe('page title 通讯录');
    expect(published(scanHtml(`<h1>公开监督电话</h1>${table()}`, { asOf: AS_OF }))).toHaveLength(2);
    expect(published(scanHtml(table(), { asOf: AS_OF, title: '领导班子通讯录.xlsx' }))).toHaveLength(2);
    // With an ID column it is a list of people, whatever the title says; a labelled line stays excused.
    const people = scanHtml(`<title>通讯录</title>${table(`<tr><td>王五</td><td>${ID}</td><td>15012345678</td></tr>`)}<p>监督电话：18612345678</p>`, { asOf: AS_OF });
    expect(privateOnes(people).sort()).toEqual(['138****5678', '139****4321', '150****5678', maskNumber('id-number', ID)].sort());
    expect(published(people)).toEqual(['186****5678']);
  });

  it('keeps a 低保 list with a 联系电话 column a leak and excuses only the labelled 监督电话 under it', () => {
    const html = `<title>2026年第四季度低保对象公示</title><h1>2026年第四季度低保对象公示</h1>
      <table><tr><th>序号</th><th>姓名</th><th>身份证号</th><th>联系电话</th></tr>
      <tr><td>1</td><td>张三</td><td>${ID}</td><td>13812345678</td></tr>
      <tr><td>2</td><td>李四</td><td>${ID2}</td><td>13987654321</td></tr></table>
      <p>公示期7天。监督电话：0571-88880000，15012345678</p>`;
    const ms = scanHtml(html, { asOf: AS_OF });
    expect(countByKind(ms.filter((m) => !m.published))).toEqual({ 'id-number': 2, mobile: 2, 'bank-card': 0 });
    expect(ms.filter((m) => m.published)).toEqual([{ kind: 'mobile', masked: '150****5678', context: 'keyword 监督电话', confidence: 'medium', published: true }]);
  });
});

describe('maskPersonalData', () => {
  it('masks standing numbers in place, whatever labels them, and leaves URLs, file names and glued runs alone', () => {
    const text = `订单号 13812345678；身份证 ${ID}；见 /art/${ID}.html 与 http://x.gov.cn:8080/a?tel=13812345678,1 及 No13812345678`;
    expect(maskPersonalData(text, AS_OF)).toBe(`订单号 138****5678；身份证 ${maskNumber('id-number', ID)}；见 /art/${ID}.html 与 http://x.gov.cn:8080/a?tel=13812345678,1 及 No13812345678`);
    expect(maskPersonalData('电话：１３８１２３４５６７８。', AS_OF)).toBe('电话：138****5678。');
  });
});

describe('countByKind', () => {
  it('always has all three keys', () => {
    expect(countByKind([])).toEqual({ 'id-number': 0, mobile: 0, 'bank-card': 0 });
    expect(countByKind(find(`${ID} 13812345678 ${CARD_62} 13987654321`))).toEqual({ 'id-number': 1, mobile: 2, 'bank-card': 1 });
  });
});

describe('masking', () => {
  it('never returns the full number', () => {
    const raws = [ID, ID_X, '330102850612123', '13812345678', CARD_62, CARD_VISA];
    const text = `身份证号：${ID} 身份证号：${ID_X} 身份证号码：330102850612123 手机：+86 138-1234-5678 卡号：${CARD_62} 银行卡号：${CARD_VISA}`;
    const ms = find(text);
    expect(ms).toHaveLength(6);
    for (const m of ms) {
      expect(m.masked).toContain('*');
      expect(m.masked.replace(/\*/g, '').length).toBeLessThanOrEqual(8);
      for (const raw of raws) {
        expect(m.masked).not.toBe(raw);
        expect(m.masked).not.toContain(raw);
      }
    }
  });
});
