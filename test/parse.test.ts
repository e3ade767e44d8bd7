import { describe, expect, it } from 'vitest';
import { parseHtml } from '../src/crawl/parse.js';
import { computeDepths } from '../src/crawl/depth.js';

const doc = `<!doctype html><html lang="zh-CN"><head>
<title> 示范县人民政府 </title>
<meta name="SiteName" content="示范县人民政府"><meta name="siteidcode" content="3301000012">
<meta name="ColumnName" content="通知公告"><meta name="PubDate" content="2026-11-20 10:30">
<base href="/zwgk/">
</head><body>
<div class="header"><a href="/">首页</a><ul class="nav-menu"><li><a href="xxgk/index.html">信息公开</a></li></ul></div>
<nav><a href="/zwfw/index.html">政务服务</a></nav>
<form action="/search/" role="search"><label for="kw">关键词</label><input id="kw" name="searchword" placeholder="请输入关键词"><button>搜索</button></form>
<main><a href="t1.html#p2"> 关于  开展  工作的通知 </a><a href="javascript:void(0)">x</a><a href="mailto:a@b.cn">mail</a><a href="#top">top</a>
<img src="/img/a.png" alt="图"><a href="/uploads/a.pdf"><img src="/i.gif" alt="下载附件"></a></main>
<div id="footer"><a href="http://bszs.conac.cn/sitename?method=show&id=1">党政机关</a></div>
<script>var x = "<a href='/fake'>";</script>
</body></html>`;

describe('parseHtml', () => {
  const p = parseHtml(doc, 'http://www.a.gov.cn/zwgk/index.html');
  it('reads title, lang and CMS meta tags case-insensitively', () => {
    expect(p.title).toBe('示范县人民政府');
    expect(p.lang).toBe('zh-CN');
    expect(p.meta).toMatchObject({ SiteName: '示范县人民政府', SiteIDCode: '3301000012', ColumnName: '通知公告', PubDate: '2026-11-20 10:30' });
  });
  it('resolves links against <base>, drops fragments and non-http schemes, and tags regions', () => {
    const byText = Object.fromEntries(p.links.filter((l) => l.tag === 'a').map((l) => [l.text, l]));
    expect(byText['信息公开']).toMatchObject({ url: 'http://www.a.gov.cn/zwgk/xxgk/index.html', region: 'nav' });
    expect(byText['首页'].region).toBe('header');
    expect(byText['政务服务'].region).toBe('nav');
    expect(byText['关于 开展 工作的通知']).toMatchObject({ url: 'http://www.a.gov.cn/zwgk/t1.html', region: 'main' });
    expect(byText['下载附件'].url).toBe('http://www.a.gov.cn/uploads/a.pdf');
    expect(byText['党政机关'].region).toBe('footer');
    expect(p.links.some((l) => /javascript|mailto|fake/.test(l.url))).toBe(false);
    expect(p.links.filter((l) => l.tag === 'img').map((l) => l.url)).toContain('http://www.a.gov.cn/img/a.png');
  });
  it('describes forms with labelled fields and buttons', () => {
    expect(p.forms).toEqual([
      {
        action: 'http://www.a.gov.cn/search/',
        method: 'get',
        role: 'search',
        fields: [{ name: 'searchword', type: 'text', placeholder: '请输入关键词', label: '关键词' }],
        buttons: ['搜索'],
        region: 'main',
      },
    ]);
  });
  it('measures visible text without scripts and is not an app shell', () => {
    expect(p.textLength).toBeGreaterThan(20);
    expect(p.appShell).toBe(false);
  });
  it('flags script-driven shells with almost no static text', () => {
    const shell = parseHtml('<html><body><div id="app"></div><script src="/app.js"></script></body></html>', 'http://a.cn/');
    expect(shell.appShell).toBe(true);
  });
  it('follows meta refresh redirects as links', () => {
    const r = parseHtml('<meta http-equiv="refresh" content="0; url=/col/index.html">', 'http://a.cn/');
    expect(r.links).toMatchObject([{ url: 'http://a.cn/col/index.html', tag: 'meta-refresh' }]);
  });
});

describe('computeDepths', () => {
  it('finds minimum click depths with deterministic parents, whatever order pages were crawled in', () => {
    const edges = new Map([
      ['/', [{ key: '/a', text: 'A' }, { key: '/b', text: 'B' }]],
      ['/a', [{ key: '/c', text: 'C via A' }, { key: '/d', text: 'D' }]],
      ['/b', [{ key: '/c', text: 'C via B' }, { key: '/', text: 'home' }]],
      ['/d', [{ key: '/e', text: 'E' }, { key: '/b-alias', text: 'B again' }]],
    ]);
    const d = computeDepths('/', edges, (k) => (k === '/b-alias' ? '/b' : k));
    expect(d.get('/c')).toEqual({ depth: 2, parent: '/a', text: 'C via A' });
    expect(d.get('/e')?.depth).toBe(3);
    expect(d.get('/b')?.depth).toBe(1);
    expect(d.has('/b-alias')).toBe(false);
  });
});

describe('page regions', () => {
  const region = (html: string) => parseHtml(html, 'http://a.cn/').links.find((l) => l.text === 'x')!.region;
  it('reads class and id tokens, not fragments of them', () => {
    expect(region('<div class="site-footer"><a href="/a">x</a></div>')).toBe('footer');
    expect(region('<div id="footer-wrap"><a href="/a">x</a></div>')).toBe('footer');
    expect(region('<div class="padding--top_and_bottom"><a href="/a">x</a></div>')).toBe('main');
    expect(region('<div class="news-top"><a href="/a">x</a></div>')).toBe('main');
    expect(region('<div class="main-nav"><a href="/a">x</a></div>')).toBe('nav');
    expect(region('<div class="breadcrumb">当前位置：<a href="/a">x</a></div>')).toBe('nav');
  });
  it('ignores layout classes on <body>', () => {
    expect(region('<body class="one-sidebar sidebar-second"><table><tr><td><a href="/a">x</a></td></tr></table></body>')).toBe('main');
  });
});
