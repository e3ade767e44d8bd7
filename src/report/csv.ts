// Findings as CSV for evaluators' spreadsheets. UTF-8 with a BOM (Excel needs it for Chinese);
// cells that a spreadsheet would run as a formula are prefixed with ' (site text is hostile).
import type { Report } from './model.js';

const COLUMNS = ['ruleId', 'category', 'severity', 'veto', 'baseline', 'points', 'url', 'target', 'message', 'fingerprint', 'evidence'] as const;

export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(report: Report): string {
  const points = new Map<number, number>();
  for (const d of report.score.deductions) points.set(d.finding, d.points);
  const rows = report.findings.map((f, i) =>
    [f.ruleId, f.category, f.severity, f.veto ? 'yes' : '', f.baseline ?? '', points.get(i) ?? 0, f.url, f.target, f.message, f.fingerprint, f.evidence]
      .map(csvCell)
      .join(','),
  );
  // With a baseline, findings that went away are rows too (baseline = fixed, no points).
  const fixed = (report.baseline?.fixed ?? []).map((f) =>
    [f.ruleId, f.category, f.severity, '', 'fixed', 0, f.url, f.target, f.message, f.fingerprint, ''].map(csvCell).join(','),
  );
  return '\ufeff' + [COLUMNS.join(','), ...rows, ...fixed].join('\r\n') + '\r\n';
}
