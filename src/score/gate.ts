// The CI gate: verdict, user thresholds and, with a baseline, only new findings.
import { SEVERITIES, type Finding, type Severity } from '../model/types.js';
import type { Score } from './types.js';

export const FAIL_ON = ['veto', 'critical', 'serious', 'moderate', 'minor'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface GateSettings {
  failUnder?: number;
  failOn?: FailOn;
}

export interface Gate {
  passed: boolean;
  reasons: string[];
  failUnder: number | null;
  failOn: FailOn | null;
  /** Whether only new findings (against a baseline) were gated on. */
  newOnly: boolean;
}

const MAX_NAMED = 20;

function atLeast(sev: Severity, bar: Severity): boolean {
  return SEVERITIES.indexOf(sev) <= SEVERITIES.indexOf(bar);
}

export function gate(score: Score, findings: (Finding & { baseline?: 'new' | 'unchanged' })[], s: GateSettings, hasBaseline: boolean): Gate {
  const reasons: string[] = [];
  // Without a baseline the verdict itself gates; with one, existing debt is accepted.
  if (!hasBaseline) reasons.push(...score.reasons);
  if (s.failUnder !== undefined && score.total < s.failUnder) reasons.push(`score ${score.total} is below --fail-under ${s.failUnder}`);
  const pool = hasBaseline ? findings.filter((f) => f.baseline === 'new') : findings;
  // With a baseline and no --fail-on, any new finding that costs something (not info) fails.
  const bar: FailOn | undefined = s.failOn ?? (hasBaseline ? 'minor' : undefined);
  if (bar) {
    const hits = pool.filter((f) => (bar === 'veto' ? f.veto === true : atLeast(f.severity, bar)));
    const what = hasBaseline ? 'new ' : '';
    for (const f of hits.slice(0, MAX_NAMED)) reasons.push(`${what}${f.veto ? 'veto' : f.severity} finding ${f.ruleId} at ${f.target}`);
    if (hits.length > MAX_NAMED) reasons.push(`… and ${hits.length - MAX_NAMED} more ${what}findings at or above ${bar}`);
  }
  return { passed: reasons.length === 0, reasons, failUnder: s.failUnder ?? null, failOn: s.failOn ?? null, newOnly: hasBaseline };
}
