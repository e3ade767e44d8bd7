// What an audit writes into and reads from the history store.
import type { Report } from '../report/model.js';
import { summariseAvailability, weekWindow, type Availability } from './availability.js';
import { siteKey, type HistoryStore, type RunDiff, type RunRecord } from './store.js';

/** The report's summary row and findings, as the store keeps them. */
export function runRecord(report: Report, batch?: string | null): RunRecord {
  return {
    site: siteKey(report.target.url),
    url: report.target.url,
    asOf: report.asOf,
    toolVersion: report.tool.version,
    profile: report.score.profile,
    reachable: report.target.reachable,
    score: report.target.reachable ? report.score.total : null,
    passed: report.score.passed,
    vetoes: report.score.veto.map((v) => ({ ruleId: v.ruleId, target: v.target, reason: v.reason })),
    groups: Object.fromEntries(report.score.groups.map((g) => [g.id, g.score])),
    pages: report.pages.length,
    limits: { ...report.crawl.limits, partial: report.crawl.partial },
    batch: batch ?? null,
    findings: report.findings.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, category: f.category, severity: f.severity, veto: !!f.veto, url: f.url, target: f.target, message: f.message })),
  };
}

/** The week of monitor probes before the audit's as-of date. */
export async function monitoringFor(store: HistoryStore, url: string, asOf: string): Promise<Availability & { store: string }> {
  const window = weekWindow(asOf);
  const probes = await store.probes(siteKey(url), window.from, window.to);
  return { ...summariseAvailability(probes, window), store: store.where };
}

/** What report.json says about the run's place in the history, with the site's last 12 runs. */
export async function historySummary(store: HistoryStore, diff: RunDiff, url: string): Promise<NonNullable<Report['history']>> {
  const recent = (await store.runs(siteKey(url))).slice(-12).map((r) => ({ asOf: r.asOf, score: r.score, passed: r.passed }));
  return { store: store.where, runId: diff.runId, previous: diff.previous, new: diff.new, still: diff.still, fixed: diff.fixed.length, fixedFindings: diff.fixed.slice(0, 100), recent };
}
