// The history store in one SQLite file (better-sqlite3: synchronous, transactions that are real
// SQLite transactions, WAL so readers never block the writer). Two processes may write the same
// file: each write is one IMMEDIATE transaction, and a writer waits up to BUSY_MS for the other.
// Synchronous on purpose: a transaction never yields to other code of the process half-way.
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../crawl/resolve.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { diffFindings, type HistoryStore, type ProbeRecord, type RunDiff, type RunRecord, type RunRow } from './store.js';
import { comparableRun, findingParams, fixedParams, probeParams, RUN_COLUMNS, runParams, SQL, toFinding, toFixed, toPrevious, toProbe, toRunRow, toSite, type Row } from './sql.js';

// Long enough for another writer's transaction (milliseconds), short enough to fail clearly.
const BUSY_MS = Number(process.env.PORTAL_AUDIT_DB_BUSY_MS) || 10_000;

export async function openSqlite(file: string): Promise<HistoryStore> {
  const path = resolve(file);
  if (!existsSync(dirname(path))) throw new UsageError(`--db ${file}: folder ${dirname(path)} does not exist`);
  if (existsSync(path) && !statSync(path).isFile()) throw new UsageError(`--db ${file}: not a file`);
  const deadline = Date.now() + BUSY_MS;
  for (;;) {
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { timeout: BUSY_MS });
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      migrate(db, file);
      // Taking the write lock once now: a file another process holds is refused before any crawl,
      // not after it when the run is to be recorded.
      db.prepare('BEGIN IMMEDIATE').run();
      db.prepare('ROLLBACK').run();
      return new SqliteStore(db, path);
    } catch (e) {
      db?.close();
      if (e instanceof UsageError) throw e;
      const err = e as Error & { code?: string };
      // Two processes creating one file at once: switching it to WAL can answer BUSY without
      // waiting (SQLite will not wait where waiting could deadlock); the loser tries again.
      if (err.code === 'SQLITE_BUSY' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25 + Math.random() * 75));
        continue;
      }
      const why = err.code === 'SQLITE_BUSY' ? `locked by another process for more than ${BUSY_MS / 1000} s` : err.code === 'SQLITE_NOTADB' ? 'not an SQLite database' : err.message;
      throw new UsageError(`--db ${file}: ${why}`);
    }
  }
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

class SqliteStore implements HistoryStore {
  constructor(
    private readonly db: Database.Database,
    readonly where: string,
  ) {}

  private all = (sql: string, ...params: unknown[]) => this.db.prepare(sql).all(...params) as Row[];

  async recordRun(run: RunRecord): Promise<RunDiff> {
    const db = this.db;
    return db.transaction((): RunDiff => {
      const prev = run.reachable ? comparableRun(this.all(SQL.previousRuns, run.site, run.asOf), run) : undefined;
      const before = prev ? this.all(SQL.findingKeys, prev.id).map(toFixed) : null;
      const id = Number(db.prepare(SQL.insertRun).run(...runParams(run, new Date().toISOString())).lastInsertRowid);
      const d = diffFindings(before, run.findings);
      const add = db.prepare(SQL.insertFinding);
      for (const f of run.findings) add.run(...findingParams(id, f, d.state.get(f.fingerprint)!));
      const fix = db.prepare(SQL.insertFixed);
      for (const f of d.fixed) fix.run(...fixedParams(id, f));
      return { runId: id, previous: toPrevious(prev), new: d.new, still: d.still, fixed: d.fixed };
    }).immediate();
  }

  async runs(site: string): Promise<RunRow[]> {
    return this.all(SQL.runsOfSite(RUN_COLUMNS), site).map(toRunRow);
  }

  async batchRuns(batch: string): Promise<RunRow[]> {
    return this.all(SQL.runsOfBatch(RUN_COLUMNS), batch).map(toRunRow);
  }

  async runFindings(runId: number) {
    return this.all(SQL.findingsOfRun, runId).map(toFinding);
  }

  async fixedIn(runId: number): Promise<RunDiff['fixed']> {
    return this.all(SQL.fixedInRun, runId).map(toFixed);
  }

  async recordProbe(p: ProbeRecord): Promise<void> {
    this.db.prepare(SQL.insertProbe).run(...probeParams(p));
  }

  async probes(site: string, from: string, to: string): Promise<ProbeRecord[]> {
    return this.all(SQL.probesOfSite, site, from, to).map(toProbe);
  }

  async sites() {
    return this.all(SQL.sites).map(toSite);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
