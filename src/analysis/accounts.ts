// Government new-media accounts (政务新媒体) a portal advertises: links to platform hosts and
// QR codes with platform captions, merged across the pages that show them (domain.md §2).
import type { Snapshot } from '../model/types.js';
import { urlKey } from '../crawl/url.js';

export interface Platform {
  id: string;
  name: string;
  hosts: RegExp;
  labels: RegExp;
}

export const PLATFORMS: Platform[] = [
  { id: 'weibo', name: '微博', hosts: /(^|\.)weibo\.(com|cn)$/i, labels: /微博|weibo/i },
  { id: 'wechat', name: '微信公众号/视频号', hosts: /(^|\.)(mp|channels)\.weixin\.qq\.com$/i, labels: /微信|公众号|视频号|wechat/i },
  { id: 'douyin', name: '抖音', hosts: /(^|\.)(douyin|iesdouyin)\.com$/i, labels: /抖音|douyin/i },
  { id: 'toutiao', name: '今日头条', hosts: /(^|\.)toutiao\.com$/i, labels: /头条/i },
  { id: 'kuaishou', name: '快手', hosts: /(^|\.)kuaishou\.com$/i, labels: /快手/i },
  { id: 'bilibili', name: '哔哩哔哩', hosts: /(^|\.)bilibili\.com$/i, labels: /哔哩哔哩|b站|bilibili/i },
  { id: 'xiaohongshu', name: '小红书', hosts: /(^|\.)xiaohongshu\.com$/i, labels: /小红书/i },
  { id: 'renminhao', name: '人民号', hosts: /(^|\.)rmh\.pdnews\.cn$/i, labels: /人民号/i },
  { id: 'xuexi', name: '学习强国', hosts: /(^|\.)xuexi\.cn$/i, labels: /学习强国/i },
  { id: 'x', name: 'X/Twitter', hosts: /(^|\.)(twitter|x)\.com$/i, labels: /twitter|\bX\b/ },
  { id: 'facebook', name: 'Facebook', hosts: /(^|\.)facebook\.com$/i, labels: /facebook/i },
  { id: 'youtube', name: 'YouTube', hosts: /(^|\.)youtube\.com$/i, labels: /youtube/i },
  { id: 'instagram', name: 'Instagram', hosts: /(^|\.)instagram\.com$/i, labels: /instagram/i },
  { id: 'linkedin', name: 'LinkedIn', hosts: /(^|\.)linkedin\.com$/i, labels: /linkedin/i },
  { id: 'threads', name: 'Threads', hosts: /(^|\.)threads\.net$/i, labels: /threads/i },
];

export interface Account {
  platform: string;
  name: string;
  /** Account page; null for accounts shown only as a QR code. */
  url: string | null;
  /** Pages that advertise it (footer icon, 政务新媒体 matrix …). */
  foundOn: string[];
  via: 'link' | 'qr';
}

export const platformOfUrl = (url: string): Platform | undefined => {
  try {
    const host = new URL(url).hostname;
    return PLATFORMS.find((p) => p.hosts.test(host));
  } catch {
    return undefined;
  }
};

const QR = /二维码|扫码|扫一扫|qr/i;
const clean = (s: string) => s.replace(/二维码|扫码关注|扫一扫|QR\s*code/gi, '').replace(/[:：\s]+$/, '').trim();

const nameOf = (text: string, p: Platform) => clean(text.replace(new RegExp(p.labels.source, 'gi'), '').replace(/官方|账号|[:：]/g, ''));

export function discoverAccounts(snapshot: Snapshot): Account[] {
  const byUrl = new Map<string, Account>();
  const qr = new Map<string, Account>();
  for (const page of snapshot.pages) {
    for (const l of page.links) {
      const platform = platformOfUrl(l.url);
      if (platform && l.tag === 'a') {
        // The platform's own home page is not an account.
        if (new URL(l.url).pathname.replace(/\/+$/, '') === '') continue;
        const key = urlKey(l.url);
        const a = byUrl.get(key) ?? { platform: platform.id, name: '', url: l.url, foundOn: [], via: 'link' as const };
        // "XX县发布官方微博" (footer icon) and "XX县发布" (matrix) name the same account.
        a.name ||= nameOf(l.text, platform);
        if (!a.foundOn.includes(page.url)) a.foundOn.push(page.url);
        byUrl.set(key, a);
      } else if (l.tag === 'img' && QR.test(l.text)) {
        const p = PLATFORMS.find((x) => x.labels.test(l.text));
        if (!p) continue;
        const name = nameOf(l.text, p) || p.name;
        const key = `${p.id}:${name}`;
        const a = qr.get(key) ?? { platform: p.id, name, url: null, foundOn: [], via: 'qr' as const };
        if (!a.foundOn.includes(page.url)) a.foundOn.push(page.url);
        qr.set(key, a);
      }
    }
  }
  // A QR code of an account that is also linked is the same account.
  const linkedPlatforms = new Set([...byUrl.values()].map((a) => `${a.platform}:${a.name}`));
  return [...byUrl.values(), ...[...qr.values()].filter((a) => !linkedPlatforms.has(`${a.platform}:${a.name}`))];
}
