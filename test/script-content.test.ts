import { describe, expect, it } from 'vitest';
import { datastoreDocument, expandScriptContent, readDatastore } from '../src/crawl/script-content.js';
import { parseHtml } from '../src/crawl/parse.js';

const AS_OF = '2026-12-07';
const doc = (body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body><div class="list">${body}</div></body></html>`;
const items = (html: string, url = 'http://a.gov.cn/col/col1/index.html') => parseHtml(expandScriptContent(html, url).html, url, AS_OF).items;

// As Hanweb JCMS ships it (a real fragment's shape: duplicated appid, double-encoded webname, <b> dates).
const DATASTORE = (records: number, next = true) => `<div id="38486"><script type="text/xml"><datastore>
${next ? '<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&appid=1&webid=110&path=/&columnid=12377&unitid=38486&webname=%25E5%25AE%259A%25E8%25A5%25BF&permissiontype=0"></a>]]></nextgroup>' : ''}
<recordset>
${Array.from({ length: records }, (_, i) => `<record><![CDATA[
<li class="clearfix">    <a target="_blank" href="/art/2026/11/${20 - (i % 20)}/art_12377_${1486865 + i}.html" title="通知${i}">关于开展第${i}项工作的通知</a>    <b>2026-11-${String(20 - (i % 20)).padStart(2, '0')}</b></li>]]></record>`).join('\n')}
</recordset></datastore></script></div>`;

describe('Hanweb datastore lists', () => {
  it('reads the records as list items with their dates and links the proxy groups after them', () => {
    const html = doc(DATASTORE(45)) + `<script>$('#38486').jpage({ proxyUrl: '/module/web/jpage/dataproxy.jsp', perPage: 15, totalRecord: 120 });</script>`;
    const e = expandScriptContent(html, 'http://a.gov.cn/col/col12377/index.html');
    expect(e.shapes).toEqual(['hanweb-datastore']);
    const p = parseHtml(e.html, 'http://a.gov.cn/col/col12377/index.html', AS_OF);
    expect(p.items).toHaveLength(45);
    expect(p.items[0]).toMatchObject({ url: 'http://a.gov.cn/art/2026/11/20/art_12377_1486865.html', date: '2026-11-20' });
    // Groups 46–90 and 91–120, with the list's parameters, numbered as the pager shows them.
    const proxy = p.links.filter((l) => l.url.includes('dataproxy.jsp'));
    expect(proxy.map((l) => [new URL(l.url).searchParams.get('startrecord'), new URL(l.url).searchParams.get('endrecord'), l.text])).toEqual([
      ['46', '90', '4'],
      ['91', '120', '7'],
    ]);
    const u = new URL(proxy[0].url);
    expect(u.searchParams.get('columnid')).toBe('12377');
    expect(u.searchParams.getAll('appid')).toEqual(['1', '1']);
    expect(u.searchParams.get('page')).toBeNull();
    expect(p.pagination).toEqual(proxy.map((l) => l.url));
  });
  it('links one more group when the page does not state the total (its answer does)', () => {
    const p = parseHtml(expandScriptContent(doc(DATASTORE(15)), 'http://a.gov.cn/c/').html, 'http://a.gov.cn/c/', AS_OF);
    expect(p.links.filter((l) => l.url.includes('dataproxy')).map((l) => new URL(l.url).searchParams.get('startrecord'))).toEqual(['16']);
  });
  it('an empty recordset is an empty list, and no nextgroup means no paging', () => {
    const e = expandScriptContent(doc(DATASTORE(0, false)), 'http://a.gov.cn/c/');
    expect(e.shapes).toEqual(['hanweb-datastore']);
    expect(parseHtml(e.html, 'http://a.gov.cn/c/', AS_OF).items).toEqual([]);
    expect(readDatastore(DATASTORE(0, false))).toMatchObject({ records: [], nextGroup: null });
  });
  it('turns a data proxy answer into a list page that links the groups still to come', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>100</totalrecord><totalpage>7</totalpage><recordset>${Array.from({ length: 45 }, (_, i) => `<record><![CDATA[<li><a href="/art/2026/1/1/art_1_${i}.html">第${i}条新闻标题内容</a><span>2026-01-01</span></li>]]></record>`).join('')}</recordset></datastore>`;
    const url = 'http://a.gov.cn/module/web/jpage/dataproxy.jsp?columnid=1&startrecord=46&endrecord=90&perpage=15';
    const page = datastoreDocument(xml, url)!;
    const p = parseHtml(page, url, AS_OF);
    expect(p.items).toHaveLength(45);
    expect(p.links.filter((l) => l.url.includes('startrecord=91')).length).toBe(1);
    expect(p.links.some((l) => l.url.includes('startrecord=136'))).toBe(false);
  });
});

describe('document.write and TRS pagers', () => {
  it('writes string literals, simple variables and substrings where the script stands', () => {
    const html = doc(`<ul>
<script>var t = "2026-12-01 10:30:00"; var u = './202612/t20261201_1.html';
document.write('<li><a href="' + u + '">关于做好冬季供暖工作的通知</a><span>' + t.substring(0, 10) + '</span></li>');</script>
<script>var s = ''; s += '<li><a href="./202611/t20261120_2.html">关于开展安全生产检查的通知</a>'; s += "<span>2026-11-20</span></li>"; document.write(s);</script>
<script>document.writeln("<li><a href=\\"./202611/t20261110_3.html\\">关于印发年度工作要点的通知</a><span>2026-11-10</span></li>");</script>
</ul>`);
    const e = expandScriptContent(html, 'http://a.gov.cn/tzgg/index.html');
    expect(e.shapes).toEqual(['document-write']);
    expect(items(html, 'http://a.gov.cn/tzgg/index.html').map((i) => [i.url, i.date])).toEqual([
      ['http://a.gov.cn/tzgg/202612/t20261201_1.html', '2026-12-01'],
      ['http://a.gov.cn/tzgg/202611/t20261120_2.html', '2026-11-20'],
      ['http://a.gov.cn/tzgg/202611/t20261110_3.html', '2026-11-10'],
    ]);
  });
  it('leaves alone what it cannot evaluate (a write of links it cannot read is marked) and what only a called function would write', () => {
    const html = doc(`<script>document.write(location.href + '<a href="/x.html">x</a>');</script>
<script>function createPageHTML(n, c, name, ext) { if (n <= 1) return; document.write("<a href=\\"t20190918_693227.shtml\\">首页</a>"); }
createPageHTML(1, 0, "t20190918_693227", "shtml");</script>`);
    const e = expandScriptContent(html, 'http://a.gov.cn/a/');
    expect(e.html).toBe(html);
    expect(e.shapes).toEqual(['unread-write']);
  });
  it('links the pages a TRS createPageHTML pager produces, 4- and 6-argument forms, with variables', () => {
    const four = expandScriptContent(doc(`<script>var countPage = 5; var currentPage = 0; createPageHTML(countPage, currentPage, "index", "html");</script>`), 'http://a.gov.cn/xwdt/');
    expect(four.shapes).toEqual(['trs-pager']);
    expect(parseHtml(four.html, 'http://a.gov.cn/xwdt/', AS_OF).pagination).toEqual([1, 2, 3, 4].map((i) => `http://a.gov.cn/xwdt/index_${i}.html`));
    const six = expandScriptContent(doc(`<script>createPageHTML('page_div',10, 1,'zwgklist','shtml',200);</script>`), 'http://a.gov.cn/c110634/zwgklist_1.shtml');
    const links = parseHtml(six.html, 'http://a.gov.cn/c110634/zwgklist_1.shtml', AS_OF).pagination;
    expect(links).toHaveLength(9);
    expect(links).toContain('http://a.gov.cn/c110634/zwgklist.shtml');
    expect(links).toContain('http://a.gov.cn/c110634/zwgklist_9.shtml');
    expect(links).not.toContain('http://a.gov.cn/c110634/zwgklist_1.shtml');
  });
});

const shapes = (html: string) => expandScriptContent(html, 'http://a.gov.cn/c/').shapes;

describe('lists only a browser can read', () => {
  it('names a client template, a dated list kept in a comment and an unreadable write of links; not a commented-out menu or date', () => {
    expect(shapes(doc(`<script id="div380055" type="text/x-handlebars-template"><ul>{{#each data}}<li><a href='{{pcUrl}}'>{{title}}</a></li>{{/each}}</ul></script><script>loadPageData(params, '380055');</script>`))).toEqual(['script-template']);
    expect(shapes(doc(`<ul class="jytxxgklist"><!--${'<li><a target="_blank" href="/jyt/c110634/202511/174240943.shtml">关于开展工作的通知</a><b>2025-11-17</b></li>'.repeat(5)}--></ul>`))).toEqual(['commented-list']);
    expect(shapes(doc(`<!--<ul class="menu">${'<li><a href="/a/">栏目</a></li>'.repeat(8)}</ul>--><p><!--截止日期：2010-11-28-->截止日期：2023/5/31</p><script type="text/javascript">var a = '{{x}}';</script>`))).toEqual([]);
    expect(shapes(doc(`<ul><script>document.write('<li><a href="' + rows[0].url + '">' + rows[0].title + '</a></li>');</script></ul>`))).toEqual(['unread-write']);
  });
});

describe('what a template script may not have done', () => {
  it('writes neither branch of a conditional, and forgets what a block or function may have reassigned', () => {
    const html = doc(`<script>var u = '/a.html'; if (x) { document.write('<a href="/yes.html">是</a>'); } else document.write('<a href="/no.html">否</a>');
function f() { u = '/changed.html'; } f(); document.write('<a href="' + u + '">链接</a>');</script>`);
    const e = expandScriptContent(html, 'http://a.gov.cn/');
    // Nothing written: the branches may not run, and u may have changed.
    expect(e.html).toBe(html);
    expect(e.shapes).toEqual(['unread-write']);
  });
  it('runs only JavaScript: data and template scripts are not code', () => {
    const html = doc(`<script type="application/ld+json">{"x": "document.write('<a href=/x.html>x</a>')"}</script>`);
    expect(expandScriptContent(html, 'http://a.gov.cn/').html).toBe(html);
  });
});

describe('hostile markup', () => {
  const fast = (html: string) => {
    const t = performance.now();
    const e = expandScriptContent(html, 'http://a.gov.cn/');
    return { e, ms: performance.now() - t };
  };
  it('stays linear on thousands of unclosed tags, comments and template scripts', () => {
    expect(fast('<script '.repeat(40_000) + 'x'.repeat(1_000_000)).ms).toBeLessThan(1500);
    expect(fast('<script type="text/template">{{x}}'.repeat(40_000)).ms).toBeLessThan(1500);
    expect(fast('<!-- a --><script>var a = 1;</script>'.repeat(40_000)).ms).toBeLessThan(3000);
  });
  it('survives a doubling loop and deep nesting, writing nothing it cannot bound', () => {
    const double = fast(doc(`<script>var s = 'ab'; ${'s = s + s; '.repeat(30)} document.write(s);</script>`));
    expect(double.e.html.length).toBeLessThan(2_000_000);
    const deep = fast(doc(`<script>document.write(${'('.repeat(30_000)}'x'${')'.repeat(30_000)});</script>`));
    expect(deep.e.shapes).toEqual([]);
  });
});

describe('HTML comment rules', () => {
  it('an empty comment <!--> does not hide the datastore after it', () => {
    const e = expandScriptContent(doc(`<!--><p>x</p>${DATASTORE(3, false)}`), 'http://a.gov.cn/c/');
    expect(e.shapes).toEqual(['hanweb-datastore']);
  });
  it('a page that ships no record but a total loads its first group through the proxy', () => {
    const html = doc(DATASTORE(0)) + `<script>$('#x').jpage({ perPage: 15, totalRecord: 40 });</script>`;
    const p = parseHtml(expandScriptContent(html, 'http://a.gov.cn/c/').html, 'http://a.gov.cn/c/', AS_OF);
    expect(p.links.filter((l) => l.url.includes('dataproxy')).map((l) => [new URL(l.url).searchParams.get('startrecord'), new URL(l.url).searchParams.get('endrecord')])).toEqual([
      ['1', '15'],
      ['16', '30'],
      ['31', '40'],
    ]);
  });
});

describe('commented-out scripts', () => {
  it('never runs a script that sits inside an HTML comment', () => {
    const html = doc(`<ul><!-- <li><a href="/a.shtml">甲</a></li><script>createPageHTML('page_div',10, 1,'zwgklist','shtml',200);</script> --></ul><script>document.write('<p>发布时间：2026-12-01</p>');</script>`);
    const e = expandScriptContent(html, 'http://a.gov.cn/c/zwgklist.shtml');
    expect(e.shapes).toEqual(['document-write']);
    expect(e.html).not.toContain('zwgklist_2.shtml');
    expect(e.html).toContain('<p>发布时间：2026-12-01</p>');
  });
});
