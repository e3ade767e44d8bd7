// general profile: a 0–100 score per category, a weighted total and a letter grade.
// Repeats of one rule cost less than new kinds of problems: all findings of a rule together
// cost at most RULE_CAP × the points of its worst one, so 40 small tap targets do not sink
// a category that has nothing else wrong.
import { CATEGORIES, type Category, type Finding, type Severity } from '../model/types.js';
import { categoryTotals, deduction, markNotAssessed, round, scoringOrder } from './common.js';
import { CATEGORY_LABEL } from '../model/labels.js';
import type { Deduction, Score, ScoreGroup, ScoringSettings } from './types.js';

export const SEVERITY_POINTS: Record<Severity, number> = { critical: 25, serious: 10, moderate: 5, minor: 2, info: 0 };
export const WEIGHTS: Record<Category, number> = {
  search: 10, freshness: 10, accounts: 5, navigation: 10, links: 15, accessibility: 20, interaction: 10, services: 10, security: 10,
};
export const GRADES: Record<string, number> = { A: 90, B: 80, C: 70, D: 60, E: 50, F: 0 };
const RULE_CAP = 2;


export function scoreGeneral(findings: Finding[], settings: ScoringSettings = {}): Score {
  const passMark = settings.passMark ?? 60;
  const sevPoints = { ...SEVERITY_POINTS, ...settings.severityPoints };
  const weights = { ...WEIGHTS, ...settings.weights };
  const groups = CATEGORIES.map((c): ScoreGroup => ({ id: c, title: CATEGORY_LABEL[c], points: weights[c], lost: 0, score: 100, findings: 0 }));
  const byId = new Map(groups.map((g) => [g.id, g]));
  const perRule = new Map<string, { cap: number; spent: number }>();
  const deductions: Deduction[] = [];
  for (const [f, index] of findings.map((x, i) => [x, i] as const).sort(([a], [b]) => scoringOrder(a, b))) {
    const g = byId.get(f.category)!;
    g.findings++;
    const wanted = sevPoints[f.severity];
    if (wanted <= 0) continue;
    // Sorted worst first, so the first finding of a rule sets its cap.
    const rule = perRule.get(f.ruleId) ?? { cap: RULE_CAP * wanted, spent: 0 };
    perRule.set(f.ruleId, rule);
    const byRule = Math.min(wanted, rule.cap - rule.spent);
    const points = round(Math.max(0, Math.min(byRule, 100 - g.lost)));
    rule.spent = round(rule.spent + points);
    g.lost = round(g.lost + points);
    g.score = round(100 - g.lost);
    const capped = points < wanted ? (byRule < wanted ? ('rule' as const) : ('group' as const)) : undefined;
    deductions.push(deduction(f, index, { group: g.id, wanted, points, basis: `severity ${f.severity}`, confirmed: false, capped }));
  }
  markNotAssessed(findings, (f) => byId.get(f.category));
  const weightSum = groups.reduce((n, g) => n + g.points, 0) || 1;
  const total = round(groups.reduce((n, g) => n + g.score * g.points, 0) / weightSum);
  const grades = Object.entries(settings.grades ?? GRADES).sort(([, a], [, b]) => b - a);
  const grade = grades.find(([, min]) => total >= min)?.[0] ?? grades[grades.length - 1]?.[0] ?? 'F';
  return {
    profile: 'general',
    total,
    passed: total >= passMark,
    passMark,
    grade,
    veto: [],
    reasons: total >= passMark ? [] : [`score ${total} below the pass mark ${passMark}`],
    groups,
    categories: categoryTotals(findings, deductions),
    deductions,
  };
}
