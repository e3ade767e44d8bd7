import { describe, expect, it } from 'vitest';
import { looksLikeResource, makeScopeFilter, normalizeUrl, sameSite, urlKey } from '../src/crawl/url.js';

describe('normalizeUrl', () => {
  it('resolves relative links, drops fragments, default ports and credentials', () => {
    expect(normalizeUrl('../tzgg/index.html#top', 'http://www.a.gov.cn/xwdt/index.html')).toBe('http://www.a.gov.cn/tzgg/index.html');
    expect(normalizeUrl('HTTP://WWW.A.GOV.CN:80/x')).toBe('http://www.a.gov.cn/x');
    expect(normalizeUrl('https://u:p@a.gov.cn:443/')).toBe('https://a.gov.cn/');
  });
  it('collapses duplicate slashes and sorts the query, dropping tracking parameters', () => {
    expect(normalizeUrl('http://a.cn//x//y.html?b=2&a=1&utm_source=wx')).toBe('http://a.cn/x/y.html?a=1&b=2');
    expect(normalizeUrl('http://a.cn/s?utm_medium=x')).toBe('http://a.cn/s');
  });
  it('rejects non-http schemes and garbage', () => {
    expect(normalizeUrl('javascript:void(0)')).toBeNull();
    expect(normalizeUrl('mailto:a@b.cn')).toBeNull();
    expect(normalizeUrl('http://')).toBeNull();
  });
});

describe('urlKey', () => {
  it('treats index documents and trailing slashes as one page', () => {
    const k = urlKey('http://a.cn/xwdt/');
    expect(urlKey('http://a.cn/xwdt/index.html')).toBe(k);
    expect(urlKey('http://a.cn/xwdt')).toBe(k);
    expect(urlKey('http://a.cn/xwdt/index.shtml')).toBe(k);
    expect(urlKey('http://a.cn/xwdt/default.aspx')).toBe(k);
    expect(urlKey('http://a.cn/index.html')).toBe(urlKey('http://a.cn/'));
  });
  it('keeps distinct pages distinct', () => {
    expect(urlKey('http://a.cn/xwdt/index_1.html')).not.toBe(urlKey('http://a.cn/xwdt/'));
    expect(urlKey('http://a.cn/x?p=1')).not.toBe(urlKey('http://a.cn/x?p=2'));
    expect(urlKey('https://a.cn/x')).not.toBe(urlKey('http://a.cn/x'));
  });
});

describe('scope', () => {
  it('counts www and bare host as one site, other hosts and subdomains as outside', () => {
    expect(sameSite('http://a.gov.cn/x', 'www.a.gov.cn')).toBe(true);
    expect(sameSite('http://www.a.gov.cn/x', 'www.a.gov.cn')).toBe(true);
    expect(sameSite('http://b.gov.cn/x', 'www.a.gov.cn')).toBe(false);
    expect(sameSite('http://sub.a.gov.cn/x', 'www.a.gov.cn')).toBe(false);
    expect(sameSite('http://127.0.0.1:81/', '127.0.0.1:80')).toBe(false);
  });
  it('applies include and exclude globs to path and query', () => {
    const f = makeScopeFilter({ include: ['/zwgk/**'], exclude: ['**/calendar*'] });
    expect(f('http://a.cn/zwgk/index.html')).toBe(true);
    expect(f('http://a.cn/xwdt/index.html')).toBe(false);
    expect(f('http://a.cn/zwgk/calendar.html?ym=2024-01')).toBe(false);
    expect(makeScopeFilter({})('http://a.cn/anything')).toBe(true);
  });
  it('recognises documents that are checked for status only', () => {
    expect(looksLikeResource('http://a.cn/uploads/a.PDF')).toBe(true);
    expect(looksLikeResource('http://a.cn/uploads/a.docx')).toBe(true);
    expect(looksLikeResource('http://a.cn/uploads/a.ofd')).toBe(true);
    expect(looksLikeResource('http://a.cn/xwdt/t20240305_1.html')).toBe(false);
  });
});
