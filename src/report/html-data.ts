// The HTML report's long tables (every finding, every page) as compact JSON the page's script
// renders a page of rows at a time: 100 000 findings stay a few MB and open at once, where one
// <tr> per finding made a 4.7 MB, 66 000-node page that froze on sort.
import { SEVERITIES, CATEGORIES } from '../model/types.js';
import type { Report } from './model.js';
import type { Lang } from '../model/types.js';
import { localReason } from '../model/reasons.js';

/** Evidence shown in the table is cut here; report.json keeps all of it. */
const MAX_EVIDENCE = 1200;

export interface TableData {
  /** Every string once (URLs, messages, evidence repeat across findings). */
  s: string[];
  /** Findings: [severity, category, rule, page url, target, message, points, veto, baseline (0 none, 1 new, 2 unchanged), evidence, index]. */
  f: (number | string)[][];
  /** Pages: [url, status, depth, title, error]; strings as indexes into s, -1 for none. */
  p: number[][];
}

function interner() {
  const s: string[] = [];
  const at = new Map<string, number>();
  const id = (v: unknown): number => {
    if (v === null || v === undefined || v === '') return -1;
    const str = String(v);
    let i = at.get(str);
    if (i === undefined) at.set(str, (i = s.push(str) - 1));
    return i;
  };
  return { s, id };
}

function evidenceText(e: unknown): string {
  const s = JSON.stringify(e) ?? '';
  return s.length > MAX_EVIDENCE ? `${s.slice(0, MAX_EVIDENCE)}…` : s;
}

export function tableData(report: Report, lang: Lang): TableData {
  const { s, id } = interner();
  const points = new Map<number, number>();
  for (const d of report.score.deductions) points.set(d.finding, d.points);
  const f = report.findings.map((x, i) => [
    SEVERITIES.indexOf(x.severity),
    CATEGORIES.indexOf(x.category),
    id(x.ruleId),
    id(x.url),
    id(x.target),
    id(x.message),
    points.get(i) ?? 0,
    x.veto ? 1 : 0,
    x.baseline === 'new' ? 1 : x.baseline === 'unchanged' ? 2 : 0,
    id(evidenceText(x.evidence)),
    i,
  ]);
  const p = report.pages.map((x) => [id(x.url), x.status ?? -1, x.depth ?? -1, id(x.title), id(localReason(x.error, lang))]);
  return { s, f, p };
}

/** JSON safe inside a <script type="application/json">: nothing in it can close the element. */
export const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
