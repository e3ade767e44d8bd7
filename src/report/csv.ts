// Findings as CSV for evaluators' spreadsheets. UTF-8 with a BOM (Excel needs it for Chinese);
// cells that a spreadsheet would run as a formula are prefixed with ' (site text is hostile).
// Headers and words in the report's language; rule ids, URLs and fingerprints stay as they are.
import type { Lang } from '../model/types.js';
import type { Report } from './model.js';
import { labels } from './labels.js';

const HEADERS: Record<Lang, string[]> = {
  zh: ['规则', '类别', '严重程度', '单项否决', '基线状态', '扣分', '页面', '对象', '说明', '指纹', '证据'],
  en: ['rule', 'category', 'severity', 'veto', 'baseline', 'points', 'url', 'target', 'message', 'fingerprint', 'evidence'],
};

export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(report: Report, lang: Lang = 'en'): string {
  const { t, cat, sev } = labels(lang);
  const yes = lang === 'zh' ? '是' : 'yes';
  const state = (b: string | undefined) => (b === 'new' ? t('newFindings') : b === 'unchanged' ? t('unchangedFindings') : b === 'fixed' ? t('fixedFindings') : '');
  const points = new Map<number, number>();
  for (const d of report.score.deductions) points.set(d.finding, d.points);
  const rows = report.findings.map((f, i) =>
    [f.ruleId, cat(f.category), sev(f.severity), f.veto ? yes : '', state(f.baseline), points.get(i) ?? 0, f.url, f.target, f.message, f.fingerprint, f.evidence]
      .map(csvCell)
      .join(','),
  );
  // With a baseline, findings that went away are rows too (state fixed, no points).
  const fixed = (report.baseline?.fixed ?? []).map((f) =>
    [f.ruleId, cat(f.category), sev(f.severity), '', state('fixed'), 0, f.url, f.target, f.message, f.fingerprint, ''].map(csvCell).join(','),
  );
  return '\ufeff' + [HEADERS[lang].join(','), ...rows, ...fixed].join('\r\n') + '\r\n';
}
