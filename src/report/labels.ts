// Bilingual labels shared by the human-readable reporters (html, md).
import type { Category, Lang, Severity } from '../model/types.js';
import { CATEGORY_LABEL } from '../model/labels.js';

export { CATEGORY_LABEL };

export const SEVERITY_LABEL: Record<Severity, { zh: string; en: string }> = {
  critical: { zh: '严重', en: 'critical' },
  serious: { zh: '较重', en: 'serious' },
  moderate: { zh: '中等', en: 'moderate' },
  minor: { zh: '轻微', en: 'minor' },
  info: { zh: '提示', en: 'info' },
};

const UI = {
  title: ['政府网站检测报告', 'Government website audit'],
  target: ['检测对象', 'Target'],
  asOf: ['监测日期', 'As of'],
  generated: ['生成时间', 'Generated'],
  profile: ['评分方案', 'Scoring profile'],
  score: ['得分', 'Score'],
  passMark: ['及格线', 'Pass mark'],
  grade: ['等级', 'Grade'],
  passed: ['合格', 'Passed'],
  failed: ['不合格', 'Failed'],
  unreachable: ['无法访问', 'Unreachable'],
  veto: ['单项否决', 'Veto items'],
  gate: ['持续集成门禁', 'CI gate'],
  gatePassed: ['通过', 'passed'],
  gateFailed: ['未通过', 'failed'],
  baseline: ['与基线比较', 'Compared with baseline'],
  newFindings: ['新增', 'new'],
  fixedFindings: ['已修复', 'fixed'],
  unchangedFindings: ['未变', 'unchanged'],
  groups: ['分项得分', 'Scores by group'],
  notAssessed: ['未评估', 'not assessed'],
  bySeverity: ['按严重程度', 'By severity'],
  deductions: ['扣分明细', 'How points were lost'],
  findings: ['问题清单', 'Findings'],
  pages: ['已抓取页面', 'Pages crawled'],
  category: ['类别', 'Category'],
  severity: ['严重程度', 'Severity'],
  rule: ['规则', 'Rule'],
  page: ['页面', 'Page'],
  object: ['对象', 'Target'],
  message: ['说明', 'Message'],
  evidence: ['证据', 'Evidence'],
  points: ['扣分', 'Points'],
  group: ['分项', 'Group'],
  basis: ['依据', 'Basis'],
  state: ['基线状态', 'Baseline'],
  all: ['全部', 'all'],
  search: ['搜索', 'Search'],
  showing: ['显示', 'showing'],
  of: ['条，共', 'of'],
  status: ['状态', 'Status'],
  depth: ['点击深度', 'Depth'],
  pageTitle: ['标题', 'Title'],
  error: ['错误', 'Error'],
  none: ['无', 'none'],
  capped: ['已达上限', 'cap reached'],
  unconfirmed: ['估计值', 'estimate'],
  ruleErrors: ['规则执行出错', 'Rules that failed'],
  crawl: ['抓取概况', 'Crawl'],
  partial: ['抓取未完成', 'crawl incomplete'],
  rules: ['检测规则', 'Rules'],
  standards: ['依据标准', 'Standards'],
  total: ['合计', 'total'],
  issues: ['问题（同类合并）', 'Issues (grouped)'],
  pagesAffected: ['涉及页面', 'Pages'],
  templates: ['页面模板', 'Templates'],
  occurrences: ['条数', 'Findings'],
  issuesNote: ['同一规则、同一对象的问题合并为一条，列出出现的全部页面；逐条明细见下方“问题清单”和 report.json。', 'Findings of one rule about one thing are one issue listing every page it is on; each finding is in the list below and in report.json.'],
  fullReport: ['完整报告', 'Full report'],
  screenshot: ['截图取证', 'Screenshot'],
  moreIssues: ['其余问题见完整报告', 'more issues in the full report'],
  prev: ['上一页', 'previous'],
  moreInJson: ['个页面，见 report.json', 'more pages in report.json'],
  evidenceInJson: ['证据较多，未全部嵌入本页：见 report.json 中同一指纹的记录。', 'Too much evidence to embed it all here: see this finding in report.json.'],
  contents: ['目录', 'Contents'],
  next: ['下一页', 'next'],
  pageOf: ['第 {n} 页，共 {m} 页', 'page {n} of {m}'],
  noscript: ['逐条明细由页面脚本分页显示；未启用脚本时请查看 report.json 或 findings.csv。', 'The list is drawn page by page by the report\'s script; without scripts, see report.json or findings.csv.'],
  findingsNote: ['每个问题一行（report.json 中的逐条记录），每页 100 条；可按类别、严重程度和文字筛选，点击表头排序。', 'One row per finding (as in report.json), 100 to a page; filter by category, severity or text, sort by a column.'],
} as const;

export type UiKey = keyof typeof UI;

export function labels(lang: Lang) {
  const i = lang === 'zh' ? 0 : 1;
  return {
    t: (k: UiKey) => UI[k][i],
    cat: (c: Category) => CATEGORY_LABEL[c][lang],
    sev: (s: Severity) => SEVERITY_LABEL[s][lang],
  };
}

/** Status words the rules write in their data (fresh, stale, dormant, broken …), in the report's language. */
const STATUS_ZH: Record<string, string> = {
  fresh: '正常更新', stale: '超期未更新', blank: '空白栏目', undated: '无日期', exempt: '无更新要求', unread: '未能读取', none: '无更新要求',
  active: '正常', dormant: '睡眠/僵尸', dead: '无法访问或已注销', unverifiable: '无法核实',
  ok: '正常', broken: '错链', 'redirect-loop': '重定向循环', skipped: '未检查',
};
export const statusWord = (v: unknown, lang: Lang): unknown => (lang === 'zh' && typeof v === 'string' && STATUS_ZH[v] ? STATUS_ZH[v] : v);

/** A gate or verdict reason (written in English in report.json, a stable contract) in the report's language. */
export function reasonText(r: string, lang: Lang): string {
  if (lang !== 'zh') return r;
  let m = /^score ([\d.]+) below the pass mark ([\d.]+)$/.exec(r);
  if (m) return `得分 ${m[1]} 低于及格线 ${m[2]}`;
  if ((m = /^score ([\d.]+) is below --fail-under ([\d.]+)$/.exec(r))) return `得分 ${m[1]} 低于 --fail-under 设定的 ${m[2]}`;
  if ((m = /^veto (\S+): (.*)$/s.exec(r))) return `单项否决 ${m[1]}：${m[2]}`;
  if ((m = /^(new )?(veto|critical|serious|moderate|minor|info) finding (\S+) at (.*)$/s.exec(r)))
    return `${m[1] ? '新增' : ''}${m[2] === 'veto' ? '单项否决' : SEVERITY_LABEL[m[2] as Severity].zh}问题 ${m[3]}（${m[4]}）`;
  if ((m = /^… and (\d+) more (new )?findings at or above (\S+)$/.exec(r)))
    return `…另有 ${m[1]} 个${m[2] ? '新增' : ''}问题达到或超过「${m[3] in SEVERITY_LABEL ? SEVERITY_LABEL[m[3] as Severity].zh : m[3] === 'veto' ? '单项否决' : m[3]}」`;
  if (r === 'start URL unreachable: nothing was audited') return '首页无法访问：未检测任何内容';
  return r;
}
