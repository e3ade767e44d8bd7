// gov-cn profile (国办秘函〔2019〕19号 model): veto items first, then deductions from 100 by
// indicator group, each group capped at its points; below the pass mark fails.
import type { Finding } from '../model/types.js';
import { categoryTotals, deduction, lookup, markNotAssessed, round, scoringOrder } from './common.js';
import { CATEGORY_GROUP, FALLBACK_POINTS, GOV_CN_GROUPS, pointsRow } from './gov-cn-table.js';
import type { Deduction, Score, ScoreGroup, ScoringSettings } from './types.js';

export function scoreGovCn(findings: Finding[], settings: ScoringSettings = {}): Score {
  const passMark = settings.passMark ?? 60;
  const groups = GOV_CN_GROUPS.map((g): ScoreGroup => {
    const points = settings.groups?.[g.id] ?? g.points;
    return { id: g.id, title: g.title, points, lost: 0, score: points, findings: 0 };
  });
  const byId = new Map(groups.map((g) => [g.id, g]));
  const deductions: Deduction[] = [];
  for (const [f, index] of findings.map((x, i) => [x, i] as const).sort(([a], [b]) => scoringOrder(a, b))) {
    const row = pointsRow(f);
    const group = byId.get(row?.group ?? CATEGORY_GROUP[f.category])!;
    group.findings++;
    const override = lookup(settings.points, f.ruleId);
    // Info findings never cost points: `rules.<id>.severity: 'info'` is how a user waives a deduction.
    const wanted = f.severity === 'info' ? 0 : (override ?? row?.points ?? FALLBACK_POINTS[f.severity]);
    if (wanted <= 0) continue;
    const points = round(Math.min(wanted, group.points - group.lost));
    group.lost = round(group.lost + points);
    group.score = round(group.points - group.lost);
    deductions.push(
      deduction(f, index, {
        group: group.id,
        wanted,
        points,
        basis: override !== undefined ? 'config: scoring.points' : row ? `${row.rule}: ${row.basis.en}` : `fallback: ${f.severity}`,
        confirmed: override === undefined && row?.confirmed === true,
        capped: points < wanted ? 'group' : undefined,
      }),
    );
  }
  markNotAssessed(findings, (f) => byId.get(pointsRow(f)?.group ?? CATEGORY_GROUP[f.category]));
  const veto = findings.filter((f) => f.veto).map((f) => ({ ruleId: f.ruleId, target: f.target, url: f.url, reason: f.message }));
  const total = round(Math.max(0, 100 - groups.reduce((n, g) => n + g.lost, 0)));
  const reasons = [
    ...veto.map((v) => `veto ${v.ruleId}: ${v.reason}`),
    ...(total < passMark ? [`score ${total} below the pass mark ${passMark}`] : []),
  ];
  return {
    profile: 'gov-cn',
    total,
    passed: reasons.length === 0,
    passMark,
    grade: null,
    veto,
    reasons,
    groups,
    categories: categoryTotals(findings, deductions),
    deductions,
  };
}
