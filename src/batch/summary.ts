// The batch aggregate: one row per portal, ranked, written as summary.json, summary.csv and a
// self-contained summary.html league table.
import type { Report } from '../report/model.js';
import { csvCell } from '../report/csv.js';
import { writeAtomic } from '../report/write.js';
import { join } from 'node:path';
import type { BatchPortal } from './input.js';
import { renderSummaryHtml } from './summary-html.js';

export interface SummaryRow {
  /** 1 = best; null for portals without a score (unreachable, failed). */
  rank: number | null;
  row: number;
  name: string;
  url: string;
  region: string | null;
  department: string | null;
  /** audited (with a verdict), unreachable (exit 3's case), error (bad options, a tool failure). */
  status: 'audited' | 'unreachable' | 'error';
  score: number | null;
  passed: boolean | null;
  grade: string | null;
  profile: string | null;
  veto: string[];
  /** Group scores of the profile (gov-cn: availability, updates …), id → points kept. */
  groups: Record<string, number>;
  findings: Record<'critical' | 'serious' | 'moderate' | 'minor' | 'info', number>;
  pages: number;
  /** The audit stopped early (--max-time, --portal-timeout, interrupted): the score covers the pages crawled. */
  partial: boolean;
  /** Report folder, relative to the batch output. */
  folder: string;
  /** Taken from an earlier run (--resume). */
  skipped: boolean;
  error: string | null;
  /** With a history store: the portal's previous audit and how score and rank changed since. */
  previous?: import('./over-time.js').Change | null;
}

export interface BatchSummary {
  schemaVersion: '1.0.0';
  tool: { name: 'portal-audit'; version: string };
  generatedAt: string;
  portals: number;
  audited: number;
  passed: number;
  failed: number;
  unreachable: number;
  errors: number;
  rows: SummaryRow[];
}

const SEVERITIES = ['critical', 'serious', 'moderate', 'minor', 'info'] as const;

export function summaryRow(p: BatchPortal, folder: string, r: { report?: Report; error?: string; skipped?: boolean }): SummaryRow {
  const base = { rank: null, row: p.row, name: p.name, url: p.url, region: p.region, department: p.department, folder, skipped: !!r.skipped };
  const empty = { score: null, passed: null, grade: null, profile: null, veto: [], groups: {}, findings: { critical: 0, serious: 0, moderate: 0, minor: 0, info: 0 }, pages: 0, partial: false };
  if (!r.report) return { ...base, ...empty, status: 'error', error: r.error ?? 'unknown error' };
  const rep = r.report;
  const findings = Object.fromEntries(SEVERITIES.map((s) => [s, rep.findings.filter((f) => f.severity === s).length])) as SummaryRow['findings'];
  if (!rep.target.reachable) return { ...base, ...empty, findings, status: 'unreachable', error: rep.pages[0]?.error ?? 'start page unreachable' };
  return {
    ...base,
    status: 'audited',
    score: rep.score.total,
    passed: rep.score.passed,
    grade: rep.score.grade ?? null,
    profile: rep.score.profile,
    veto: rep.score.veto.map((v) => v.reason),
    groups: Object.fromEntries((rep.score.groups ?? []).map((g) => [g.id, g.score])),
    findings,
    pages: rep.pages.length,
    partial: !!rep.crawl?.partial,
    error: null,
  };
}

/** Rank by score (passing portals first at equal score), ties share a rank; unscored rows last, by row. */
export function rankRows(rows: SummaryRow[]): SummaryRow[] {
  const scored = rows.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score! || Number(b.passed) - Number(a.passed) || a.row - b.row);
  let rank = 0;
  scored.forEach((r, i) => {
    const prev = scored[i - 1];
    if (!prev || prev.score !== r.score || prev.passed !== r.passed) rank = i + 1;
    r.rank = rank;
  });
  const rest = rows.filter((r) => r.score === null).sort((a, b) => a.row - b.row);
  for (const r of rest) r.rank = null;
  return [...scored, ...rest];
}

export function buildSummary(rows: SummaryRow[], version: string): BatchSummary {
  const ranked = rankRows(rows);
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'portal-audit', version },
    generatedAt: new Date().toISOString(),
    portals: rows.length,
    audited: rows.filter((r) => r.status === 'audited').length,
    passed: rows.filter((r) => r.passed === true).length,
    failed: rows.filter((r) => r.passed === false).length,
    unreachable: rows.filter((r) => r.status === 'unreachable').length,
    errors: rows.filter((r) => r.status === 'error').length,
    rows: ranked,
  };
}

export function summaryCsv(s: BatchSummary): string {
  const groups = [...new Set(s.rows.flatMap((r) => Object.keys(r.groups)))];
  const head = ['rank', 'name', 'url', 'region', 'department', 'status', 'score', 'passed', 'grade', 'veto', ...groups, ...SEVERITIES, 'pages', 'partial', 'report', 'error', 'previous_as_of', 'previous_score', 'previous_rank', 'score_change', 'rank_change'];
  const lines = s.rows.map((r) =>
    [r.rank, r.name, r.url, r.region, r.department, r.status, r.score, r.passed, r.grade, r.veto.join('; '), ...groups.map((g) => r.groups[g]), ...SEVERITIES.map((x) => r.findings[x]), r.pages, r.partial, `${r.folder}/report.html`, r.error,
      r.previous?.asOf, r.previous?.score, r.previous?.rank, r.previous?.scoreChange, r.previous?.rankChange]
      .map(csvCell)
      .join(','),
  );
  // BOM: Excel opens UTF-8 Chinese text correctly only with it.
  return '\ufeff' + [head.join(','), ...lines].join('\r\n') + '\r\n';
}

export async function writeSummary(s: BatchSummary, out: string): Promise<string[]> {
  const files = [join(out, 'summary.json'), join(out, 'summary.csv'), join(out, 'summary.html')];
  await writeAtomic(files[0], JSON.stringify(s, null, 2) + '\n');
  await writeAtomic(files[1], summaryCsv(s));
  await writeAtomic(files[2], renderSummaryHtml(s));
  return files;
}
