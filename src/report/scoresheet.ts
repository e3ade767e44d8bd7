// The national score sheet (国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》) as an evaluator
// files it: a header block, each veto indicator answered 是 / 否 / 未评估 with its evidence, then
// the deduction sheet indicator by indicator. One model; the XLSX and PDF writers render it.
import type { Lang } from '../model/types.js';
import { GOV_CN_GROUPS, pointsRow } from '../score/gov-cn-table.js';
import { scoreGovCn } from '../score/gov-cn.js';
import type { Score } from '../score/types.js';
import type { Report } from './model.js';

export type VetoAnswer = 'yes' | 'no' | 'notAssessed';

export interface VetoRow {
  indicator: string;
  criterion: string;
  answer: VetoAnswer;
  /** What the answer rests on: the vetoes' messages, or why it could not be judged. */
  evidence: string[];
  urls: string[];
  screenshots: string[];
}

export interface DeductionRow {
  group: string;
  groupPoints: number;
  indicator: string;
  ruleId: string;
  findings: number;
  points: number;
  wanted: number;
  confirmed: boolean;
  example: string;
  url: string;
}

export interface ScoreSheet {
  lang: Lang;
  title: string;
  header: [string, string][];
  /** Header rows whose value is read from the site (kept in its language). */
  siteValues: number[];
  vetoes: VetoRow[];
  deductions: DeductionRow[];
  groups: { group: string; points: number; lost: number; score: number; notAssessed: boolean }[];
  total: number;
  passed: boolean;
}

type L = (zh: string, en: string) => string;
type Check = { assessed: true } | { assessed: false; why: string };

interface VetoIndicator {
  indicator: [string, string];
  criterion: [string, string];
  /** Veto findings that answer 是. */
  rules: RegExp;
  /** Whether "no veto finding" may be read as 否. */
  check: (r: Report, L: L) => Check;
  /** Judged whatever the site (not only a reachable Chinese government site). */
  always?: boolean;
}

const ran = (r: Report, rule: string) => r.rules.some((x) => x.id === rule);
const yes: Check = { assessed: true };
const no = (why: string): Check => ({ assessed: false, why });

/** The veto indicators for websites and the new-media accounts they run (2019 text, domain.md). */
const VETOES: VetoIndicator[] = [
  {
    indicator: ['站点无法访问', 'Site unreachable'],
    criterion: ['监测1周，每天≥20次，首页超过15秒打不开的次数≥5%', 'one week of monitoring, ≥ 20 probes a day; ≥ 5 % of probes fail to open the home page in 15 s'],
    rules: /^availability\/veto-unreachable$/,
    // One audit is one probe: it can neither clear nor convict a week of monitoring. Only the
    // probes of `monitor` in the history store (--db) can, and only when every day has enough.
    check: (r, L) => {
      const m = r.data.links?.availability as { assessed?: boolean; probes?: number; thinDays?: { day: string; probes: number }[] } | undefined;
      if (m?.assessed) return yes;
      if (m && typeof m.probes === 'number') {
        const thin = m.thinDays ?? [];
        return no(
          L(
            `历史库中监测探测不足（共 ${m.probes} 次）：${thin.length} 天少于每天 20 次（${thin.map((d) => `${d.day}：${d.probes} 次`).join('，')}）`,
            `too few monitoring probes in the history store (${m.probes}): ${thin.length} days with fewer than 20 (${thin.map((d) => `${d.day}: ${d.probes}`).join(', ')})`,
          ),
        );
      }
      return no(
        r.target.reachable
          ? L('本次检测首页可访问；该项须连续监测一周并记入历史库，单次检测不能判定', 'the home page opened in this audit; the item needs a week of monitoring recorded in the history store (portal-audit monitor with --db), which one audit is not')
          : L('本次检测首页无法打开；是否否决须连续监测一周判定', 'the home page did not open in this audit; the veto needs a week of monitoring to decide'),
      );
    },
    always: true,
  },
  {
    indicator: ['首页不更新', 'Home page not updated'],
    criterion: ['首页信息超过2周未更新', 'no new item on the home page in 2 weeks'],
    rules: /^freshness\/veto-home$/,
    check: (r, L) => (r.data.freshness?.home ? yes : no(L('未能读取首页信息日期', 'no home page dates could be read'))),
  },
  {
    indicator: ['栏目不更新', 'Columns not updated'],
    criterion: ['≥5个动态、通知公告、政策文件类栏目未按时更新；或≥10个栏目长期未更新；或≥5个空白栏目', '≥ 5 news/notice/policy columns stale, or ≥ 10 columns long stale, or ≥ 5 blank columns'],
    rules: /^freshness\/veto-(stale|blank)-columns$/,
    check: (r, L) => (Array.isArray(r.data.freshness?.columns) && (r.data.freshness.columns as unknown[]).length ? yes : no(L('未识别出栏目', 'no columns were identified'))),
  },
  {
    indicator: ['严重错误', 'Serious errors'],
    criterion: ['领导人姓名错误、虚假或伪造内容、反动暴力色情内容、泄露国家秘密、被攻击篡改未及时处置等', "a leader's name misspelt, forged content, unlawful content, leaked secrets, unhandled defacement"],
    rules: /^$/,
    check: (_r, L) => no(L('须人工核查，本工具不判定', 'needs a human check; this tool does not judge it')),
  },
  {
    indicator: ['互动回应差', 'Poor response'],
    criterion: ['没有可用的互动功能；或近1年内咨询类栏目留言超过3个月未回应', 'no working consultation channel, or a letter in the past year unanswered for over 3 months'],
    rules: /^interaction\/(no-channel|unanswered)$/,
    check: (r, L) => {
      const g = r.score.groups.find((x) => x.id === 'interaction');
      if (g?.notAssessed?.length) return no(g.notAssessed.join('；'));
      return ran(r, 'interaction') ? yes : no(L('互动检测未运行', 'the interaction rule did not run'));
    },
  },
  {
    indicator: ['服务不实用', 'Services not practical'],
    criterion: ['没有提供办事服务功能；或办事指南要素缺失比例超出规定', 'no online services, or too many service guides missing key elements'],
    rules: /^services\/veto-incomplete$/,
    check: (r, L) => {
      const d = r.data.services;
      if (!d?.assessed) return no(L('未找到可读取的办事指南', 'no readable service guide was found'));
      return typeof d.vetoIncompleteShare === 'number'
        ? yes
        : no(L('要素缺失的否决比例未公布，未设置 vetoIncompleteShare；缺失情况见扣分表', 'the published text gives no share; vetoIncompleteShare is not set; gaps are in the deduction sheet'));
    },
  },
  {
    indicator: ['政务新媒体不更新或不可用', 'New-media accounts not updated or dead'],
    criterion: ['网站所列政务新媒体账号2周无更新、长期不更新或无法访问', 'an account the site lists has not posted in 2 weeks, long dormant, or gone'],
    rules: /^accounts\/(stale|dormant|dead)$/,
    check: (r, L) => {
      const accounts = (Array.isArray(r.data.accounts?.accounts) ? r.data.accounts.accounts : []) as { verdict?: string }[];
      if (!accounts.length) return no(L('网站未列出政务新媒体账号', 'the site lists no new-media account'));
      // 否 only when every account could be checked.
      const unverifiable = accounts.filter((a) => a.verdict === 'unverifiable').length;
      return unverifiable ? no(L(`${unverifiable} 个账号无法核实（平台拦截或仅有二维码）`, `${unverifiable} accounts could not be checked (blocked by the platform, or a QR code only)`)) : yes;
    },
  },
];

function vetoRows(r: Report, L: L): VetoRow[] {
  return VETOES.map((v) => {
    const hits = r.findings.filter((f) => f.veto && v.rules.test(f.ruleId));
    // The rules raise vetoes only on a reachable Chinese site: elsewhere no finding means nothing.
    const check = v.always ? v.check(r, L) : !r.target.reachable ? no(L('站点无法访问，未能检测', 'the site could not be reached: nothing was checked')) : r.target.lang !== 'zh' ? no(L('单项否决只对中文政府网站判定', 'veto items are judged for Chinese government sites only')) : v.check(r, L);
    const shot = (f: (typeof hits)[number]) => (f.evidence?.screenshot as { page?: string } | undefined)?.page;
    return {
      indicator: L(...v.indicator),
      criterion: L(...v.criterion),
      answer: hits.length ? 'yes' : check.assessed ? 'no' : 'notAssessed',
      evidence: hits.length ? hits.map((f) => f.message) : check.assessed ? [] : [check.why],
      urls: [...new Set(hits.map((f) => (f.category === 'accounts' ? f.target : f.url)))],
      screenshots: hits.map(shot).filter((x): x is string => typeof x === 'string'),
    };
  });
}

/** The gov-cn score: the report's own when it was scored so, else the same findings scored by the gov-cn table. */
const govScore = (r: Report): Score => (r.score.profile === 'gov-cn' ? r.score : scoreGovCn(r.findings));

function deductionRows(r: Report, score: Score, lang: Lang): DeductionRow[] {
  const groupOf = new Map(score.groups.map((g) => [g.id, g]));
  const by = new Map<string, DeductionRow>();
  for (const d of score.deductions) {
    if (d.wanted <= 0) continue;
    const f = r.findings[d.finding];
    const row = f ? pointsRow(f) : undefined;
    const g = groupOf.get(d.group);
    const key = `${d.group}\u0000${d.ruleId}`;
    const cur = by.get(key) ?? {
      group: g?.title[lang] ?? d.group,
      groupPoints: g?.points ?? 0,
      indicator: row ? row.basis[lang] : d.basis,
      ruleId: d.ruleId,
      findings: 0,
      points: 0,
      wanted: 0,
      confirmed: d.confirmed,
      example: f?.message ?? '',
      url: f?.url ?? d.url,
    };
    cur.findings++;
    cur.points = round(cur.points + d.points);
    cur.wanted = round(cur.wanted + d.wanted);
    by.set(key, cur);
  }
  const order = new Map(GOV_CN_GROUPS.map((g, i) => [g.title[lang], i]));
  return [...by.values()].sort((a, b) => (order.get(a.group) ?? 99) - (order.get(b.group) ?? 99) || b.points - a.points);
}

const round = (n: number) => Math.round(n * 100) / 100;

export function buildScoreSheet(r: Report, lang: Lang): ScoreSheet {
  const L: L = (zh, en) => (lang === 'zh' ? zh : en);
  const score = govScore(r);
  const id = (r.data.security?.identity ?? {}) as Record<string, string | null>;
  const c = r.crawl;
  const limits = [
    c.limits.maxPagesReached ? L('已达页面数上限', 'page cap reached') : '',
    c.limits.maxTimeReached ? L('已达时间上限', 'time limit reached') : '',
    c.traps.length ? L(`截断爬虫陷阱 ${c.traps.length} 处`, `${c.traps.length} crawler traps cut`) : '',
    c.partial ? L('抓取未完成', 'crawl incomplete') : '',
  ].filter(Boolean);
  const a11y = r.data.accessibility as Record<string, unknown> | undefined;
  const method = L(
    `${r.tool.name} ${r.tool.version} 自动检测：抓取 ${c.pagesFetched} 个地址（浏览器渲染 ${c.pagesRendered} 个），无障碍检测 ${a11y?.pagesAnalysed ?? 0} 个页面（axe-core ${a11y?.axeVersion ?? '—'}）；单次检测，不含一周可用性监测与人工核查`,
    `${r.tool.name} ${r.tool.version}, automated: ${c.pagesFetched} URLs fetched (${c.pagesRendered} rendered in a browser), ${a11y?.pagesAnalysed ?? 0} pages checked for accessibility (axe-core ${a11y?.axeVersion ?? '—'}); one audit, no week of availability monitoring, no human check`,
  );
  const notRead = L('未能从页面读取', 'not found on the site');
  const passed = score.passed && r.target.reachable;
  return {
    lang,
    title: L('政府网站检查评分表', 'Government website inspection score sheet'),
    header: [
      [L('网站名称', 'Site name'), id.siteName ?? notRead],
      [L('首页地址', 'Home page'), r.target.url],
      [L('主办单位', 'Sponsoring body'), id.sponsor ?? notRead],
      [L('网站标识码', 'Site identification code'), id.siteIdCode ?? notRead],
      [L('ICP备案编号', 'ICP record number'), id.icp ?? notRead],
      [L('公安机关备案号', 'Public-security record number'), id.psb ?? notRead],
      [L('检查日期', 'Inspection date'), r.asOf],
      [L('报告生成时间', 'Generated'), r.generatedAt],
      [L('检查方式', 'Method'), method],
      [L('检测限制', 'Limits'), limits.join('；') || L('无', 'none')],
      [L('评分依据', 'Basis'), L('国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》；未公开的分值为本工具估计值，已标注', '国办秘函〔2019〕19号 inspection indicators; figures not in a published text are this tool\'s estimates and are marked')],
      [L('扣分后得分', 'Score after deductions'), r.target.reachable ? String(score.total) : L('未评估（站点无法访问）', 'not assessed (site unreachable)')],
      [L('检查结论', 'Verdict'), !r.target.reachable ? L('无法访问', 'unreachable') : passed ? L('合格', 'passed') : L('不合格', 'failed')],
    ],
    siteValues: [0, 2, 4, 5],
    vetoes: vetoRows(r, L),
    deductions: deductionRows(r, score, lang),
    groups: score.groups.map((g) => ({ group: g.title[lang], points: g.points, lost: g.lost, score: g.score, notAssessed: !r.target.reachable || !!g.notAssessed?.length })),
    total: score.total,
    passed,
  };
}

export const answerText = (a: VetoAnswer, lang: Lang) =>
  ({ yes: ['是', 'yes'], no: ['否', 'no'], notAssessed: ['未评估', 'not assessed'] })[a][lang === 'zh' ? 0 : 1];
