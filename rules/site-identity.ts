// Identity marks a Chinese government portal must show in its footer (国办发〔2017〕47号;
// 国办秘函〔2019〕19号 功能设计 "域名和标识"). Applies to Chinese government portals only.
import { homePages } from '../src/analysis/home.js';
import * as cheerio from 'cheerio';
import { defineRule, type RuleFinding } from '../src/rules/types.js';
import type { Page, Severity, Snapshot, Text } from '../src/model/types.js';
import { adNetworkOf } from '../src/analysis/ad-networks.js';

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const ICP = new RegExp(`[${PROVINCES}]\\s*ICP\\s*备\\s*\\d{6,}\\s*号(?:-\\d+)?`, 'i');
const PSB = new RegExp(`[${PROVINCES}]\\s*公网安备\\s*\\d{10,16}\\s*号?`);
const SITE_ID_TEXT = /网站标识码\s*[:：]?\s*([0-9A-Za-z]{10})\b/;
const SITE_ID_META = /^[0-9A-Za-z]{10}$/;
/** 主办单位：XX县人民政府办公室 — the name up to the next field or separator. */
const SPONSOR = /主办(?:单位)?\s*[:：]\s*([^\s|｜,，;；:：]{2,40}?)(?=\s|[|｜,，;；]|承办|协办|联系|电话|地址|网站标识码|$)/;
const FOOTER_SELECTOR = 'footer, [role=contentinfo], #footer, .footer, [id*=foot i], [class*=foot i], [class*=bottom i], [id*=bottom i]';

interface Check {
  check: string;
  severity: Severity;
  present: (f: FooterFacts) => boolean | string;
  missing: Text;
}

interface FooterFacts {
  text: string;
  links: Page['links'];
  images: string[];
  meta: Page['meta'];
}

const CHECKS: Check[] = [
  {
    check: 'site-id-code',
    severity: 'serious',
    present: (f) => SITE_ID_TEXT.exec(f.text)?.[1] ?? false,
    missing: { zh: '页脚未展示网站标识码', en: 'Footer does not show the website identification code (网站标识码)' },
  },
  {
    check: 'icp-record',
    severity: 'moderate',
    present: (f) => ICP.exec(f.text)?.[0] ?? false,
    missing: { zh: '页脚未展示ICP备案编号', en: 'Footer does not show the ICP record number (ICP备案号)' },
  },
  {
    check: 'psb-record',
    severity: 'moderate',
    present: (f) => PSB.exec(f.text)?.[0] ?? false,
    missing: { zh: '页脚未展示公安机关备案号', en: 'Footer does not show the public-security record number (公网安备)' },
  },
  {
    check: 'conac-mark',
    severity: 'moderate',
    present: (f) =>
      f.links.some((l) => /conac\.cn/i.test(l.url)) || f.images.some((s) => /conac|党政机关/i.test(s)) || /党政机关网站标识/.test(f.text),
    missing: { zh: '页脚缺少党政机关网站标识', en: 'Footer lacks the Party and government website mark (党政机关网站标识)' },
  },
  {
    check: 'sponsor',
    severity: 'moderate',
    present: (f) => /主办(单位)?\s*[:：]|主办\s*[:：]?\s*\S+(人民政府|办公室|委员会|局)/.test(f.text),
    missing: { zh: '页脚未注明主办单位', en: 'Footer does not name the sponsoring body (主办单位)' },
  },
  {
    check: 'contact',
    severity: 'minor',
    present: (f) => /联系(电话|方式|我们)|电话\s*[:：]|邮箱|E-?mail/i.test(f.text) || f.links.some((l) => /^mailto:/i.test(l.href)),
    missing: { zh: '页脚未提供联系方式', en: 'Footer gives no contact details' },
  },
  {
    check: 'error-report',
    severity: 'minor',
    present: (f) => /我为政府网站找错/.test(f.text) || f.links.some((l) => /zfwzgl\.www\.gov\.cn|找错/.test(l.url + l.text)),
    missing: { zh: '页面缺少“我为政府网站找错”入口', en: 'No "我为政府网站找错" (report an error) entry' },
  },
];

/** Chinese government portal: a .gov.cn host, a SiteIDCode, or a government body's name. */
function isChineseGovPortal(home: Page, host: string): boolean {
  if (/\.gov\.cn$/i.test(host) || home.meta.SiteIDCode) return true;
  const name = `${home.meta.SiteName ?? ''} ${home.title ?? ''}`;
  return /[\u4e00-\u9fff]/.test(name) && /(人民政府|政府|委员会|管理局|局|办公厅|厅)/.test(name);
}

/** Scripts and frames from ad networks, one finding per network with the pages that load it. */
function commercialAds(snapshot: Snapshot, t: (x: Text) => string): RuleFinding[] {
  const seen = new Map<string, { urls: Set<string>; pages: string[] }>();
  for (const p of snapshot.pages)
    for (const l of p.links) {
      if (l.tag !== 'script' && l.tag !== 'iframe' && l.tag !== 'frame') continue;
      const network = adNetworkOf(l.url);
      if (!network) continue;
      const e = seen.get(network) ?? { urls: new Set<string>(), pages: [] };
      e.urls.add(l.url);
      if (!e.pages.includes(p.url)) e.pages.push(p.url);
      seen.set(network, e);
    }
  return [...seen].map(([network, e]) => ({
    check: 'commercial-ads',
    severity: 'serious' as Severity,
    url: e.pages[0],
    target: [...e.urls][0],
    message: t({ zh: `政府网站加载商业广告（${network}），出现在 ${e.pages.length} 个页面`, en: `Government site loads commercial advertising (${network}) on ${e.pages.length} page(s)` }),
    evidence: { network, scripts: [...e.urls].slice(0, 10), pageCount: e.pages.length, pages: e.pages.slice(0, 20) },
  }));
}

export default defineRule({
  id: 'site-identity',
  category: 'security',
  title: { zh: '网站身份标识', en: 'Website identity marks' },
  description: {
    zh: '检查首页页脚的网站标识码、ICP备案号、公安备案号、党政机关网站标识、主办单位、联系方式、找错入口，.gov.cn 域名，以及页面是否加载商业广告（已知广告联盟的脚本和框架）。',
    en: 'Checks the home page footer for the site identification code, ICP and public-security record numbers, the Party and government website mark, sponsoring body, contact details and the error-report entry, that the domain is .gov.cn, and that no page loads commercial advertising (known ad networks\' scripts and frames).',
  },
  severity: 'moderate',
  standards: ['国办发〔2017〕47号 政府网站发展指引 §网站标识', '国办秘函〔2019〕19号 功能设计 · 域名和标识'],
  async run({ snapshot, t }) {
    const homes = homePages(snapshot);
    const home = homes[0];
    if (!home) return [];
    const host = new URL(home.finalUrl).hostname;
    if (!isChineseGovPortal(home, host)) return [];
    // A frameset shows its footer in a frame: the first home frame with a footer is read.
    let read: { page: typeof home; $: cheerio.CheerioAPI; $footer: ReturnType<cheerio.CheerioAPI> } | null = null;
    for (const p of homes) {
      const $p = cheerio.load((await snapshot.readBody(p.url)) ?? '');
      // Some templates nest the footer in a generic wrapper: take the outermost match's text.
      const outer = $p(FOOTER_SELECTOR).filter((_, el) => $p(el).parents(FOOTER_SELECTOR).length === 0).last();
      const $f = outer.length ? outer : $p(FOOTER_SELECTOR).last();
      if (!read || (!read.$footer.length && $f.length)) read = { page: p, $: $p, $footer: $f };
      if ($f.length) break;
    }
    const { page: framed, $, $footer } = read!;
    const bodyText = $('body').text().replace(/\s+/g, ' ').trim();
    const text = $footer.length ? $footer.text().replace(/\s+/g, ' ').trim() : bodyText.slice(-1500);
    const facts: FooterFacts = {
      text,
      links: framed.links.filter((l) => l.region === 'footer'),
      images: $footer.find('img').map((_, el) => `${$(el).attr('src') ?? ''} ${$(el).attr('alt') ?? ''}`).get(),
      meta: { ...framed.meta, ...home.meta },
    };
    const where = $footer.length ? (framed === home ? 'footer' : `footer of the framed page ${framed.url}`) : 'end of page (no footer element found)';
    const findings: RuleFinding[] = [];
    for (const c of CHECKS) {
      if (c.present(facts)) continue;
      findings.push({
        check: c.check,
        severity: c.severity,
        url: home.url,
        target: `${home.url} (${where})`,
        message: t(c.missing),
        evidence: { looked: where, footerText: text.slice(0, 300) },
      });
    }
    const metaCode = home.meta.SiteIDCode;
    const shown = SITE_ID_TEXT.exec(text)?.[1];
    if (metaCode && !SITE_ID_META.test(metaCode))
      findings.push({
        check: 'site-id-code-meta',
        severity: 'minor',
        url: home.url,
        target: home.url,
        message: t({ zh: `SiteIDCode 元数据格式不正确：${metaCode}`, en: `SiteIDCode meta tag is malformed: ${metaCode}` }),
        evidence: { meta: metaCode },
      });
    else if (metaCode && shown && metaCode !== shown)
      findings.push({
        check: 'site-id-code-meta',
        severity: 'minor',
        url: home.url,
        target: home.url,
        message: t({ zh: `SiteIDCode 元数据（${metaCode}）与页脚标识码（${shown}）不一致`, en: `SiteIDCode meta (${metaCode}) differs from the footer code (${shown})` }),
        evidence: { meta: metaCode, footer: shown },
      });
    findings.push(...commercialAds(snapshot, t));
    if (!/\.gov\.cn$/i.test(host))
      findings.push({
        check: 'gov-domain',
        severity: 'serious',
        url: home.url,
        target: host,
        message: t({ zh: `政府网站未使用 .gov.cn 域名：${host}`, en: `Government website is not on a .gov.cn domain: ${host}` }),
        evidence: { host },
      });
    // What the footer says, for the score sheet's header block (网站名称, 主办单位, 网站标识码, 备案号).
    const identity = {
      siteName: home.meta.SiteName ?? home.title ?? null,
      sponsor: SPONSOR.exec(text)?.[1] ?? null,
      siteIdCode: shown ?? (metaCode && SITE_ID_META.test(metaCode) ? metaCode : null),
      icp: ICP.exec(text)?.[0].replace(/\s+/g, '') ?? null,
      psb: PSB.exec(text)?.[0].replace(/\s+/g, '') ?? null,
      looked: where,
    };
    return { findings, data: { identity } };
  },
});
