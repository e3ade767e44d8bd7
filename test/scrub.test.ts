// The report scrubber: whatever rule quoted a page (an axe HTML snippet, a link text), a valid ID,
// mobile or UnionPay card number never reaches a report file; look-alikes are left alone.
import { describe, expect, it } from 'vitest';
import { scrubDeep, scrubText } from '../src/report/scrub.js';
import { leakedIdNumbers, leakedMobiles } from '../fixtures/portal/expected.js';

const CARD = '6222021234567890128'; // 19 digits, Luhn-valid, UnionPay prefix

describe('scrubText', () => {
  it('masks valid ID, mobile and card numbers inside markup and prose', () => {
    const s = scrubText(`<td>${leakedIdNumbers[0]}</td><td>${leakedMobiles[0]}</td> 卡号 ${CARD}`, '2026-11-20');
    expect(s).toBe('<td>3301**********0218</td><td>139****0123</td> 卡号 6222***********0128');
    for (const n of [leakedIdNumbers[0], leakedMobiles[0], CARD]) expect(s).not.toContain(n);
  });
  it('leaves look-alikes alone: bad checksums, longer digit runs, article URLs, dates, landlines', () => {
    const keep = ['330100195603120219', '213957100123456', '/202403/t20240305_1234567.html', '20240305', '0571-88880003', '6222021234567890129'];
    for (const k of keep) expect(scrubText(k, '2026-11-20')).toBe(k);
  });
});

describe('scrubText: URLs, paths, file names, selectors and hashes are never altered', () => {
  const HASH = 'e8f40f5af06646ef15212342903f6c78f7d7a505'; // 15212342903 inside looks like a mobile
  const ID = leakedIdNumbers[0];
  const MOBILE = leakedMobiles[0];
  const AS_OF = '2026-11-20';

  it('leaves whole URL values byte-identical, query strings and ports included', () => {
    for (const url of [
      `http://www.gongkai.gallery.gov.cn/zwgk/art/2026/12/${HASH}.html`,
      `https://x.gov.cn:8443/art/${MOBILE}/`,
      `http://x.gov.cn/search?q=${MOBILE}&page=1,2`,
      `/zwgk/art/2026/12/${HASH}.html`,
      `/uploads/${ID}.xlsx`,
      `//cdn.x.gov.cn/${CARD}/a.js`,
    ]) expect(scrubText(url, AS_OF), url).toBe(url);
  });

  it('leaves URL-like tokens, file names, fragments, selectors and hashes inside text alone', () => {
    for (const text of [
      `链接 http://x.gov.cn/art/${HASH}.html 失效`,
      `见/zwgk/art/2026/12/${HASH}.html。`,
      `附件：${MOBILE}.pdf`,
      `附件：${ID}.xlsx、${CARD}.docx`,
      `list.jsp?id=${MOBILE}`,
      `index.html#${MOBILE}`,
      HASH,
      `#item_${MOBILE}`,
      `.c${MOBILE}`,
      `div.list > li:nth-child(2) > a[href="/zwgk/${MOBILE}.html"]`,
      `<a href="/zwgk/art/2026/12/${HASH}.html" id="item_${MOBILE}">通知</a>`,
      `<img src="/uploads/${ID}.jpg" class="p${CARD}">`,
      `<a href="/搜索/${MOBILE}">`,
    ]) expect(scrubText(text, AS_OF), text).toBe(text);
  });

  it('still masks a number standing alone in text, markup or beside a URL', () => {
    expect(scrubText(`张三${MOBILE}李四`, AS_OF)).toBe('张三139****0123李四');
    expect(scrubText(`电话:${MOBILE}`, AS_OF)).toBe('电话:139****0123');
    expect(scrubText(`<td>${MOBILE}</td><td>${ID}</td>`, AS_OF)).toBe('<td>139****0123</td><td>3301**********0218</td>');
    expect(scrubText(`详见http://x.gov.cn/a.html。电话${MOBILE}`, AS_OF)).toBe('详见http://x.gov.cn/a.html。电话139****0123');
    expect(scrubText(`<a href="/zwgk/art/2026/12/${HASH}.html">联系 ${MOBILE}</a>`, AS_OF)).toBe(`<a href="/zwgk/art/2026/12/${HASH}.html">联系 139****0123</a>`);
    expect(scrubText(`手机 139 5710 0123，编号 ${MOBILE}`, AS_OF)).toBe('手机 139****0123，编号 139****0123');
    expect(scrubText(`<a href="tel:${MOBILE}">拨打</a> <a href='sms:+86${MOBILE}'>短信</a>`, AS_OF)).toBe(`<a href="tel:139****0123">拨打</a> <a href='sms:139****0123'>短信</a>`);
  });
});

describe('scrubDeep', () => {
  it('scrubs every string of a nested report-like value, keys and non-strings untouched', () => {
    const v = { findings: [{ message: `x ${leakedMobiles[1]}`, evidence: { html: [`<b>${leakedIdNumbers[1]}</b>`], n: 13957100123 } }], [leakedMobiles[2]]: true };
    const s = scrubDeep(v, '2026-11-20');
    expect(JSON.stringify(s)).not.toContain(leakedIdNumbers[1]);
    expect(s.findings[0].message).toBe('x 158****1234');
    expect(s.findings[0].evidence.n).toBe(13957100123);
    expect(Object.keys(s)).toContain(leakedMobiles[2]);
  });
});
