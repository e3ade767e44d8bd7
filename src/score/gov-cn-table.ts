// The gov-cn points table: which indicator group a finding falls in and what it costs.
// Figures marked confirmed: true come from a published self-check (domain.md §1); every other
// figure is our estimate of inspection practice and can be changed in the config file
// (`scoring.points`, `scoring.groups`).
import type { Category, Finding, Severity, Text } from '../model/types.js';

export interface GroupDef {
  id: string;
  title: Text;
  points: number;
}

/** Deduction groups of the 2019 indicators, regrouped as the issue asks; points unconfirmed. */
export const GOV_CN_GROUPS: GroupDef[] = [
  { id: 'availability', title: { zh: '可用性与链接', en: 'Availability and links' }, points: 15 },
  { id: 'updates', title: { zh: '信息发布与更新', en: 'Publishing and updates' }, points: 25 },
  { id: 'interaction', title: { zh: '互动交流', en: 'Interaction' }, points: 15 },
  { id: 'services', title: { zh: '办事服务', en: 'Services' }, points: 15 },
  { id: 'functional', title: { zh: '搜索与功能设计', en: 'Search and functional design' }, points: 15 },
  { id: 'accessibility', title: { zh: '无障碍与适老化', en: 'Accessibility and elder-friendly design' }, points: 15 },
];

/** Group of a finding no table row names. */
export const CATEGORY_GROUP: Record<Category, string> = {
  links: 'availability',
  freshness: 'updates',
  accounts: 'updates',
  interaction: 'interaction',
  services: 'services',
  navigation: 'functional',
  search: 'functional',
  security: 'functional',
  accessibility: 'accessibility',
};

/** Points per finding of a severity when no row matches. */
export const FALLBACK_POINTS: Record<Severity, number> = { critical: 2, serious: 1, moderate: 0.5, minor: 0.2, info: 0 };

export interface PointsRow {
  /** Rule id (`links/broken`) or rule (`axe`); the longest match wins. */
  rule: string;
  /** Only findings whose evidence has these values. */
  when?: Record<string, unknown>;
  group: string;
  points: number;
  confirmed: boolean;
  basis: Text;
}

const row = (rule: string, group: string, points: number, zh: string, en: string, extra: Partial<PointsRow> = {}): PointsRow => ({
  rule, group, points, confirmed: false, basis: { zh, en }, ...extra,
});

export const GOV_CN_POINTS: PointsRow[] = [
  row('availability/veto-unreachable', 'availability', 0, '站点无法访问（单项否决，监测1周≥5%探测失败）', 'site unreachable (veto: ≥ 5 % of a week of probes failed)'),
  row('availability/intermittent', 'availability', 2, '首页偶有无法访问（未达否决线），按监测结果扣分', 'home page sometimes unreachable (under the veto line)'),
  row('links/broken-home', 'availability', 1, '首页错链，每个扣1分（2015年普查做法）', 'broken link on the home page, 1 each (2015 census practice)'),
  row('links/broken', 'availability', 0.1, '其他页面错链，每个扣0.1分（2015年普查做法）', 'broken link elsewhere, 0.1 each (2015 census practice)'),
  row('links/broken-attachment', 'availability', 0.5, '附件无法下载，按条扣分', 'attachment cannot be downloaded, per item'),
  row('links/redirect-loop', 'availability', 0.5, '重定向循环，页面打不开', 'redirect loop: the page never opens'),
  row('links/redirect-chain', 'availability', 0.1, '多次跳转', 'long redirect chain'),
  row('links/pseudo-link', 'availability', 0.1, '无法打开的伪链接', 'link that cannot be opened'),
  row('links/mixed-content', 'availability', 0.2, 'HTTPS页面引用HTTP资源', 'HTTP resource on an HTTPS page'),
  row('freshness/stale-column', 'updates', 5, '政策文件、通知公告类栏目6个月未更新扣5分（已公开自查表）', 'policy/notice column not updated in 6 months: 5 (published self-check)', { when: { type: 'notice' }, confirmed: true }),
  row('freshness/stale-column', 'updates', 3, '动态类栏目2周未更新', 'news column not updated in 2 weeks', { when: { type: 'news' } }),
  row('freshness/stale-column', 'updates', 2, '其他应更新栏目长期未更新（如1年）', 'other column not updated within its limit (e.g. 1 year)'),
  row('freshness/blank-column', 'updates', 2, '空白栏目，每个扣2分', 'blank column, 2 each'),
  row('freshness/undated-items', 'updates', 0.5, '信息无发布日期', 'items without a visible date'),
  row('freshness/future-date', 'updates', 1, '发布日期晚于监测日期', 'publication date after the monitoring date'),
  row('freshness/warn', 'updates', 0, '预警，不重复扣分', 'early warning, not deducted twice'),
  row('accounts', 'updates', 3, '政务新媒体不更新或不可用（另作单项否决）', 'new-media account not updated or dead (also a veto)'),
  row('accounts/unverifiable', 'updates', 0, '平台拦截，无法核实，不扣分', 'blocked by the platform, unverifiable: no deduction'),
  row('interaction/unanswered', 'interaction', 3, '留言未回复（参照"2个月未公开答复"扣3分）', 'letter unanswered (cf. "no replies published in 2 months": 3)'),
  row('interaction/overdue', 'interaction', 2, '留言超过15个工作日未答复（逾期，未到3个月）', 'letter unanswered past 15 working days (overdue, under 3 months)'),
  row('interaction/late-reply', 'interaction', 1, '留言答复超时', 'letter answered late'),
  row('interaction/no-reply-date', 'interaction', 1, '留言无答复时间', 'letter without a reply date'),
  row('interaction/no-submission-date', 'interaction', 1, '留言无提交时间', 'letter without a submission date'),
  row('services/template-gap', 'services', 1, '同一部门办事指南普遍缺少要素（按模板计，每项）', 'guides of a department share a missing element (per template)'),
  row('services/guide-incomplete', 'services', 0.5, '办事指南要素缺失，按条扣分', 'service guide missing elements, per item'),
  row('services/paper-only', 'services', 0.5, '事项只能邮寄或到现场办理，无在线办理入口', 'item can only be done by post or in person'),
  row('services/entry-broken', 'services', 0.5, '在线办理入口无法打开', 'online-service entry does not open'),
  row('services/online-claim-unbacked', 'services', 0.5, '标称全程网办但无在线办理入口', 'said to be fully online, no online entry'),
  row('services/promise-exceeds-legal', 'services', 0.5, '承诺时限长于法定时限', 'promised time longer than the statutory limit'),
  row('services/fee-without-basis', 'services', 0.2, '收费无依据', 'fee without a stated basis'),
  row('services/basis-cites-nothing', 'services', 0.2, '设定依据未引用法律法规', 'legal basis cites nothing'),
  row('services/not-assessed', 'services', 0, '未找到办事指南，未评估', 'no service guide found: not assessed'),
  row('services/veto-incomplete', 'services', 0, '服务不实用（单项否决，比例按配置）', 'services not practical (veto, configured share)'),
  row('navigation/key-task-missing', 'services', 3, '关键服务入口缺失', 'key task missing'),
  row('navigation/key-task-deep', 'services', 1, '关键服务入口超过3次点击', 'key task more than 3 clicks deep'),
  row('navigation/dead-end', 'services', 0.5, '页面无返回路径', 'dead-end page'),
  row('navigation', 'functional', 0.5, '导航与栏目设置', 'navigation and column design'),
  row('search/no-search', 'functional', 5, '无站内搜索', 'no site search'),
  row('search/broken', 'functional', 5, '站内搜索不可用', 'site search broken'),
  row('search/stale-index', 'functional', 3, '搜索结果不全（索引未更新）', 'incomplete search results (stale index)'),
  row('search/misses-content', 'functional', 3, '搜索结果不全', 'incomplete search results'),
  row('search/slow', 'functional', 1, '搜索响应慢', 'slow search'),
  row('search/no-result-message', 'functional', 0.5, '无结果时无提示', 'no message when nothing is found'),
  row('site-identity', 'functional', 1, '网站标识与身份信息缺失，每项扣1分', 'identity mark or item missing, 1 each'),
  row('site-identity/gov-domain', 'functional', 2, '未使用gov.cn域名', 'not on a gov.cn domain'),
  row('site-identity/commercial-ads', 'functional', 2, '政府网站刊登商业广告', 'commercial advertising on a government site'),
  row('personal-data/published-contact', 'updates', 0, '有意公开的监督、举报、咨询电话或通讯录，不扣分', 'supervision, complaint or enquiry lines or a directory published on purpose: no deduction'),
  row('personal-data', 'updates', 5, '发布信息泄露个人隐私（身份证号、手机号、银行卡号），每个页面', 'published page leaks personal data (ID, mobile, bank card numbers), per page'),
  row('transport-security', 'functional', 1, '安全防护：HTTPS、证书与安全响应头，每项', 'security: HTTPS, certificate and protective headers, each'),
  row('transport-security/missing-csp', 'functional', 0.2, '未设置内容安全策略', 'no Content-Security-Policy'),
  row('transport-security/missing-nosniff', 'functional', 0.2, '未设置 X-Content-Type-Options', 'no X-Content-Type-Options'),
  row('outdated-libraries', 'functional', 0.5, '使用存在已知漏洞的前端组件，每个版本', 'client library with known advisories, per version'),
  row('axe', 'accessibility', 0.5, '无障碍（WCAG / GB/T 37668），每条规则每页', 'accessibility (WCAG / GB/T 37668), per rule and page'),
  row('axe/not-analysed', 'accessibility', 0, '未能检测，不扣分', 'not analysed: no deduction'),
  row('axe/page-not-analysed', 'accessibility', 0, '未能检测，不扣分', 'not analysed: no deduction'),
  row('elder-friendly/floating-window', 'accessibility', 2, '适老化：页面有飘窗（工信部规范禁止）', 'elder-friendly: floating window (forbidden by the MIIT spec)'),
  row('elder-friendly/no-elder-mode', 'accessibility', 2, '适老化：无长辈版/关怀版入口', 'elder-friendly: no elder-mode entry'),
  row('elder-friendly', 'accessibility', 0.5, '适老化规范', 'elder-friendly spec'),
  row('mobile', 'accessibility', 0.5, '移动端适配', 'mobile layout'),
  row('mobile/small-tap-targets', 'accessibility', 0.1, '移动端点击区域过小', 'small tap targets'),
];

/** The most specific row for a finding (rule-id length, then `when` rows first). */
export function pointsRow(f: Finding, rows: PointsRow[] = GOV_CN_POINTS): PointsRow | undefined {
  let best: PointsRow | undefined;
  let bestScore = -1;
  for (const r of rows) {
    if (f.ruleId !== r.rule && !f.ruleId.startsWith(`${r.rule}/`) && !f.ruleId.startsWith(`${r.rule}-`)) continue;
    if (r.when && !Object.entries(r.when).every(([k, v]) => f.evidence?.[k] === v)) continue;
    const score = r.rule.length * 2 + (r.when ? 1 : 0);
    if (score > bestScore) [best, bestScore] = [r, score];
  }
  return best;
}
