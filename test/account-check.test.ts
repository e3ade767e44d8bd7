// Adapters on saved page snippets (hand-written): the probe answers from a table instead of the network.
import { describe, expect, it } from 'vitest';
import { checkAccount } from '../src/analysis/account-check.js';
import { discoverAccounts } from '../src/analysis/accounts.js';
import { parseHtml } from '../src/crawl/parse.js';
import type { Probe, ProbeResponse } from '../src/rules/types.js';
import type { Page, Snapshot } from '../src/model/types.js';

const asOf = '2026-11-22';
function probeOf(pages: Record<string, Partial<ProbeResponse>>): Probe {
  return {
    fetch: async (url) => {
      const p = pages[url];
      if (!p) throw new Error(`ECONNREFUSED: ${url}`);
      return { url, status: 200, headers: {}, text: '', ...p };
    },
    withPage: () => Promise.reject(new Error('no browser in unit tests')),
    checkLink: () => Promise.reject(new Error('no link checks in unit tests')),
  };
}
const url = 'https://weibo.com/u/9';
const check = (url: string, pages: Record<string, Partial<ProbeResponse>>) => checkAccount(probeOf(pages), url, asOf);

describe('account adapters', () => {
  it('dates the newest post of a reachable page, in any of its styles', async () => {
    const r = await check('https://weibo.com/u/1', { 'https://weibo.com/u/1': { text: '<div class="post">2026-9-21 10:00 发布</div><div class="post">2025-12-01 09:00</div>' } });
    expect(r).toMatchObject({ state: 'reachable', newestPost: '2026-09-21', source: 'page' });
    const k = await check('https://www.kuaishou.com/profile/x', { 'https://www.kuaishou.com/profile/x': { text: '<ul><li>作品 11-05</li><li>作品 10-30</li></ul>' } });
    expect(k.newestPost).toBe('2026-11-05');
  });
  it('reads RSS feeds when the page shows no dates', async () => {
    const r = await check('https://space.bilibili.com/3', {
      'https://space.bilibili.com/3': { text: '<head><link rel="alternate" type="application/rss+xml" href="/3/feed.xml"></head><body>动态</body>' },
      'https://space.bilibili.com/3/feed.xml': { text: '<rss><channel><item><pubDate>Sun, 01 Nov 2026 10:00:00 +0800</pubDate></item><item><pubDate>Mon, 05 Oct 2026 10:00:00 +0800</pubDate></item></channel></rss>' },
    });
    expect(r).toMatchObject({ state: 'reachable', newestPost: '2026-11-01', source: 'feed' });
  });
  it('calls removed accounts and broken links removed', async () => {
    expect(await check('https://www.douyin.com/user/x', { 'https://www.douyin.com/user/x': { text: '<p>该账号已注销</p>' } })).toMatchObject({ state: 'removed', reason: 'page says “该账号已注销”' });
    expect(await check('https://weibo.com/u/404', { 'https://weibo.com/u/404': { status: 404, text: 'not found' } })).toMatchObject({ state: 'removed', reason: 'HTTP 404' });
  });
  it('takes removal wording about the account itself', async () => {
    const said = [
      '该账号已注销',
      '账号已被封禁',
      '该用户已被封号',
      '此账号已停用',
      '此帐号已被屏蔽, 内容无法查看',
      '该账号因违反《抖音社区自律公约》已被封禁',
      '该账号因被投诉违反法律法规和《微博社区公约》的相关规定，已被冻结。',
      '抱歉，你访问的用户不存在',
      'Account suspended',
    ];
    for (const w of said) expect([w, await check(url, { [url]: { text: `<div class="empty"><p>${w}</p></div>` } })]).toMatchObject([w, { state: 'removed' }]);
  });
  it('reads a comment or feature switched off next to recent posts as an active account', async () => {
    const states = ['评论已关闭', '部分评论已关闭', '打赏功能已关闭', '直播已结束', '此微博已被作者删除', '该用户已关闭评论', '作者已关闭评论'];
    for (const st of states) {
      const text = `<article><a class="time">2小时前</a><p>县城区今起全面供暖。</p><footer><span>转发 12</span><span>${st}</span></footer></article>`;
      expect([st, await check(url, { [url]: { text } })]).toMatchObject([st, { state: 'reachable', newestPost: asOf }]);
    }
  });
  it('dates posts by the relative times platforms print', async () => {
    const page = (t: string) => check(url, { [url]: { text: t } });
    expect(await page('<li><p>冬季森林防火提示</p><span>· 3天前</span></li><li><span>· 1周前</span></li>')).toMatchObject({ state: 'reachable', newestPost: '2026-11-19' });
    expect(await page('<div>昨天 10:23 来自 微博网页版</div><div>11-02 09:00</div>')).toMatchObject({ newestPost: '2026-11-21' });
    expect(await page('<div class="feed-card-footer-time-cmp">5小时前</div>')).toMatchObject({ newestPost: asOf });
    // A relative word inside a post's prose is not the post's time.
    expect(await page('<p>刚刚，县应急管理局发布寒潮蓝色预警，请广大市民注意防寒保暖，出行注意安全。</p><span>10-20</span>')).toMatchObject({ newestPost: '2026-10-20' });
  });
  it('a post reporting other accounts removed does not remove the account', async () => {
    const text = '<article><span>昨天 18:00</span><p>【辟谣】网传消息不实，涉事账号已被封禁。</p></article>';
    expect(await check(url, { [url]: { text } })).toMatchObject({ state: 'reachable', newestPost: '2026-11-21' });
  });
  it('never guesses behind login walls, bot blocks and platform quirks', async () => {
    expect(await check('https://www.xiaohongshu.com/user/profile/x', { 'https://www.xiaohongshu.com/user/profile/x': { text: '<p>登录后查看更多内容</p><form><input type="password"></form>' } })).toMatchObject({ state: 'unverifiable' });
    expect(await check('https://mp.weixin.qq.com/s/x', { 'https://mp.weixin.qq.com/s/x': { text: '请在微信客户端打开链接。' } })).toMatchObject({ state: 'unverifiable', reason: 'WeChat pages open only in the WeChat client' });
    expect(await check('https://x.com/gov', { 'https://x.com/gov': { status: 404 } })).toMatchObject({ state: 'unverifiable', reason: 'X answers 404 to crawlers' });
    expect(await check('https://www.linkedin.com/company/gov', { 'https://www.linkedin.com/company/gov': { status: 999 } })).toMatchObject({ state: 'unverifiable' });
    expect(await check('https://weibo.com/u/2', { 'https://weibo.com/u/2': { status: 302, headers: { location: 'https://passport.weibo.com/visitor' } }, 'https://passport.weibo.com/visitor': { text: 'Sina Visitor System' } })).toMatchObject({ state: 'unverifiable', reason: 'redirected to a login page (passport.weibo.com)' });
    expect(await check('https://weibo.com/u/3', {})).toMatchObject({ state: 'unverifiable', reason: expect.stringMatching(/not reachable/) });
  });
});

describe('account discovery', () => {
  it('merges the footer icon and the matrix entry, skips platform home pages, keeps QR-only accounts', () => {
    const page = (url: string, html: string) => ({ ...parseHtml(html, url, asOf), url, depth: 1 }) as unknown as Page;
    const snapshot = {
      startUrl: 'http://a.gov.cn/',
      pages: [
        page('http://a.gov.cn/', '<footer><a href="https://weibo.com/u/7"><img alt="官方微博"></a><a href="https://weibo.com/">微博</a></footer>'),
        page('http://a.gov.cn/xmt/', '<main><a href="https://weibo.com/u/7">示范县发布</a><img src="/qr.png" alt="示范发布微信公众号二维码"></main>'),
      ],
    } as unknown as Snapshot;
    const found = discoverAccounts(snapshot);
    expect(found.map((a) => [a.platform, a.name, a.url, a.foundOn.length])).toEqual([
      ['weibo', '示范县发布', 'https://weibo.com/u/7', 2],
      ['wechat', '示范发布', null, 1],
    ]);
  });
});
