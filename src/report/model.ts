// The one report model every reporter renders.
import { scrubDeep } from './scrub.js';
import type { CrawlSummary, Lang, Page, Snapshot } from '../model/types.js';
import type { Score } from '../score/profile.js';
import type { Gate } from '../score/gate.js';
import type { BaselineSummary } from './baseline.js';
import type { Assessment, ReportFinding } from './assess.js';
import type { Rule } from '../rules/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export const SCHEMA_VERSION = '1.1.0';

/** A page as reported: the crawl facts without the full link list (counted instead). */
export type ReportPage = Omit<Page, 'links' | 'forms' | 'bodyFile' | 'items' | 'pagination' | 'menus' | 'pseudoLinks'> & { linkCount: number; formCount: number; itemCount: number };

export interface Report {
  schemaVersion: string;
  tool: { name: string; version: string };
  target: { url: string; finalUrl: string; host: string; lang: Lang; reachable: boolean };
  asOf: string;
  generatedAt: string;
  options: Record<string, unknown>;
  score: Score;
  /** The CI gate: what decides the exit code (verdict, --fail-under, --fail-on, baseline). */
  gate: Gate;
  /** Comparison with --baseline, or null. */
  baseline: BaselineSummary | null;
  crawl: CrawlSummary;
  pages: ReportPage[];
  findings: ReportFinding[];
  /** Tables rules computed for reporters, by category (e.g. `data.freshness.columns`). */
  data: Record<string, Record<string, unknown>>;
  rules: { id: string; category: string; title: string; description?: string; standards: string[] }[];
  ruleErrors: { ruleId: string; error: string }[];
  /**
   * How long the job took and where: when each phase ended (ms from the crawl's start; the
   * accessibility pass, related hosts and rules overlap), each rule's wall time, and the
   * accessibility pass's own wall/busy time. Absent in reports re-rendered from older files.
   */
  /** This run in the history store (`--db`): its id and what changed since the site's previous run. */
  history?: {
    store: string;
    runId: number;
    previous: { runId: number; asOf: string; score: number | null } | null;
    new: number;
    still: number;
    fixed: number;
    fixedFindings: { fingerprint: string; ruleId: string; target: string; message: string }[];
    /** The site's last runs (this one included), oldest first: the report's trend strip. */
    recent?: { asOf: string; score: number | null; passed: boolean }[];
  };
  timings?: { totalMs: number; endedAt: Record<string, number>; rules: Record<string, number>; a11y: { wallMs: number; busyMs: number; workers: number; startedDuringCrawl: number; discarded: number } | null };
}

/** One line per refused host, address and tier, with how often and the first URL. */
function summariseRefusals(all: CrawlSummary['refused']): CrawlSummary['refused'] {
  const by = new Map<string, CrawlSummary['refused'][number]>();
  for (const r of all) {
    const k = `${r.host}|${r.address}|${r.by}`;
    const seen = by.get(k);
    if (seen) seen.count = (seen.count ?? 1) + 1;
    else by.set(k, { ...r, count: 1 });
  }
  return [...by.values()];
}

/** Language the report's messages were written in (`--lang`), else the site's. */
export function messageLang(r: Pick<Report, 'options' | 'target'>): Lang {
  const l = r.options?.lang;
  return l === 'zh' || l === 'en' ? l : r.target.lang;
}

export function buildReport(args: {
  snapshot: Snapshot;
  reachable: boolean;
  lang: Lang;
  assessment: Assessment;
  data: Report['data'];
  rules: Rule[];
  ruleErrors: Report['ruleErrors'];
  options: Record<string, unknown>;
}): Report {
  const { snapshot, lang } = args;
  const home = snapshot.pages.find((p) => p.depth === 0);
  // No report file may repeat a leaked ID, mobile or card number, whichever rule quoted it.
  return scrubDeep({
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    target: {
      url: snapshot.startUrl,
      finalUrl: home?.finalUrl ?? snapshot.startUrl,
      host: new URL(home?.finalUrl ?? snapshot.startUrl).host,
      lang: snapshot.lang,
      reachable: args.reachable,
    },
    asOf: snapshot.asOf,
    generatedAt: new Date().toISOString(),
    options: { ...args.options, lang },
    score: args.assessment.score,
    gate: args.assessment.gate,
    baseline: args.assessment.baseline,
    crawl: {
      ...snapshot.crawl,
      refused: summariseRefusals(snapshot.crawl.refused ?? []),
      // Related hosts followed for a rule (letter systems, service halls): what was read there.
      ...(snapshot.satellites?.length
        ? { satellites: snapshot.satellites.map(({ pages, readBody: _r, ...s }) => ({ ...s, pages: pages.map((p) => ({ url: p.url, status: p.status, error: p.error })) })) }
        : {}),
    },
    pages: snapshot.pages.map(({ links, forms, items, pagination: _p, bodyFile: _b, menus: _m, pseudoLinks: _s, ...p }) => ({
      ...p,
      linkCount: links.length,
      formCount: forms.length,
      itemCount: items.length,
    })),
    findings: args.assessment.findings,
    data: args.data,
    rules: args.rules.map((r) => ({ id: r.id, category: r.category, title: r.title[lang], description: r.description[lang], standards: r.standards })),
    ruleErrors: args.ruleErrors,
  } satisfies Report, snapshot.asOf);
}

/** Pages by outcome: a 404 is a URL that was tried, not a page of the site. */
export function pageCounts(report: Pick<Report, 'pages'>): { ok: number; notFound: number; failed: number } {
  const ok = report.pages.filter((p) => !p.error && (p.status ?? 0) < 400).length;
  const notFound = report.pages.filter((p) => p.status === 404 || /soft 404/.test(p.error ?? '')).length;
  return { ok, notFound, failed: report.pages.length - ok - notFound };
}
