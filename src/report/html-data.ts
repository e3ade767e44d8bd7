// The HTML report's long tables (issues, every finding, every page) as compact JSON the page's script
// renders a page of rows at a time: 100 000 findings stay a few MB and open at once, where one
// <tr> per finding made a 4.7 MB, 66 000-node page that froze on sort.
import { SEVERITIES, CATEGORIES } from '../model/types.js';
import type { Report } from './model.js';
import type { Lang } from '../model/types.js';
import { localReason } from '../model/reasons.js';
import { byImpact, groupFindings } from './groups.js';

/** Evidence in the table is trimmed to this shape (report.json keeps all of it). */
const MAX_ITEMS = 5;
const MAX_TEXT = 300;
/** Strings this long (URLs, page texts) are stored once in `s` and referenced as MARK + index. */
const INTERN_FROM = 16;
/** Bytes of evidence (packed form and the strings it adds) embedded in all, worst findings first; past it a row says "in report.json" (1). */
const EVIDENCE_BUDGET = 500_000;
export const MARK = '\ue000';

export interface TableData {
  /** Every string once (URLs, messages, evidence repeat across findings). */
  s: string[];
  /** Findings: [severity, category, rule, page url, target, message, points, veto, baseline (0 none, 1 new, 2 unchanged), evidence, index]. */
  f: unknown[][];
  /** Pages: [url, status, depth, title, error]; strings as indexes into s, -1 for none. */
  p: number[][];
  /** Issues (grouped findings), worst first: [severity, category, rule, target, message, pages (≤ 100), page count, findings, points, veto, templates, screenshot]. */
  g: unknown[][];
}

function interner() {
  const s: string[] = [];
  const at = new Map<string, number>();
  /** UTF-8 bytes of the strings stored so far (what the table costs the page). */
  const size = { chars: 0 };
  const id = (v: unknown): number => {
    if (v === null || v === undefined || v === '') return -1;
    const str = String(v);
    let i = at.get(str);
    if (i === undefined) {
      at.set(str, (i = s.push(str) - 1));
      size.chars += Buffer.byteLength(str) + 3;
    }
    return i;
  };
  return { s, id, size };
}

/** Evidence as a small JSON value: long arrays and texts cut, long strings replaced by references into `s`. */
function packEvidence(e: unknown, id: (v: unknown) => number, depth = 0): unknown {
  if (typeof e === 'string') {
    const t = e.length > MAX_TEXT ? `${e.slice(0, MAX_TEXT)}…` : e;
    return t.length >= INTERN_FROM || t.startsWith(MARK) ? `${MARK}${id(t)}` : t;
  }
  if (Array.isArray(e)) {
    const items = e.slice(0, MAX_ITEMS).map((x) => packEvidence(x, id, depth + 1));
    return e.length > MAX_ITEMS ? [...items, `… +${e.length - MAX_ITEMS}`] : items;
  }
  if (e && typeof e === 'object') {
    if (depth > 3) return '…';
    return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, packEvidence(v, id, depth + 1)]));
  }
  return e;
}

/** Packed evidence by finding, worst severity first, until the budget is spent. */
function evidenceWithin(report: Report, id: (v: unknown) => number, size: { chars: number }): Map<number, unknown> {
  const out = new Map<number, unknown>();
  let spent = 0;
  const order = report.findings.map((_, i) => i).sort((a, b) => SEVERITIES.indexOf(report.findings[a].severity) - SEVERITIES.indexOf(report.findings[b].severity) || a - b);
  for (const i of order) {
    const e = report.findings[i].evidence;
    if (!e || !Object.keys(e).length) continue;
    // What it costs: its packed form plus the new strings it put in the table (a finding past the
    // budget may have added a few strings already; they stay, unused, bounded by one finding's worth).
    const before = size.chars;
    const packed = packEvidence(e, id);
    spent += Buffer.byteLength(JSON.stringify(packed)) + (size.chars - before);
    if (spent > EVIDENCE_BUDGET) break;
    out.set(i, packed);
  }
  return out;
}

export function tableData(report: Report, lang: Lang): TableData {
  const { s, id, size } = interner();
  const points = new Map<number, number>();
  for (const d of report.score.deductions) points.set(d.finding, d.points);
  const evidence = evidenceWithin(report, id, size);
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
    evidence.get(i) ?? (x.evidence && Object.keys(x.evidence).length ? 1 : 0),
    i,
  ]);
  const p = report.pages.map((x) => [id(x.url), x.status ?? -1, x.depth ?? -1, id(x.title), id(localReason(x.error, lang))]);
  const g = groupFindings(report)
    .sort(byImpact)
    .map((x) => {
      const shot = x.findings.map((i) => report.findings[i].evidence?.screenshot as { page?: string; element?: string } | undefined).find((v) => v?.page);
      return [
        SEVERITIES.indexOf(x.severity), CATEGORIES.indexOf(x.category), id(x.ruleId), id(x.target), id(x.message),
        x.pages.slice(0, 100).map(id), x.pageCount, x.findings.length, x.points, x.veto ? 1 : 0, x.templates.length,
        shot ? id(shot.element ?? shot.page) : -1,
      ];
    });
  return { s, f, p, g };
}

/** JSON safe inside a <script type="application/json">: nothing in it can close the element. */
export const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
