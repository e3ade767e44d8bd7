import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { canonicalCharset, decodeHtml } from '../src/crawl/charset.js';

const page = (title: string, head = '') => `<html><head>${head}<title>${title}</title></head><body>${title}</body></html>`;

describe('decodeHtml', () => {
  it('decodes GBK declared in http-equiv meta when the header has no charset', () => {
    const buf = iconv.encode(page('示范县旧版信息公开目录', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'gbk');
    const d = decodeHtml(buf, 'text/html');
    expect(d.text).toContain('示范县旧版信息公开目录');
    expect(d).toMatchObject({ charset: 'gb18030', source: 'meta' });
  });
  it('uses the Content-Type header over the meta tag', () => {
    const buf = iconv.encode(page('政务公开', '<meta charset="utf-8">'), 'gb18030');
    expect(decodeHtml(buf, 'text/html; charset=GBK')).toMatchObject({ charset: 'gb18030', source: 'header' });
  });
  it('decodes Big5 and GB18030-only characters', () => {
    expect(decodeHtml(iconv.encode(page('臺北市政府'), 'big5'), 'text/html; charset=big5').text).toContain('臺北市政府');
    expect(decodeHtml(iconv.encode(page('𠀀'), 'gb18030'), 'text/html; charset=gb18030').text).toContain('𠀀');
  });
  it('honours a UTF-8 BOM over a wrong declaration', () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('首页'))]);
    expect(decodeHtml(buf, 'text/html; charset=gbk')).toMatchObject({ charset: 'utf-8', source: 'bom' });
  });
  it('corrects a page mislabelled as UTF-8 that is really GBK', () => {
    const buf = iconv.encode(page('通知公告', '<meta charset="utf-8">'), 'gbk');
    const d = decodeHtml(buf, 'text/html');
    expect(d.text).toContain('通知公告');
    expect(d.source).toMatch(/declared utf-8/);
  });
  it('corrects a page declared GBK that is really UTF-8', () => {
    const d = decodeHtml(Buffer.from(page('政策文件', '<meta charset="gb2312">')), null);
    expect(d.text).toContain('政策文件');
    expect(d.charset).toBe('utf-8');
  });
  it('sniffs undeclared pages: UTF-8 when valid, else GB18030', () => {
    expect(decodeHtml(Buffer.from(page('要闻动态')), null)).toMatchObject({ charset: 'utf-8', source: 'sniffed' });
    const d = decodeHtml(iconv.encode(page('要闻动态'), 'gbk'), null);
    expect(d.text).toContain('要闻动态');
    expect(d.charset).toBe('gb18030');
  });
  it('maps labels the way browsers do and rejects unknown ones', () => {
    expect(canonicalCharset('GB2312')).toBe('gb18030');
    expect(canonicalCharset('"utf-8"')).toBe('utf-8');
    expect(canonicalCharset('ISO-8859-1')).toBe('windows-1252');
    expect(canonicalCharset('no-such-charset')).toBeNull();
  });
});
