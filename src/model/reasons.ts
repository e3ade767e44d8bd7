// Why a fetch, link or account check did not succeed: the crawler writes these in English
// (they are a stable contract in report.json and logs); Chinese reports show them through here.
import type { Lang } from './types.js';

type Rule = [RegExp, (m: RegExpExecArray) => string];

const ZH: Rule[] = [
  [/^HTTP (\d{3})$/, (m) => `HTTP ${m[1]}`],
  [/^timeout after (\d+) ms$/, (m) => `超时（${m[1]} 毫秒未响应）`],
  [/^(.+) timed out after (\d+) ms(.*)$/s, (m) => `${m[1]} 超时（${m[2]} 毫秒）${m[3] ? `：${m[3].replace(/^:\s*/, '')}` : ''}`],
  [/^connection refused$/, () => '连接被拒绝'],
  [/^DNS: host not found \((\w+)\)$/, (m) => `域名无法解析（${m[1]}）`],
  [/^redirect loop: (.*)$/s, (m) => `重定向循环：${m[1]}`],
  [/^too many redirects(?: \((\d+)\))?$/, (m) => `重定向次数过多${m[1] ? `（${m[1]} 次）` : ''}`],
  [/^redirect to an invalid location: (.*)$/s, (m) => `重定向到无效地址：${m[1]}`],
  [/^bot block \(HTTP (\d+)(?:, (.*))?\)$/s, (m) => `被反爬虫机制拦截（HTTP ${m[1]}${m[2] ? `，${zhReason(m[2])}` : ''}）`],
  [/^page says [“"](.*)[”"]$/s, (m) => `页面显示“${m[1]}”`],
  [/^rate limited \(HTTP 429(?:, Retry-After (.*))?\)$/s, (m) => `请求过于频繁被限流（HTTP 429${m[1] ? `，建议 ${m[1]} 后重试` : ''}）`],
  [/^login required \(HTTP 401\)$/, () => '需要登录（HTTP 401）'],
  [/^temporarily unavailable \(HTTP 503, Retry-After (.*)\)$/s, (m) => `暂时不可用（HTTP 503，建议 ${m[1]} 后重试）`],
  [/^blocked \(HTTP (\d+)\)$/, (m) => `被拦截（HTTP ${m[1]}）`],
  [/^not reachable: (.*)$/s, (m) => `无法访问：${zhReason(m[1])}`],
  [/^redirected to a login page \((.*)\)$/, (m) => `跳转到登录页（${m[1]}）`],
  [/^login wall or bot check \([“"](.*)[”"]\)$/s, (m) => `需登录或人机验证（“${m[1]}”）`],
  [/^no dated posts visible$/, () => '页面上看不到带日期的发文'],
  [/^shown only as a QR code$/, () => '仅以二维码展示'],
  [/^WeChat pages open only in the WeChat client$/, () => '微信公众号页面只能在微信客户端打开'],
  [/^X answers 404 to crawlers$/, () => 'X（推特）对爬虫返回 404'],
  [/^LinkedIn blocks crawlers \(999\)$/, () => '领英拦截爬虫（999）'],
  [/^soft 404: answers HTTP (\d+) but says [“"](.*)[”"]$/s, (m) => `软 404：返回 HTTP ${m[1]}，页面却显示“${m[2]}”`],
  [/^body larger than (\d+) bytes; truncated$/, (m) => `页面超过 ${m[1]} 字节，已截断`],
  [/^HTML served as (.+): browsers show it as source text; not parsed$/, (m) => `HTML 以 ${m[1]} 类型发送，浏览器会显示源代码；未解析`],
  [/^disallowed by robots\.txt$/, () => 'robots.txt 禁止抓取'],
  [/^not crawled \(page cap, depth limit or trap guard\)$/, () => '未抓取（页面数上限、深度上限或陷阱防护）'],
  [/^(?:refused|blocked) by the network guard(.*)$/s, (m) => `被网络防护拒绝${m[1]}`],
  [/^x-waf-event$/, () => 'WAF 拦截标记（x-waf-event）'],
];

/** A reason in Chinese when its pattern is known, else as written (a raw system error is still evidence). */
export function zhReason(reason: string): string {
  for (const [re, to] of ZH) {
    const m = re.exec(reason);
    if (m) return to(m);
  }
  return reason;
}

export const localReason = (reason: unknown, lang: Lang): unknown => (lang === 'zh' && typeof reason === 'string' ? zhReason(reason) : reason);
