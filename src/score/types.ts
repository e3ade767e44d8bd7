// The score every reporter shows, whichever profile produced it.
import type { Category, Severity, Text } from '../model/types.js';

export const PROFILES = ['gov-cn', 'general'] as const;
export type ProfileId = (typeof PROFILES)[number];

/** One scoring bucket: an indicator group (gov-cn) or a category (general). */
export interface ScoreGroup {
  id: string;
  title: Text;
  /** Points the group is worth (gov-cn) or its weight in the total (general). */
  points: number;
  lost: number;
  /** Score within the group: points − lost (gov-cn), 0–100 (general). */
  score: number;
  findings: number;
  /** Why a rule of the group could not judge what it measures (e.g. no letter could be read): its full marks are not earned. */
  notAssessed?: string[];
}

/** How one finding cost points. */
export interface Deduction {
  /** Index of the finding in `findings[]`. */
  finding: number;
  fingerprint: string;
  ruleId: string;
  category: Category;
  severity: Severity;
  group: string;
  url: string;
  target: string;
  /** Points the finding would cost on its own. */
  wanted: number;
  /** Points it did cost after caps (0 when its group or rule was already exhausted). */
  points: number;
  /** Where the per-finding figure comes from: a row of the points table or the severity fallback. */
  basis: string;
  /** Whether the figure is from a published text; false = our estimate (domain.md "unconfirmed"). */
  confirmed: boolean;
  capped?: 'group' | 'rule';
}

export interface VetoEntry {
  ruleId: string;
  target: string;
  url: string;
  reason: string;
}

export interface Score {
  profile: ProfileId;
  total: number;
  passed: boolean;
  passMark: number;
  /** Letter grade A–F (general profile); null for gov-cn, which only knows 合格/不合格. */
  grade: string | null;
  veto: VetoEntry[];
  /** Why the verdict is "failed" (empty when passed). */
  reasons: string[];
  groups: ScoreGroup[];
  categories: Record<Category, { findings: number; lost: number }>;
  deductions: Deduction[];
}

/** Config-file overrides (`scoring` key). */
export interface ScoringSettings {
  profile?: ProfileId;
  passMark?: number;
  /** gov-cn: points per indicator group (must add up to 100). */
  groups?: Record<string, number>;
  /** gov-cn: points per finding, by rule id (`links/broken`) or rule (`axe`). */
  points?: Record<string, number>;
  /** general: weight per category. */
  weights?: Partial<Record<Category, number>>;
  /** general: points a finding of each severity costs in its category. */
  severityPoints?: Partial<Record<Severity, number>>;
  /** general: lowest total for each grade, e.g. {"A": 90, "B": 80, …}. */
  grades?: Record<string, number>;
}
