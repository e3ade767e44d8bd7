import { describe, expect, it } from 'vitest';
import { runRuleOnFolder } from '../helpers/rule.js';

const byCheck = (r: Awaited<ReturnType<typeof runRuleOnFolder>>) => {
  const m: Record<string, number> = {};
  for (const f of r.findings) m[f.ruleId.split('/')[1]] = (m[f.ruleId.split('/')[1]] ?? 0) + 1;
  return m;
};

describe('freshness', () => {
  it('gives the veto verdicts of the indicators on a neglected Chinese portal', async () => {
    const r = await runRuleOnFolder('freshness', 'freshness/veto', { asOf: '2026-11-22' });
    expect(r.errors).toEqual([]);
    expect(byCheck(r)).toEqual({
      'stale-column': 6,
      'blank-column': 5,
      'home-not-updated': 1,
      'veto-home': 1,
      'veto-stale-columns': 1,
      'veto-blank-columns': 1,
    });
    const home = r.findings.find((f) => f.ruleId === 'freshness/home-not-updated')!;
    expect(home.evidence).toMatchObject({ newest: '2026-10-13', age: 40, threshold: 14 });
    const stale = r.findings.find((f) => f.target.endsWith('/gzdt/index.html'))!;
    expect(stale).toMatchObject({ severity: 'critical', category: 'freshness' });
    expect(stale.evidence).toMatchObject({ newest: '2025-10-14', age: 404, threshold: 14, type: 'news', source: 'list' });
    const notice = r.findings.find((f) => f.target.endsWith('/tzgg/index.html'))!;
    expect(notice.evidence).toMatchObject({ type: 'notice', threshold: 183, age: 404 });
    expect(notice.severity).toBe('serious');
    const vetoes = r.findings.filter((f) => f.veto);
    expect(vetoes.every((f) => f.severity === 'critical')).toBe(true);
    expect((vetoes.find((f) => f.ruleId.endsWith('veto-stale-columns'))!.evidence.columns as unknown[]).length).toBe(6);
    const data = r.data.freshness as { columns: { status: string }[] };
    expect(data.columns.filter((c) => c.status === 'stale')).toHaveLength(6);
    expect(data.columns.filter((c) => c.status === 'blank')).toHaveLength(5);
  });

  it('turns back into warnings and then silence as the monitoring date moves back', async () => {
    // As of 2025-10-20 the columns are 6 days old: news is fresh; the home page (2025-10-13) is 7 days old.
    const r = await runRuleOnFolder('freshness', 'freshness/veto', { asOf: '2025-10-20' });
    const checks = byCheck(r);
    expect(checks['stale-column']).toBeUndefined();
    expect(checks['home-not-updated']).toBeUndefined();
    expect(checks['veto-blank-columns']).toBe(1);
  });

  it('reports stale content on an English portal without the Chinese veto items', async () => {
    const r = await runRuleOnFolder('freshness', 'freshness/english', { asOf: '2026-11-22' });
    expect(byCheck(r)).toEqual({ 'stale-column': 1, 'home-not-updated': 1 });
    expect(r.findings.every((f) => !f.veto)).toBe(true);
    expect(r.findings[0].message).toMatch(/^Column "News" \(news\) was last updated 2025-03-03/);
  });
});
