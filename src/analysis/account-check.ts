// Checking one account page: reachable or removed, login-walled or bot-blocked, and the newest
// post it shows (dated posts, <time>, RSS/Atom feeds). A generic adapter reads any page;
// platform adapters only say what their platform's answers mean. Never a guess: a page that
// cannot be read is `unverifiable`, with the reason.
import * as cheerio from 'cheerio';
import type { Probe, ProbeResponse } from '../rules/types.js';
import { isFuture, parseDates, parseRelativeDates } from '../crawl/dates.js';
import { parseHtml } from '../crawl/parse.js';
import { platformOfUrl } from './accounts.js';

export interface AccountCheck {
  state: 'reachable' | 'removed' | 'unverifiable';
  reason: string | null;
  newestPost: string | null;
  source: 'page' | 'feed' | null;
  status: number | null;
  finalUrl: string | null;
}

export interface Adapter {
  platform: string;
  /** Platform-specific reading of an answer; return null to fall through to the generic rules. */
  interpret?(res: ProbeResponse): Pick<AccountCheck, 'state' | 'reason'> | null;
}

// Removal is said of the account itself (该账号已注销, 此帐号已被屏蔽, 该账号因违反…已被冻结), the verb
// ending the clause: a post's or a feature's state (评论已关闭, 该用户已关闭评论, 直播已结束, 此微博已被作者删除) is not.
const WHO = '(?:该|此|本)?(?:账号|帐号|账户|用户|公众号|头条号|抖音号|快手号)';
const GONE = '(?:自主)?(?:注销|封禁|封号|封停|冻结|停用|关闭|删除|屏蔽|迁移|停止服务)';
const REMOVED = new RegExp(
  `${WHO}(?:因[^。！？!?]{0,60}?)?(?:已经?被?|现已被?|被)${GONE}(?=$|[\\s，,。.！!；;、)）」”"'<])|${WHO}不存在` +
    `|account (?:has been |was |is )?(?:suspended|terminated|deactivated|deleted)|account doesn.t exist|user not found|this page isn.t available`,
  'i',
);
const WALL = /登录后查看|请先登录|登录后|扫码登录|请在微信客户端打开|安全验证|验证码|captcha|log in to (see|continue)|sign in to (see|continue)|Sina Visitor System|访客系统/i;
const LOGIN_HOST = /(^|\.)(passport|login|signin|account|accounts)\./i;
const BLOCK_STATUS = new Set([401, 403, 429, 999]);

export const ADAPTERS: Adapter[] = [
  // WeChat article and account pages only open inside the WeChat client.
  { platform: 'wechat', interpret: (r) => (/请在微信客户端打开|微信客户端/.test(r.text) ? { state: 'unverifiable', reason: 'WeChat pages open only in the WeChat client' } : null) },
  // X answers 404 to crawlers for live accounts (domain.md §2): a 404 there proves nothing.
  { platform: 'x', interpret: (r) => (r.status === 404 ? { state: 'unverifiable', reason: 'X answers 404 to crawlers' } : null) },
  // LinkedIn's 999 is its bot block.
  { platform: 'linkedin', interpret: (r) => (r.status === 999 ? { state: 'unverifiable', reason: 'LinkedIn blocks crawlers (999)' } : null) },
];

const MAX_REDIRECTS = 5;

async function follow(probe: Probe, url: string): Promise<ProbeResponse> {
  let current = url;
  for (let i = 0; ; i++) {
    const r = await probe.fetch(current);
    const loc = r.headers.location;
    if (r.status < 300 || r.status >= 400 || !loc || i >= MAX_REDIRECTS) return { ...r, url: current };
    current = new URL(loc, current).toString();
  }
}

/** Relative post times (2小时前, 昨天 10:23) from short texts only, where a platform prints a post's time: never a post's prose. */
function relativeTimes($: cheerio.CheerioAPI, asOf: string): string[] {
  const short = $('body, body *')
    .contents()
    .filter((_, n) => n.type === 'text')
    .map((_, n) => $(n).text().trim())
    .get()
    .filter((t) => t && t.length <= 30);
  return short.flatMap((t) => parseRelativeDates(t, asOf).map((d) => d.date));
}

/** Newest date among the page's posts: dated list items, <time>, every date in its text, relative post times. */
function newestOnPage(html: string, url: string, asOf: string): string | null {
  const p = parseHtml(html, url, asOf);
  const $ = cheerio.load(html);
  // The site's header and footer are chrome; a post's own <header> (its time) and <footer> are not.
  $('script, style, nav').remove();
  $('header, footer').filter((_, el) => $(el).parents('main, article, [role=main]').length === 0).remove();
  const dates = [
    ...p.items.map((i) => i.date),
    p.published,
    ...$('time[datetime]').map((_, el) => parseDates($(el).attr('datetime') ?? '', { asOf })[0]?.date ?? null).get(),
    ...parseDates($('body').text().replace(/\s+/g, ' '), { asOf, yearless: true }).map((d) => d.date),
    ...relativeTimes($, asOf),
  ].filter((d): d is string => !!d && !isFuture(d, asOf));
  return dates.length ? dates.sort().at(-1)! : null;
}

function feedUrl(html: string, base: string): string | null {
  const $ = cheerio.load(html);
  const href = $('link[rel="alternate"][type*="rss"], link[rel="alternate"][type*="atom"]').first().attr('href');
  return href ? new URL(href, base).toString() : null;
}

function newestInFeed(xml: string, asOf: string): string | null {
  const dates = [...xml.matchAll(/<(pubDate|updated|published|dc:date)>([^<]+)<\/\1>/gi)]
    .map((m) => parseDates(m[2], { asOf })[0]?.date ?? null)
    .filter((d): d is string => !!d && !isFuture(d, asOf));
  return dates.length ? dates.sort().at(-1)! : null;
}

export async function checkAccount(probe: Probe, url: string, asOf: string): Promise<AccountCheck> {
  const base = { newestPost: null, source: null } as const;
  let res: ProbeResponse;
  try {
    res = await follow(probe, url);
  } catch (e) {
    return { ...base, state: 'unverifiable', reason: `not reachable: ${(e as Error).message}`, status: null, finalUrl: null };
  }
  const meta = { status: res.status, finalUrl: res.url };
  const adapter = ADAPTERS.find((a) => a.platform === platformOfUrl(url)?.id);
  const special = adapter?.interpret?.(res);
  if (special) return { ...base, ...meta, ...special };
  if (BLOCK_STATUS.has(res.status)) return { ...base, ...meta, state: 'unverifiable', reason: `blocked (HTTP ${res.status})` };
  if (res.status >= 400) return { ...base, ...meta, state: 'removed', reason: `HTTP ${res.status}` };
  if (res.status >= 300) return { ...base, ...meta, state: 'unverifiable', reason: `too many redirects` };
  if (LOGIN_HOST.test(new URL(res.url).hostname)) return { ...base, ...meta, state: 'unverifiable', reason: `redirected to a login page (${new URL(res.url).hostname})` };
  const text = res.text.replace(/<script[\s\S]*?<\/script>/gi, ' ');
  let newest = newestOnPage(res.text, res.url, asOf);
  // A removed account shows no posts: with dated posts the wording is a post's (a police account
  // reporting 造谣账号已被封禁), and the posts say how alive the account is.
  const removed = REMOVED.exec(text)?.[0];
  if (removed && !newest) return { ...base, ...meta, state: 'removed', reason: `page says “${removed}”` };
  let source: AccountCheck['source'] = newest ? 'page' : null;
  const feed = feedUrl(res.text, res.url);
  if (feed) {
    const f = await probe.fetch(feed).catch(() => null);
    const fromFeed = f && f.status === 200 ? newestInFeed(f.text, asOf) : null;
    if (fromFeed && (!newest || fromFeed > newest)) [newest, source] = [fromFeed, 'feed'];
  }
  if (newest) return { ...meta, state: 'reachable', reason: null, newestPost: newest, source };
  const wall = WALL.exec(text)?.[0];
  return { ...base, ...meta, state: 'unverifiable', reason: wall ? `login wall or bot check (“${wall}”)` : 'no dated posts visible' };
}
