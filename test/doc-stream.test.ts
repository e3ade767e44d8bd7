// The links-only reader (token stream, no tree) must give exactly the facts the tree reader
// gives on htmlparser2's tree: every page of the sample portal (both variants), of the bench
// portal, every static fixture page, and markup chosen to break a stack-based reader.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPortal } from '../fixtures/portal/pages.js';
import { generateBenchPortal } from '../bench/portal-full.js';
import { parseHtml, parseTree } from '../src/crawl/parse.js';
import type { PageFact } from '../src/model/types.js';

const LINKS_ONLY = new Set<PageFact>(['pseudoLinks']);
const ORIGIN = 'http://www.example.gov.cn';
const same = (html: string, url: string) => expect(parseHtml(html, url, '2026-11-23', LINKS_ONLY)).toEqual(parseTree(html, url, '2026-11-23', LINKS_ONLY, 'htmlparser2'));

function portalPages(): [string, string][] {
  const out: [string, string][] = [];
  for (const variant of ['defects', 'clean'] as const) {
    const site = buildPortal('2026-11-23', { variant });
    for (const path of site.staticPaths()) {
      const r = site.resolve({ path, query: new URLSearchParams(), origin: ORIGIN });
      if (r.kind === 'body' && typeof r.body === 'string' && /html/.test(r.contentType)) out.push([`${variant} ${path}`, r.body]);
    }
  }
  return out;
}

function fixtureFiles(dir = 'fixtures'): [string, string][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e): [string, string][] => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return fixtureFiles(p);
    return /\.html?$/.test(e.name) ? [[p, readFileSync(p, 'utf8')]] : [];
  });
}

const TRICKY: [string, string][] = [
  ['nested and unclosed anchors', '<body><a href="/a">one <a href="/b">two</a> three<p><a href=/c>four'],
  ['image-only link, first img alt wins', '<a href="/x"><img src="/i.png"><img alt="" src="/j.png"><img alt="later"></a><a href="/y"><span><img alt="图标"></span></a>'],
  ['title and aria fallbacks', '<a href="/t" title="标题"> </a><area href="/m" aria-label="地图"><a href="/u" aria-label="标签">  </a>'],
  ['base after links', '<a href="rel/x.html">x</a><base href="http://other.gov.cn/dir/"><img src="pic.png">'],
  ['title in body and head', '<html><body><title>Body title</title></body><head><title> Head  title </title></head></html>'],
  ['two bodies and text outside', 'lead text<body>first <noscript>no</noscript><script>var x</script>body<template>t</template></body><body>second</body> tail'],
  ['entities, case and attributes', '<A HREF="/q?a=1&amp;b=2" REL="nofollow" Title="x&lt;y">A&amp;B&nbsp;C</A><META NAME="ColumnName" CONTENT=" 通知 公告 "><meta http-equiv="Content-Language" content="zh-CN">'],
  ['pseudo links and menu toggles', '<ul class="nav"><li><a href="javascript:;">机构</a><ul><li><a href="/jg/">机构概况</a></li></ul></li><li><a href="#">返回顶部</a></li><li><a href="">空链接</a></li><li><a href="javascript:void(0)" role="button">菜单</a></li></ul><div class="footer"><a href="#">联系我们</a></div>'],
  ['regions from landmarks and hints', '<html class="foot"><body class="one-sidebar"><header><a href="/h">h</a><nav><a href="/n">n</a></nav></header><div id="bottom-bar"><a href="/f">f</a></div><main class="footer"><a href="/m">m</a></main><div role="complementary"><a href="/s">s</a></div></body></html>'],
  ['implied ends', '<table><tr><td><a href="/1">1<td><a href="/2">2</table><p><a href="/p">p<p><a href="/q">q</p></p></br><ul><li><a href="/l1">l1<li><a href="/l2">l2</ul>'],
  ['svg and sources', '<svg><a href="/svg-link"><text>svg</text></a></svg><iframe src="/frame.html"></iframe><embed src="/e.swf"><video><source src="/v.mp4"></video><script src="/app.js"></script><link rel="alternate stylesheet" href="/s.css"><link rel="icon" href="/favicon.ico">'],
  ['meta refresh and stray closers', '</a></div><meta http-equiv="refresh" content="0; URL=\'/moved.html\'"><a href="/after">after</a></span>'],
  ['app shell', '<html><body><div id="app"></div><script src="/main.js"></script></body></html>'],
  ['no markup at all', 'just text, no tags'],
  ['empty document', ''],
];

describe('links-only stream reader = tree reader on htmlparser2', () => {
  it('agrees on every page of the sample portal (both variants)', () => {
    const pages = portalPages();
    expect(pages.length).toBeGreaterThan(50);
    for (const [name, html] of pages) {
      const url = `${ORIGIN}${name.split(' ')[1]}`;
      try {
        same(html, url);
      } catch (e) {
        throw new Error(`${name}: ${(e as Error).message}`);
      }
    }
  });

  it('agrees on the bench portal and on every static fixture page', () => {
    const bench = [...generateBenchPortal(300).pages].slice(0, 400);
    const files = fixtureFiles();
    expect(files.length).toBeGreaterThan(20);
    for (const [path, html] of [...bench, ...files]) {
      try {
        same(html, `${ORIGIN}/${path.replace(/^\//, '')}`);
      } catch (e) {
        throw new Error(`${path}: ${(e as Error).message}`);
      }
    }
  });

  it.each(TRICKY)('agrees on %s', (_what, html) => same(html, `${ORIGIN}/dir/page.html`));

  it('reads what a link checker needs from a page', () => {
    const p = parseHtml(TRICKY[6][1], `${ORIGIN}/`, '2026-11-23', LINKS_ONLY);
    expect(p.links[0]).toEqual({ url: `${ORIGIN}/q?a=1&b=2`, href: '/q?a=1&b=2', text: 'A&B C', region: 'main', tag: 'a', rel: 'nofollow' });
    expect(p.meta.ColumnName).toBe('通知 公告');
    expect(p.lang).toBe('zh-CN');
    const nav = parseHtml(TRICKY[7][1], `${ORIGIN}/`, '2026-11-23', LINKS_ONLY);
    // 机构 opens a sub-menu, 返回顶部 is a widget, the role=button one a control: only two are pseudo links.
    expect(nav.pseudoLinks.map((l) => [l.text, l.kind, l.region])).toEqual([['空链接', 'empty', 'nav'], ['联系我们', 'hash', 'footer']]);
    const shell = parseHtml(TRICKY[12][1], `${ORIGIN}/`, '2026-11-23', LINKS_ONLY);
    expect(shell.appShell).toBe(true);
    const base = parseHtml(TRICKY[3][1], `${ORIGIN}/`, '2026-11-23', LINKS_ONLY);
    expect(base.links.map((l) => l.url)).toEqual(['http://other.gov.cn/dir/rel/x.html', 'http://other.gov.cn/dir/pic.png']);
  });

  it('gathers no tree facts a links-only run did not ask for', () => {
    const p = parseHtml('<form action="/s"><input name="q"></form><h1>标题</h1><nav><a href="/a">a</a></nav>', `${ORIGIN}/`, '2026-11-23', LINKS_ONLY);
    expect([p.forms, p.menus, p.items, p.h1, p.published]).toEqual([[], [], [], null, null]);
    const full = parseHtml('<form action="/s"><input name="q"></form><h1>标题</h1><nav><a href="/a">a</a></nav>', `${ORIGIN}/`, '2026-11-23');
    expect([full.forms.length, full.menus.length, full.h1]).toEqual([1, 1, '标题']);
  });
});
