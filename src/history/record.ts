// What an audit writes into and reads from the history store.
import type { Report } from '../report/model.js';
import { cnDay, summariseAvailability, weekWindow, type Availability } from './availability.js';
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

/**
 * The week of monitor probes ending on the audit's as-of date, for the site under each name it
 * answered to (the start URL's host and the host it redirected to). When the as-of date is today
 * in China, today is not over: the week is the 7 whole days before it.
 */
export async function monitoringFor(store: HistoryStore, urls: string[], asOf: string, now = new Date()): Promise<Availability & { store: string; sites: string[]; weekEnds: string }> {
  const todayCn = cnDay(now.toISOString());
  const weekEnds = asOf >= todayCn ? new Date(Date.parse(`${todayCn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : asOf;
  const window = weekWindow(weekEnds);
  const sites = [...new Set(urls.map(siteKey))];
  const probes = (await Promise.all(sites.map((s) => store.probes(s, window.from, window.to)))).flat().sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { ...summariseAvailability(probes, window, undefined, process.env.PORTAL_AUDIT_TEST_CLOCK === '1'), store: store.where, sites, weekEnds };
}

/** What report.json says about the run's place in the history, with the site's last 12 runs. */
export async function historySummary(store: HistoryStore, diff: RunDiff, url: string): Promise<NonNullable<Report['history']>> {
  const recent = (await store.runs(siteKey(url))).slice(-12).map((r) => ({ asOf: r.asOf, score: r.score, passed: r.passed }));
  return { store: store.where, runId: diff.runId, previous: diff.previous, new: diff.new, still: diff.still, fixed: diff.fixed.length, fixedFindings: diff.fixed.slice(0, 100), recent };
}
