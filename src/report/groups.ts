// Findings grouped for people: one issue per rule check and target, listing every page it was
// seen on — a dead menu link on 72 pages is one issue with 72 pages, an axe rule failing on the
// same element across templates is one issue naming its templates. report.json keeps every
// finding (and its fingerprint); the human formats render these groups.
import { SEVERITIES, type Category, type Severity } from '../model/types.js';
import type { Report } from './model.js';

export interface FindingGroup {
  ruleId: string;
  category: Category;
  /** The worst severity among its findings. */
  severity: Severity;
  veto: boolean;
  /** What it is about (the dead href, the selector, the column); the first finding's. */
  target: string;
  message: string;
  /** Distinct pages it was seen on, in report order (a link finding lists the pages that carry the link, up to its cap). */
  pages: string[];
  /** How many pages it is on: the listed ones, or the count a finding gives when it lists only some (links: sourceCount, axe: pageCount). */
  pageCount: number;
  /** Findings in the group (indexes into report.findings). */
  findings: number[];
  /** Templates it was seen in (axe findings from sampled templates). */
  templates: string[];
  /** Points its findings cost after caps. */
  points: number;
  /** Points they would have cost without caps. */
  wanted: number;
}

/** What makes two findings the same issue: the rule check and what it is about (an element's selector for axe). */
function groupKey(f: Report['findings'][number]): string {
  const selector = typeof f.evidence?.selector === 'string' ? f.evidence.selector : Array.isArray(f.evidence?.target) ? String(f.evidence.target[0]) : null;
  return `${f.ruleId}\u0000${f.ruleId.startsWith('axe/') && selector ? selector : f.target}`;
}

export function groupFindings(report: Pick<Report, 'findings' | 'score'>): FindingGroup[] {
  const cost = new Map<number, { points: number; wanted: number }>();
  for (const d of report.score.deductions) cost.set(d.finding, { points: d.points, wanted: d.wanted });
  const groups = new Map<string, FindingGroup>();
  report.findings.forEach((f, i) => {
    const key = groupKey(f);
    let g = groups.get(key);
    if (!g) {
      g = { ruleId: f.ruleId, category: f.category, severity: f.severity, veto: false, target: f.target, message: f.message, pages: [], pageCount: 0, findings: [], templates: [], points: 0, wanted: 0 };
      groups.set(key, g);
    }
    g.findings.push(i);
    if (SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(g.severity)) [g.severity, g.message] = [f.severity, f.message];
    g.veto ||= !!f.veto;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
    // An axe finding lists the pages and templates it stands for; others are seen on their own page.
    const sources = Array.isArray(f.evidence?.sources) ? (f.evidence.sources as { page?: unknown }[]).map((x) => x?.page) : [];
    for (const u of [f.url, ...strings(f.evidence?.pages), ...strings(sources)]) if (u && !g.pages.includes(u)) g.pages.push(u);
    const counted = [f.evidence?.sourceCount, f.evidence?.pageCount].find((n): n is number => typeof n === 'number') ?? 0;
    g.pageCount = Math.max(g.pages.length, g.pageCount, counted);
    for (const t of [...strings(f.evidence?.templates), ...strings(f.evidence?.template)]) if (!g.templates.includes(t)) g.templates.push(t);
    const c = cost.get(i);
    if (c) [g.points, g.wanted] = [round(g.points + c.points), round(g.wanted + c.wanted)];
  });
  return [...groups.values()];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Worst first: vetoes, then what costs the most points, then severity and reach. */
export function byImpact(a: FindingGroup, b: FindingGroup): number {
  return Number(b.veto) - Number(a.veto) || b.points - a.points || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.pageCount - a.pageCount;
}

/** Deductions per rule check within each group: count, points after caps and before. */
export interface Subtotal { group: string; ruleId: string; findings: number; points: number; wanted: number; basis: string; confirmed: boolean; /** Its first finding (for the basis row). */ finding: number }

export function deductionSubtotals(report: Pick<Report, 'score'>): Subtotal[] {
  const by = new Map<string, Subtotal>();
  for (const d of report.score.deductions) {
    const k = `${d.group}\u0000${d.ruleId}`;
    const row = by.get(k) ?? { group: d.group, ruleId: d.ruleId, findings: 0, points: 0, wanted: 0, basis: d.basis, confirmed: d.confirmed, finding: d.finding };
    row.findings++;
    row.points = round(row.points + d.points);
    row.wanted = round(row.wanted + d.wanted);
    by.set(k, row);
  }
  return [...by.values()].sort((a, b) => a.group.localeCompare(b.group) || b.points - a.points);
}
