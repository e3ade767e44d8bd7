import { describe, expect, it } from 'vitest';
import { fillTemplate, readResults, searchForm, urlTemplate } from '../src/analysis/search.js';
import { parseHtml } from '../src/crawl/parse.js';
import type { Page } from '../src/model/types.js';

const asOf = '2026-11-22';
const pageWith = (html: string) => ({ ...parseHtml(html, 'http://a.gov.cn/', asOf) }) as unknown as Page;

describe('searchForm', () => {
  it('picks the search form over a login form and reads its field', () => {
    const p = pageWith(`<form action="/login" method="post"><input name="user"><input type="password" name="pw"><button>登录</button></form>
      <div class="top"><form action="/was5/web/search" target="_blank"><input name="searchword" placeholder="请输入关键字"><input type="submit" value="检索"></form></div>`);
    expect(searchForm(p)).toMatchObject({ kind: 'form', action: 'http://a.gov.cn/was5/web/search', method: 'get', field: 'searchword' });
  });
  it('finds none where there is none', () => {
    expect(searchForm(pageWith('<form action="/login"><input name="user"><input type="password" name="pw"></form>'))).toBeNull();
  });
});

describe('readResults', () => {
  it('reads result links, the stated count and no-result messages', () => {
    const r = readResults(
      `<main><div>共找到 23 条结果</div><ul><li><a href="/a/t1.html">示范县召开常务会议</a><span>2026-11-01</span></li>
       <li><a href="/a/t2.html">关于开展安全生产检查的通知</a><span>2026-10-01</span></li></ul><a href="?searchword=x&page=2">下一页</a></main>`,
      'http://a.gov.cn/search/?searchword=x', asOf, 200, 120);
    expect(r.results.map((x) => x.url)).toEqual(['http://a.gov.cn/a/t1.html', 'http://a.gov.cn/a/t2.html']);
    expect(r.count).toBe(23);
    expect(r.noResultMessage).toBeNull();
    const none = readResults('<main><p>抱歉，没有找到相关结果</p></main>', 'http://a.gov.cn/search/?q=x', asOf, 200, 50);
    expect(none.results).toEqual([]);
    expect(none.noResultMessage).toBe('没有找到');
    expect(readResults('<main><p>About 1,234 results found</p></main>', 'http://a.gov.cn/s', asOf, 200, 1).count).toBe(1234);
  });
});

describe('GET templates', () => {
  it('are derived from the results URL that carries the query', () => {
    const t = urlTemplate('http://a.gov.cn/search/?channelid=1&searchword=%E4%B9%A1%E6%9D%91', '乡村')!;
    expect(t).toBe('http://a.gov.cn/search/?channelid=1&searchword={q}');
    expect(fillTemplate(t, '安全 生产')).toBe('http://a.gov.cn/search/?channelid=1&searchword=%E5%AE%89%E5%85%A8%20%E7%94%9F%E4%BA%A7');
    expect(urlTemplate('http://a.gov.cn/search/result', '乡村')).toBeNull();
  });
});
