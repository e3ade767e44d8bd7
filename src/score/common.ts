// Helpers both profiles share.
import { CATEGORIES, SEVERITIES, type Finding } from '../model/types.js';
import { fingerprint } from '../model/fingerprint.js';
import type { Deduction, Score } from './types.js';

/** One deduction record: the finding's identity plus what the profile decided. */
export function deduction(f: Finding, index: number, d: Pick<Deduction, 'group' | 'wanted' | 'points' | 'basis' | 'confirmed' | 'capped'>): Deduction {
  const { capped, ...rest } = d;
  return {
    finding: index,
    fingerprint: fingerprint(f),
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    url: f.url,
    target: f.target,
    ...rest,
    ...(capped ? { capped } : {}),
  };
}

export const round = (n: number) => Math.round(n * 100) / 100;

/** Groups a "not assessed" finding belongs to get its message: their score is not a verdict. */
export function markNotAssessed(findings: Finding[], groupOf: (f: Finding) => { notAssessed?: string[] } | undefined): void {
  for (const f of findings) {
    if (f.evidence?.notAssessed !== true) continue;
    const g = groupOf(f);
    if (g) (g.notAssessed ??= []).push(f.message);
  }
}

/** Worst first, then by rule and target: the order caps are applied in, so it is stable. */
export function scoringOrder(a: Finding, b: Finding): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.ruleId.localeCompare(b.ruleId) || a.target.localeCompare(b.target);
}

export function categoryTotals(findings: Finding[], deductions: Score['deductions']): Score['categories'] {
  const out = Object.fromEntries(CATEGORIES.map((c) => [c, { findings: 0, lost: 0 }])) as Score['categories'];
  for (const f of findings) out[f.category].findings++;
  for (const d of deductions) out[d.category].lost = round(out[d.category].lost + d.points);
  return out;
}

/** Most specific setting for a finding: `links/broken-home`, then `links`. */
export function lookup<T>(table: Record<string, T> | undefined, ruleId: string): T | undefined {
  if (!table) return undefined;
  const parts = ruleId.split('/');
  for (let i = parts.length; i > 0; i--) {
    const v = table[parts.slice(0, i).join('/')];
    if (v !== undefined) return v;
  }
  return undefined;
}
