// The store's statements and row mappers, shared by the SQLite and PostgreSQL engines
// (written with `?` placeholders; the PostgreSQL engine numbers them).
import type { ProbeRecord, RunDiff, RunRecord, RunRow } from './store.js';

export type Row = Record<string, unknown>;

export const SQL = {
  previousRuns: 'SELECT id, as_of, score, reachable, profile, limits FROM runs WHERE site = ? AND as_of <= ? ORDER BY as_of DESC, id DESC LIMIT 20',
  findingKeys: 'SELECT fingerprint, rule_id, target, message FROM run_findings WHERE run_id = ?',
  insertRun: 'INSERT INTO runs (site, url, as_of, recorded_at, tool_version, profile, reachable, score, passed, vetoes, groups, pages, findings, limits, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  insertFinding: 'INSERT INTO run_findings (run_id, fingerprint, rule_id, category, severity, veto, url, target, message, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  insertFixed: 'INSERT INTO run_fixed (run_id, fingerprint, rule_id, target, message) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  runsOfSite: (cols: string) => `SELECT ${cols} FROM runs r WHERE r.site = ? ORDER BY r.as_of, r.id`,
  runsOfBatch: (cols: string) => `SELECT ${cols} FROM runs r WHERE r.batch = ? ORDER BY r.site, r.id`,
  findingsOfRun: 'SELECT * FROM run_findings WHERE run_id = ? ORDER BY rule_id, target',
  fixedInRun: 'SELECT fingerprint, rule_id, target, message FROM run_fixed WHERE run_id = ? ORDER BY rule_id, target',
  insertProbe: 'INSERT INTO probes (site, url, at, ok, status, ttfb_ms, load_ms, reason, detail, cert_days, home, limit_ms, simulated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  probesOfSite: 'SELECT * FROM probes WHERE site = ? AND at >= ? AND at < ? ORDER BY at, id',
  sites: `SELECT site, sum(runs) AS runs, sum(probes) AS probes, max(last_as_of) AS last_as_of FROM (
      SELECT site, count(*) AS runs, 0 AS probes, max(as_of) AS last_as_of FROM runs GROUP BY site
      UNION ALL SELECT site, 0, count(*), NULL FROM probes GROUP BY site) AS s GROUP BY site ORDER BY site`,
};

export const RUN_COLUMNS = `r.id, r.site, r.url, r.as_of, r.recorded_at, r.tool_version, r.profile, r.reachable, r.score, r.passed, r.vetoes, r.groups, r.pages, r.findings, r.limits, r.batch,
  (SELECT count(*) FROM run_findings f WHERE f.run_id = r.id AND f.state = 'new') AS new_count,
  (SELECT count(*) FROM run_findings f WHERE f.run_id = r.id AND f.state = 'still') AS still_count,
  (SELECT count(*) FROM run_fixed x WHERE x.run_id = r.id) AS fixed_count`;

export const runParams = (run: RunRecord, recordedAt: string) => [
  run.site, run.url, run.asOf, recordedAt, run.toolVersion, run.profile, run.reachable ? 1 : 0, run.score, run.passed ? 1 : 0,
  JSON.stringify(run.vetoes), JSON.stringify(run.groups), run.pages, run.findings.length, JSON.stringify(run.limits), run.batch ?? null,
];
export const findingParams = (runId: number, f: RunRecord['findings'][number], state: string) => [runId, f.fingerprint, f.ruleId, f.category, f.severity, f.veto ? 1 : 0, f.url, f.target, f.message, state];
export const fixedParams = (runId: number, f: RunDiff['fixed'][number]) => [runId, f.fingerprint, f.ruleId, f.target, f.message];
export const probeParams = (p: ProbeRecord) => [p.site, p.url, p.at, p.ok ? 1 : 0, p.status, p.ttfbMs, p.loadMs, p.reason, p.detail, p.certDays, p.home ? 1 : 0, p.limitMs, p.simulated ? 1 : 0];

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toRunRow(r: Row): RunRow {
  return {
    id: Number(r.id), site: String(r.site), url: String(r.url), asOf: String(r.as_of), recordedAt: String(r.recorded_at), toolVersion: String(r.tool_version),
    profile: String(r.profile), reachable: !!Number(r.reachable), score: num(r.score), passed: !!Number(r.passed),
    vetoes: JSON.parse(String(r.vetoes)), groups: JSON.parse(String(r.groups)), pages: Number(r.pages), findings: Number(r.findings), limits: JSON.parse(String(r.limits)),
    batch: (r.batch as string | null) ?? null, new: Number(r.new_count), still: Number(r.still_count), fixed: Number(r.fixed_count),
  };
}
export function toProbe(r: Row): ProbeRecord {
  return {
    site: String(r.site), url: String(r.url), at: String(r.at), ok: !!Number(r.ok), status: num(r.status), ttfbMs: num(r.ttfb_ms), loadMs: num(r.load_ms),
    reason: (r.reason as ProbeRecord['reason']) ?? null, detail: (r.detail as string | null) ?? null, certDays: num(r.cert_days),
    home: r.home === undefined ? true : !!Number(r.home), limitMs: num(r.limit_ms) ?? 15_000, simulated: !!Number(r.simulated ?? 0),
  };
}
export const toFinding = (r: Row) => ({
  fingerprint: String(r.fingerprint), ruleId: String(r.rule_id), category: String(r.category), severity: String(r.severity), veto: !!Number(r.veto), url: String(r.url), target: String(r.target), message: String(r.message), state: String(r.state),
});
export const toFixed = (r: Row): RunDiff['fixed'][number] => ({ fingerprint: String(r.fingerprint), ruleId: String(r.rule_id), target: String(r.target), message: String(r.message) });
export const toSite = (r: Row) => ({ site: String(r.site), runs: Number(r.runs), probes: Number(r.probes), lastAsOf: (r.last_as_of as string | null) ?? null });
export const toPrevious = (prev: Row | undefined): RunDiff['previous'] => (prev ? { runId: Number(prev.id), asOf: String(prev.as_of), score: num(prev.score) } : null);

/**
 * The run this one is compared with: the latest earlier run that audited the site in full under
 * the same profile. An unreachable or stopped-early run would make everything "fixed", then "new".
 */
export function comparableRun(candidates: Row[], run: RunRecord): Row | undefined {
  return candidates.find((c) => !!Number(c.reachable) && String(c.profile) === run.profile && !(JSON.parse(String(c.limits)) as { partial?: boolean }).partial);
}
