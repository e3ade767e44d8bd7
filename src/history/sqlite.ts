// The history store in one SQLite file (better-sqlite3: synchronous, transactions that are real
// SQLite transactions, WAL so readers never block the writer). Two processes may write the same
// file: each write is one IMMEDIATE transaction, and a writer waits up to BUSY_MS for the other.
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../crawl/resolve.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { diffFindings, type HistoryStore, type ProbeRecord, type RunDiff, type RunRecord, type RunRow } from './store.js';

// Long enough for another writer's transaction (milliseconds), short enough to fail clearly.
const BUSY_MS = Number(process.env.PORTAL_AUDIT_DB_BUSY_MS) || 10_000;

export function openSqlite(file: string): HistoryStore {
  const path = resolve(file);
  if (!existsSync(dirname(path))) throw new UsageError(`--db ${file}: folder ${dirname(path)} does not exist`);
  if (existsSync(path) && !statSync(path).isFile()) throw new UsageError(`--db ${file}: not a file`);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: BUSY_MS });
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
    // Taking the write lock once now: a file another process holds is refused before any crawl,
    // not after it when the run is to be recorded.
    db.prepare('BEGIN IMMEDIATE').run();
    db.prepare('ROLLBACK').run();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const err = e as Error & { code?: string };
    const why = err.code === 'SQLITE_BUSY' ? `locked by another process for more than ${BUSY_MS / 1000} s` : err.code === 'SQLITE_NOTADB' ? 'not an SQLite database' : err.message;
    throw new UsageError(`--db ${file}: ${why}`);
  }
  return new SqliteStore(db, path);
}

function migrate(db: Database.Database, file: string): void {
  const at = db.pragma('user_version', { simple: true }) as number;
  if (at > SCHEMA_VERSION) throw new UsageError(`--db ${file}: written by a newer portal-audit (schema ${at}; this version knows up to ${SCHEMA_VERSION})`);
  if (at === SCHEMA_VERSION) return;
  // IMMEDIATE: two processes opening a new file at once must not both create the tables.
  db.transaction(() => {
    const now = db.pragma('user_version', { simple: true }) as number;
    for (let v = now; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v].sql);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/** Apply only the first `version` migrations (tests of the upgrade path). */
export function createAtVersion(file: string, version: number): void {
  const db = new Database(file);
  for (let v = 0; v < version; v++) db.exec(MIGRATIONS[v].sql);
  db.pragma(`user_version = ${version}`);
  db.close();
}

const RUN_COLUMNS = `r.id, r.site, r.url, r.as_of, r.recorded_at, r.tool_version, r.profile, r.reachable, r.score, r.passed, r.vetoes, r.groups, r.pages, r.findings, r.limits, r.batch,
  (SELECT count(*) FROM run_findings f WHERE f.run_id = r.id AND f.state = 'new') AS new_count,
  (SELECT count(*) FROM run_findings f WHERE f.run_id = r.id AND f.state = 'still') AS still_count,
  (SELECT count(*) FROM run_fixed x WHERE x.run_id = r.id) AS fixed_count`;

type Row = Record<string, unknown>;
export function toRunRow(r: Row): RunRow {
  return {
    id: Number(r.id), site: String(r.site), url: String(r.url), asOf: String(r.as_of), recordedAt: String(r.recorded_at), toolVersion: String(r.tool_version),
    profile: String(r.profile), reachable: !!Number(r.reachable), score: r.score === null ? null : Number(r.score), passed: !!Number(r.passed),
    vetoes: JSON.parse(String(r.vetoes)), groups: JSON.parse(String(r.groups)), pages: Number(r.pages), findings: Number(r.findings), limits: JSON.parse(String(r.limits)),
    batch: (r.batch as string | null) ?? null, new: Number(r.new_count), still: Number(r.still_count), fixed: Number(r.fixed_count),
  };
}
export function toProbe(r: Row): ProbeRecord {
  return {
    site: String(r.site), url: String(r.url), at: String(r.at), ok: !!Number(r.ok), status: r.status === null ? null : Number(r.status),
    ttfbMs: r.ttfb_ms === null ? null : Number(r.ttfb_ms), loadMs: r.load_ms === null ? null : Number(r.load_ms),
    reason: (r.reason as ProbeRecord['reason']) ?? null, detail: (r.detail as string | null) ?? null, certDays: r.cert_days === null ? null : Number(r.cert_days),
  };
}

class SqliteStore implements HistoryStore {
  constructor(
    private readonly db: Database.Database,
    readonly where: string,
  ) {}

  async recordRun(run: RunRecord): Promise<RunDiff> {
    const db = this.db;
    return db.transaction((): RunDiff => {
      const prev = db.prepare('SELECT id, as_of, score FROM runs WHERE site = ? AND as_of <= ? ORDER BY as_of DESC, id DESC LIMIT 1').get(run.site, run.asOf) as Row | undefined;
      const before = prev ? (db.prepare('SELECT fingerprint, rule_id, target, message FROM run_findings WHERE run_id = ?').all(prev.id) as Row[]) : [];
      const id = Number(
        db
          .prepare('INSERT INTO runs (site, url, as_of, recorded_at, tool_version, profile, reachable, score, passed, vetoes, groups, pages, findings, limits, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(run.site, run.url, run.asOf, new Date().toISOString(), run.toolVersion, run.profile, run.reachable ? 1 : 0, run.score, run.passed ? 1 : 0, JSON.stringify(run.vetoes), JSON.stringify(run.groups), run.pages, run.findings.length, JSON.stringify(run.limits), run.batch ?? null).lastInsertRowid,
      );
      const d = diffFindings(prev ? before.map((b) => ({ fingerprint: String(b.fingerprint), ruleId: String(b.rule_id), target: String(b.target), message: String(b.message) })) : null, run.findings);
      const add = db.prepare('INSERT OR IGNORE INTO run_findings (run_id, fingerprint, rule_id, category, severity, veto, url, target, message, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const f of run.findings) add.run(id, f.fingerprint, f.ruleId, f.category, f.severity, f.veto ? 1 : 0, f.url, f.target, f.message, d.state.get(f.fingerprint)!);
      const fix = db.prepare('INSERT OR IGNORE INTO run_fixed (run_id, fingerprint, rule_id, target, message) VALUES (?, ?, ?, ?, ?)');
      for (const f of d.fixed) fix.run(id, f.fingerprint, f.ruleId, f.target, f.message);
      return { runId: id, previous: prev ? { runId: Number(prev.id), asOf: String(prev.as_of), score: prev.score === null ? null : Number(prev.score) } : null, new: d.new, still: d.still, fixed: d.fixed };
    }).immediate();
  }

  async runs(site: string): Promise<RunRow[]> {
    return (this.db.prepare(`SELECT ${RUN_COLUMNS} FROM runs r WHERE r.site = ? ORDER BY r.as_of, r.id`).all(site) as Row[]).map(toRunRow);
  }

  async batchRuns(batch: string): Promise<RunRow[]> {
    return (this.db.prepare(`SELECT ${RUN_COLUMNS} FROM runs r WHERE r.batch = ? ORDER BY r.site, r.id`).all(batch) as Row[]).map(toRunRow);
  }

  async runFindings(runId: number) {
    return (this.db.prepare('SELECT * FROM run_findings WHERE run_id = ? ORDER BY rule_id, target').all(runId) as Row[]).map((r) => ({
      fingerprint: String(r.fingerprint), ruleId: String(r.rule_id), category: String(r.category), severity: String(r.severity), veto: !!r.veto, url: String(r.url), target: String(r.target), message: String(r.message), state: String(r.state),
    }));
  }

  async fixedIn(runId: number): Promise<RunDiff['fixed']> {
    return (this.db.prepare('SELECT fingerprint, rule_id, target, message FROM run_fixed WHERE run_id = ? ORDER BY rule_id, target').all(runId) as Row[]).map((r) => ({ fingerprint: String(r.fingerprint), ruleId: String(r.rule_id), target: String(r.target), message: String(r.message) }));
  }

  async recordProbe(p: ProbeRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO probes (site, url, at, ok, status, ttfb_ms, load_ms, reason, detail, cert_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(p.site, p.url, p.at, p.ok ? 1 : 0, p.status, p.ttfbMs, p.loadMs, p.reason, p.detail, p.certDays);
  }

  async probes(site: string, from: string, to: string): Promise<ProbeRecord[]> {
    return (this.db.prepare('SELECT * FROM probes WHERE site = ? AND at >= ? AND at < ? ORDER BY at, id').all(site, from, to) as Row[]).map(toProbe);
  }

  async sites() {
    return (
      this.db
        .prepare(
          `SELECT site, sum(runs) AS runs, sum(probes) AS probes, max(last_as_of) AS last_as_of FROM (
             SELECT site, count(*) AS runs, 0 AS probes, max(as_of) AS last_as_of FROM runs GROUP BY site
             UNION ALL SELECT site, 0, count(*), NULL FROM probes GROUP BY site) GROUP BY site ORDER BY site`,
        )
        .all() as Row[]
    ).map((r) => ({ site: String(r.site), runs: Number(r.runs), probes: Number(r.probes), lastAsOf: (r.last_as_of as string | null) ?? null }));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
