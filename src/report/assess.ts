// Findings → score, baseline diff and CI gate. Shared by `audit` and `report` (re-scoring a
// saved report needs no crawl).
import { fingerprint } from '../model/fingerprint.js';
import type { Finding, Lang } from '../model/types.js';
import { defaultProfile, score, type ProfileId, type Score, type ScoringSettings } from '../score/profile.js';
import { gate, type Gate, type GateSettings } from '../score/gate.js';
import { diffBaseline, type BaselineSummary, type OldReport } from './baseline.js';

export type ReportFinding = Finding & { fingerprint: string; baseline?: 'new' | 'unchanged' };

export interface AssessSettings extends GateSettings {
  profile?: ProfileId;
  scoring?: ScoringSettings;
  baseline?: { file: string; report: OldReport };
}

export interface Assessment {
  score: Score;
  findings: ReportFinding[];
  baseline: BaselineSummary | null;
  gate: Gate;
}

export function assess(findings: Finding[], target: { host: string; lang: Lang; reachable?: boolean }, s: AssessSettings): Assessment {
  const profile = s.profile ?? s.scoring?.profile ?? defaultProfile(target.host, target.lang);
  // Strip any earlier baseline marks: a re-assessed report is compared afresh.
  let marked: ReportFinding[] = findings.map(({ baseline: _b, ...f }: Finding & { baseline?: unknown }) => ({ ...f, fingerprint: fingerprint(f) }));
  let baseline: BaselineSummary | null = null;
  if (s.baseline) {
    const d = diffBaseline(marked, s.baseline.report, s.baseline.file);
    marked = d.findings;
    baseline = d.summary;
  }
  const sc = score(marked, profile, s.scoring);
  // Nothing was audited: no verdict can pass and no gate can let it through.
  if (target.reachable === false) {
    const why = 'start URL unreachable: nothing was audited';
    Object.assign(sc, { passed: false, reasons: [why, ...sc.reasons] });
    const g = gate(sc, marked, s, false);
    return { score: sc, findings: marked, baseline: null, gate: { ...g, passed: false, reasons: g.reasons.includes(why) ? g.reasons : [why, ...g.reasons] } };
  }
  return { score: sc, findings: marked, baseline, gate: gate(sc, marked, s, baseline !== null) };
}
