// Transport security as a visitor's browser and an inspector see it: HTTPS at all, redirects
// that drop back to http, the certificate (trust, host name, days left, protocol), and the
// response headers that protect visitors (HSTS, nosniff, clickjacking, CSP). Mixed content is
// the links rule's (links/mixed-content).
import { defineRule, type RuleContext, type RuleFinding } from '../src/rules/types.js';
import type { TlsInfo } from '../src/crawl/http.js';
import type { Page } from '../src/model/types.js';

interface Options {
  /** Certificate expiry warnings: serious within `criticalDays`, moderate within `warnDays`. */
  warnDays: number;
  criticalDays: number;
  /** HSTS max-age below this many seconds is too short to protect (180 days, as scanners use). */
  minHstsSeconds: number;
}
const DEFAULTS: Options = { warnDays: 30, criticalDays: 7, minHstsSeconds: 180 * 86_400 };

const OLD_PROTOCOLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

export default defineRule({
  id: 'transport-security',
  category: 'security',
  title: { zh: '传输安全', en: 'Transport security' },
  description: {
    zh: '检查是否启用HTTPS、HTTP是否跳转到HTTPS、HTTPS是否降级为HTTP、证书是否可信/匹配域名/临近过期、TLS版本，以及首页的HSTS、X-Content-Type-Options、防点击劫持（X-Frame-Options 或 CSP frame-ancestors）和内容安全策略响应头。',
    en: 'Checks that the site uses HTTPS, that http redirects to https and https never redirects back to http, that the certificate is trusted, names the host and is not about to expire, the TLS version, and the home page\'s HSTS, X-Content-Type-Options, clickjacking protection (X-Frame-Options or CSP frame-ancestors) and Content-Security-Policy headers.',
  },
  severity: 'moderate',
  standards: ['GB/T 22239-2019 网络安全等级保护基本要求 · 通信传输', '国办发〔2017〕47号 政府网站发展指引 · 安全防护', 'OWASP Secure Headers'],
  // Reads no page facts beyond links, title and meta.
  facts: [],
  async run(ctx) {
    const { snapshot, probe, t } = ctx;
    const o = { ...DEFAULTS, ...(ctx.options as Partial<Options>) };
    const home = snapshot.pages.find((p) => p.depth === 0);
    if (!home || home.status === null) return [];
    const findings: RuleFinding[] = [];
    const homeUrl = new URL(home.finalUrl);
    const httpsUrl = `https://${homeUrl.host}/`;

    if (homeUrl.protocol === 'http:') {
      // Is there an https site the http one should have sent visitors to?
      const tls = await probe.tls(httpsUrl).catch((e: Error) => e);
      const has = !(tls instanceof Error);
      findings.push({
        check: has ? 'no-https-redirect' : 'no-https',
        severity: 'serious',
        url: home.url,
        target: home.finalUrl,
        message: t(
          has
            ? { zh: `首页通过不加密的HTTP提供，未跳转到已开通的HTTPS：${home.finalUrl}`, en: `Home page served over plain http without redirecting to the available https site: ${home.finalUrl}` }
            : { zh: `网站未启用HTTPS，首页仅通过不加密的HTTP提供：${home.finalUrl}`, en: `Site has no https; the home page is served over plain http only: ${home.finalUrl}` },
        ),
        evidence: { httpsUrl, https: has ? 'available' : (tls as Error).message },
      });
      if (has) findings.push(...certificateFindings(tls as TlsInfo, httpsUrl, home.url, o, ctx));
    } else {
      const tls = await probe.tls(home.finalUrl).catch((e: Error) => e);
      if (tls instanceof Error)
        findings.push({ check: 'tls-failed', severity: 'serious', url: home.url, target: homeUrl.origin, message: t({ zh: `TLS握手失败：${tls.message}`, en: `TLS handshake failed: ${tls.message}` }), evidence: { error: tls.message } });
      else findings.push(...certificateFindings(tls, home.finalUrl, home.url, o, ctx));
    }

    const down = downgrades(snapshot.pages, ctx);
    findings.push(...down);
    if (homeUrl.protocol === 'https:') findings.push(...httpPages(snapshot.pages, new Set(down.map((f) => f.url)), ctx));
    findings.push(...(await headerFindings(home, o, ctx)));
    return findings;
  },
});

function certificateFindings(c: TlsInfo, origin: string, url: string, o: Options, { t }: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  const evidence = { host: c.host, subject: c.subject, issuer: c.issuer, validFrom: c.validFrom, validTo: c.validTo, daysLeft: c.daysLeft, protocol: c.protocol, trustError: c.trustError };
  const add = (check: string, severity: RuleFinding['severity'], zh: string, en: string) => out.push({ check, severity, url, target: origin, message: t({ zh, en }), evidence });
  if (c.daysLeft < 0) add('certificate-expired', 'critical', `HTTPS证书已于 ${c.validTo.slice(0, 10)} 过期，浏览器会拦截访问`, `TLS certificate expired on ${c.validTo.slice(0, 10)}; browsers block the site`);
  else if (!c.trusted && !/ALTNAME|host ?name/i.test(c.trustError ?? '')) add('certificate-untrusted', 'serious', `HTTPS证书不受信任（${c.trustError}），浏览器会显示安全警告`, `TLS certificate is not trusted (${c.trustError}); browsers show a security warning`);
  if (!c.hostnameMatches) add('certificate-name-mismatch', 'serious', `HTTPS证书（${c.subject}）与域名 ${c.host} 不符`, `TLS certificate (${c.subject}) does not name ${c.host}`);
  if (c.daysLeft >= 0 && c.daysLeft <= o.warnDays)
    add('certificate-expiring', c.daysLeft <= o.criticalDays ? 'serious' : 'moderate', `HTTPS证书将在 ${c.daysLeft} 天后（${c.validTo.slice(0, 10)}）过期`, `TLS certificate expires in ${c.daysLeft} days (${c.validTo.slice(0, 10)})`);
  if (c.protocol && OLD_PROTOCOLS.has(c.protocol)) add('old-tls', 'moderate', `服务器仍使用已淘汰的 ${c.protocol} 协议`, `Server negotiates the obsolete ${c.protocol}`);
  return out;
}

/** https pages whose redirects land on http: the visitor is silently moved off encryption. */
function downgrades(pages: Page[], { t }: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const p of pages) {
    const hops = [...p.redirects.map((r) => r.url), p.finalUrl];
    const i = hops.findIndex((u, k) => k > 0 && u.startsWith('http:') && hops[k - 1].startsWith('https:'));
    if (i < 0) continue;
    out.push({
      check: 'https-downgrade',
      severity: 'serious',
      url: p.url,
      target: hops[i - 1],
      message: t({ zh: `HTTPS地址被重定向到不加密的HTTP：${hops[i - 1]} → ${hops[i]}`, en: `https address redirects to plain http: ${hops[i - 1]} → ${hops[i]}` }),
      evidence: { chain: hops },
    });
  }
  return out;
}

/** On an https site, pages that are still served over plain http (linked as http://, no redirect). */
function httpPages(pages: Page[], downgraded: Set<string>, { t }: RuleContext): RuleFinding[] {
  const plain = pages.filter((p) => p.html && p.finalUrl.startsWith('http:') && !p.error && !downgraded.has(p.url));
  if (!plain.length) return [];
  return [
    {
      check: 'http-pages',
      severity: 'moderate',
      url: plain[0].parent ?? plain[0].url,
      target: plain[0].finalUrl,
      message: t({ zh: `HTTPS网站仍有 ${plain.length} 个页面通过不加密的HTTP提供且不跳转`, en: `${plain.length} page(s) of the https site are still served over plain http without a redirect` }),
      evidence: { pageCount: plain.length, pages: plain.slice(0, 20).map((p) => p.finalUrl) },
    },
  ];
}

async function headerFindings(home: Page, o: Options, { probe, t }: RuleContext): Promise<RuleFinding[]> {
  const res = await probe.fetch(home.finalUrl).catch(() => null);
  if (!res) return [];
  const h = res.headers;
  const csp = h['content-security-policy'] ?? '';
  const out: RuleFinding[] = [];
  const add = (check: string, severity: RuleFinding['severity'], zh: string, en: string, extra: Record<string, unknown> = {}) =>
    out.push({ check, severity, url: home.url, target: home.finalUrl, message: t({ zh, en }), evidence: { header: check, ...extra } });
  const hsts = h['strict-transport-security'];
  const maxAge = Number(/max-age\s*=\s*"?(\d+)/i.exec(hsts ?? '')?.[1] ?? NaN);
  // HSTS means nothing over http (browsers ignore it there); the other headers protect either way.
  if (!home.finalUrl.startsWith('https:')) {
    /* no HSTS check */
  } else if (!hsts) add('missing-hsts', 'moderate', '未设置 Strict-Transport-Security（HSTS），访问者可能被降级到HTTP', 'No Strict-Transport-Security (HSTS) header: visitors can be downgraded to http');
  else if (!(maxAge >= o.minHstsSeconds))
    add('weak-hsts', 'minor', `HSTS 的 max-age 过短（${hsts}）`, `HSTS max-age is too short (${hsts})`, { value: hsts, minSeconds: o.minHstsSeconds });
  if ((h['x-content-type-options'] ?? '').toLowerCase().trim() !== 'nosniff')
    add('missing-nosniff', 'minor', '未设置 X-Content-Type-Options: nosniff', 'No X-Content-Type-Options: nosniff header', { value: h['x-content-type-options'] ?? null });
  if (!/^(deny|sameorigin)$/i.test((h['x-frame-options'] ?? '').trim()) && !/frame-ancestors/i.test(csp))
    add('clickjacking', 'moderate', '未设置 X-Frame-Options 或 CSP frame-ancestors，页面可被嵌入其他网站进行点击劫持', 'Neither X-Frame-Options nor CSP frame-ancestors: the page can be framed by another site (clickjacking)', { value: h['x-frame-options'] ?? null });
  if (!csp) add('missing-csp', 'minor', '未设置内容安全策略（Content-Security-Policy）', 'No Content-Security-Policy header');
  return out;
}
