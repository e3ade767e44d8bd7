// Where a deduction's figure comes from, in the report's language. report.json keeps the basis in
// English (a stable contract); the points table carries the Chinese wording of every row.
import type { Finding, Lang } from '../model/types.js';
import { pointsRow } from '../score/gov-cn-table.js';
import { SEVERITY_LABEL } from './labels.js';

export function basisText(basis: string, finding: Finding | undefined, lang: Lang): string {
  if (lang !== 'zh') return basis;
  if (basis === 'config: scoring.points') return '配置文件 scoring.points';
  const sev = /^(?:fallback: |severity )(\w+)$/.exec(basis)?.[1];
  if (sev && sev in SEVERITY_LABEL) return `按严重程度（${SEVERITY_LABEL[sev as keyof typeof SEVERITY_LABEL].zh}）`;
  const row = finding ? pointsRow(finding) : undefined;
  return row ? row.basis.zh : basis;
}
