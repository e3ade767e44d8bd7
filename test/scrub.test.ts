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
