// Compares a run with an earlier report: findings are matched by fingerprint (as a multiset,
// so two identical findings need two old ones) into new / unchanged / fixed.
import { fingerprint } from '../model/fingerprint.js';
import type { Finding } from '../model/types.js';

export interface BaselineSummary {
  file: string;
  asOf: string;
  generatedAt?: string;
  total: number;
  new: number;
  unchanged: number;
  fixed: (Pick<Finding, 'ruleId' | 'category' | 'severity' | 'url' | 'target' | 'message'> & { fingerprint: string })[];
}

/** What diffing needs of an old report (any schema 1.x report has these). */
export interface OldReport {
  asOf: string;
  generatedAt?: string;
  score: { total: number };
  findings: (Finding & { fingerprint?: string })[];
}

export function diffBaseline<F extends Finding & { fingerprint: string }>(
  findings: F[],
  old: OldReport,
  file: string,
): { findings: (F & { baseline: 'new' | 'unchanged' })[]; summary: BaselineSummary } {
  const left = new Map<string, (typeof old.findings)[number][]>();
  // Old reports are re-fingerprinted: the fingerprint may have been improved since they were written.
  for (const f of old.findings) {
    const fp = fingerprint(f);
    left.set(fp, [...(left.get(fp) ?? []), f]);
  }
  const marked = findings.map((f) => {
    const pool = left.get(f.fingerprint);
    const matched = pool?.shift();
    return { ...f, baseline: matched ? ('unchanged' as const) : ('new' as const) };
  });
  const fixed = [...left.values()].flat().map((f) => ({
    ruleId: f.ruleId, category: f.category, severity: f.severity, url: f.url, target: f.target, message: f.message, fingerprint: fingerprint(f),
  }));
  return {
    findings: marked,
    summary: {
      file,
      asOf: old.asOf,
      generatedAt: old.generatedAt,
      total: old.score.total,
      new: marked.filter((f) => f.baseline === 'new').length,
      unchanged: marked.filter((f) => f.baseline === 'unchanged').length,
      fixed,
    },
  };
}
