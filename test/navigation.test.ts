// Menus, script-only links and key tasks on hand-written documents and snapshots.
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../src/crawl/parse.js';
import { DEFAULT_TASKS, locateTasks } from '../src/analysis/key-tasks.js';
import type { Page, Snapshot } from '../src/model/types.js';

const doc = (body: string) => `<!DOCTYPE html><html lang="zh-CN"><head><title>t</title></head><body>${body}</body></html>`;

describe('menus', () => {
  it('counts top-level entries and nesting of each outermost menu block', () => {
    const p = parseHtml(
      doc(`<header><nav aria-label="主导航"><ul><li><a href="/">首页</a></li><li><a href="/a/">政务公开</a>
        <ul><li><a href="/a/1">要闻</a><ul><li><a href="/a/1/x">子栏目</a></li></ul></li></ul></li><li><a href="/b/">服务</a></li></ul></nav></header>
        <div class="left-menu"><a href="/x">X</a><a href="/y">Y</a></div>
        <div class="breadcrumb-nav"><a href="/">首页</a></div>
        <div class="pagination"><a href="?p=2">2</a></div>`),
      'http://example.gov.cn/',
    );
    expect(p.menus).toEqual([
      { label: '主导航', items: 3, levels: 3, region: 'header', texts: ['首页', '政务公开', '服务'] },
      { label: 'div.left-menu', items: 2, levels: 0, region: 'main', texts: ['X', 'Y'] },
    ]);
  });
  it('does not count a menu nested inside another twice', () => {
    const p = parseHtml(doc(`<nav id="top"><div class="menu"><ul><li><a href="/a">A</a></li></ul></div></nav>`), 'http://e.gov.cn/');
    expect(p.menus.map((m) => m.label)).toEqual(['#top']);
  });
});

describe('script-only links', () => {
  it('finds javascript:, # and empty hrefs that stand in for links', () => {
    const p = parseHtml(
      doc(`<ul><li><a href="javascript:void(0)" onclick="go()">财政预决算</a></li><li><a href="#">部门预算</a></li><li><a href="">人事任免</a></li>
        <li><a href="/real">真实链接</a></li><li><a href="#main">跳到正文</a></li></ul>`),
      'http://e.gov.cn/',
    );
    expect(p.pseudoLinks.map((l) => [l.kind, l.href, l.text])).toEqual([
      ['javascript', 'javascript:void(0)', '财政预决算'],
      ['hash', '#', '部门预算'],
      ['empty', '', '人事任免'],
    ]);
  });
  it('leaves widgets alone: toggles, buttons, back-to-top, sub-menu parents, placeholders', () => {
    const p = parseHtml(
      doc(`<a href="#" aria-expanded="false">菜单</a><a href="javascript:;" role="button">搜索</a><a href="#">返回顶部</a><a href="javascript:window.print()">打印</a>
        <ul><li><a href="javascript:;">政务公开</a><ul><li><a href="/zwgk/1">子项</a></li></ul></li></ul><a>无链接</a><a href="javascript:;"><img src="x.png"></a>`),
      'http://e.gov.cn/',
    );
    expect(p.pseudoLinks).toEqual([]);
  });
});

function page(url: string, depth: number, extra: Partial<Page> = {}): Page {
  return {
    ...parseHtml(doc(''), url),
    url, finalUrl: url, status: 200, depth, parent: null, linkText: null, contentType: 'text/html', charset: 'utf-8',
    redirects: [], rendered: false, timings: {}, bytes: 1, html: true, error: null, ...extra,
  } as Page;
}
const link = (url: string, text: string) => ({ url, href: url, text, region: 'main' as const, tag: 'a' });
const snapshot = (pages: Page[]): Snapshot => ({
  startUrl: pages[0].url, origin: 'http://e.gov.cn', asOf: '2026-11-20', lang: 'zh', pages, heldBack: {},
  crawl: { traps: [] } as unknown as Snapshot['crawl'], readBody: async () => null,
});

describe('key tasks', () => {
  it('finds each task at its shallowest matching page, by link text, title or column meta, with the click path', () => {
    const home = page('http://e.gov.cn/', 0, { links: [link('http://e.gov.cn/news/1', '我县召开依申请公开工作培训会'), link('http://e.gov.cn/zwgk/', '政务公开')] });
    const news = page('http://e.gov.cn/news/1', 1, { parent: home.url, linkText: '我县召开依申请公开工作培训会', title: '我县召开依申请公开工作培训会_示范县' });
    const zwgk = page('http://e.gov.cn/zwgk/', 1, { parent: home.url, linkText: '政务公开', links: [link('http://e.gov.cn/zwgk/ysq', '申请公开')] });
    const ysq = page('http://e.gov.cn/zwgk/ysq', 2, { parent: zwgk.url, linkText: '申请公开', title: '政府信息依申请公开_示范县' });
    const guide = page('http://e.gov.cn/zwgk/zn', 2, { parent: zwgk.url, meta: { ColumnName: '政府信息公开指南' } });
    const hits = locateTasks(snapshot([home, news, zwgk, ysq, guide]), DEFAULT_TASKS);
    const by = Object.fromEntries(hits.map((h) => [h.id, h]));
    // An article whose title merely mentions the task is not its entry.
    expect(by['disclosure-request']).toMatchObject({ found: true, url: ysq.url, depth: 2, matchedBy: 'title' });
    expect(by['disclosure-request'].path.map((s) => s.url)).toEqual([home.url, zwgk.url, ysq.url]);
    expect(by['disclosure-guide']).toMatchObject({ url: guide.url, matchedBy: 'ColumnName' });
    expect(by.services).toMatchObject({ found: false, url: null, depth: null });
  });
  it('counts a search form as the site-search entry', () => {
    const home = page('http://e.gov.cn/', 0, { forms: [{ action: 'http://e.gov.cn/s', method: 'get', fields: [{ name: 'q', type: 'text' }], buttons: ['搜索'], region: 'header' }] });
    const hit = locateTasks(snapshot([home]), DEFAULT_TASKS).find((h) => h.id === 'search')!;
    expect(hit).toMatchObject({ found: true, depth: 0, matchedBy: 'search form' });
  });
});
