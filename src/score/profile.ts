// Turns findings into a score. Veto findings fail the site outright (单项否决); the rest
// deduct from 100 with each category capped at its points, as the 2019 indicators cap
// deductions within an indicator. Point values are provisional until the scoring issue
// lands its documented rule → points table.
import { CATEGORIES, type Category, type Finding, type Severity } from '../model/types.js';

export interface Profile {
  id: string;
  passMark: number;
  /** Points each category can lose at most; they add up to 100. */
  caps: Record<Category, number>;
  perSeverity: Record<Severity, number>;
}

export const GOV_CN: Profile = {
  id: 'gov-cn',
  passMark: 60,
  caps: { search: 10, freshness: 20, accounts: 10, navigation: 10, links: 15, accessibility: 15, interaction: 10, security: 10 },
  perSeverity: { critical: 10, serious: 4, moderate: 2, minor: 1, info: 0 },
};

export interface Deduction {
  ruleId: string;
  category: Category;
  target: string;
  points: number;
}

export interface Score {
  profile: string;
  total: number;
  passed: boolean;
  passMark: number;
  veto: { ruleId: string; target: string; url: string; reason: string }[];
  categories: Record<Category, { lost: number; cap: number; score: number; findings: number }>;
  deductions: Deduction[];
}

export function score(findings: Finding[], profile: Profile = GOV_CN): Score {
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => [c, { lost: 0, cap: profile.caps[c], score: profile.caps[c], findings: 0 }]),
  ) as Score['categories'];
  const deductions: Deduction[] = [];
  for (const f of findings) {
    const cat = categories[f.category];
    cat.findings++;
    const want = profile.perSeverity[f.severity];
    const points = Math.min(want, round(cat.cap - cat.lost));
    if (points <= 0) continue;
    cat.lost = round(cat.lost + points);
    cat.score = round(cat.cap - cat.lost);
    deductions.push({ ruleId: f.ruleId, category: f.category, target: f.target, points });
  }
  const veto = findings.filter((f) => f.veto).map((f) => ({ ruleId: f.ruleId, target: f.target, url: f.url, reason: f.message }));
  const total = round(Math.max(0, 100 - CATEGORIES.reduce((n, c) => n + categories[c].lost, 0)));
  return { profile: profile.id, total, passed: veto.length === 0 && total >= profile.passMark, passMark: profile.passMark, veto, categories, deductions };
}

const round = (n: number) => Math.round(n * 10) / 10;
