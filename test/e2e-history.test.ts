// The history store end to end on its SQLite file: audits recorded with --db, `history` showing
// the trend, the availability veto from `monitor` probes, and a store that is bad input
// (missing folder, newer schema, not a database, locked, an older file, two writers at once).
// The same flows on PostgreSQL: e2e-history-postgres.test.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { runCli, tempDir } from './helpers/cli.js';
import { healthyWeekFlow, killedWriterFlow, thinWeekFlow, threeAuditsFlow, twoWritersFlow, vetoWeekFlow } from './helpers/history-flows.js';
import { loadConfig, resolveOptions } from '../src/options.js';
import { createAtVersion } from '../src/history/sqlite.js';
import { openStore } from '../src/history/store.js';
import { SCHEMA_VERSION } from '../src/history/schema.js';

const file = () => join(tempDir(), 'history.db');
function expectIntact(db: string): void {
  const d = new Database(db);
  expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
  d.close();
}

describe('audits over time (SQLite)', () => {
  it('three audits with defects fixed in between: the score rises, fixed findings are listed, `history` shows it', () => threeAuditsFlow(file(), { page: true }), 300_000);
});

describe('availability from monitor probes (SQLite)', () => {
  it('a portal down 10 % of a monitored week: the veto appears in the next audit, with the probes it rests on', () => vetoWeekFlow(file()), 240_000);
  it('too few probes is "not assessed", never a verdict', () => thinWeekFlow(file()), 240_000);
  it('a healthy monitored week answers the item 否 and costs nothing', () => healthyWeekFlow(file()), 240_000);
});

describe('the store as bad input', () => {
  const run = (db: string, env: Record<string, string> = {}) => runCli(['audit', 'http://127.0.0.1:9/', '--out', tempDir(), '--db', db, '--quiet'], 60_000, undefined, undefined, env);

  it('a missing folder, a newer schema, a file that is no database: exit 2 before any crawl', async () => {
    const missing = await run('/nonexistent/dir/h.db');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--db .*folder .* does not exist/);
    const newer = file();
    const d = new Database(newer);
    d.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    d.close();
    const r = await run(newer);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/newer portal-audit/);
    const junk = file();
    writeFileSync(junk, 'not a database at all, just text '.repeat(100));
    const j = await run(junk);
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/not an SQLite database|file is not a database/);
  });

  it('a file another process holds locked: exit 2 with the reason, before any crawl', async () => {
    const db = file();
    await (await openStore(db)).close();
    const holder = new Database(db);
    holder.prepare('BEGIN IMMEDIATE').run();
    try {
      const r = await run(db, { PORTAL_AUDIT_DB_BUSY_MS: '1500' });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/locked by another process/);
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
  });

  it('an older file is upgraded in place, its runs kept', async () => {
    const db = file();
    createAtVersion(db, 1);
    const old = new Database(db);
    old.prepare("INSERT INTO runs (site, url, as_of, recorded_at, tool_version, profile, reachable, score, passed, vetoes, groups, pages, findings, limits) VALUES ('x.gov.cn', 'http://x.gov.cn/', '2026-01-01', '2026-01-01T00:00:00Z', '0.1', 'gov-cn', 1, 71.5, 1, '[]', '{}', 10, 0, '{}')").run();
    old.close();
    const store = await openStore(db);
    expect((await store.runs('x.gov.cn')).map((r) => [r.asOf, r.score, r.batch])).toEqual([['2026-01-01', 71.5, null]]);
    await store.recordProbe({ site: 'x.gov.cn', url: 'http://x.gov.cn/', at: '2026-01-01T01:00:00Z', ok: true, status: 200, ttfbMs: 5, loadMs: 9, reason: null, detail: null, certDays: null, home: true, limitMs: 15_000, simulated: false });
    await store.close();
    const check = new Database(db);
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('a writer killed mid-run: the file intact, every recorded run whole', async () => {
    const db = file();
    await killedWriterFlow(db);
    expectIntact(db);
  }, 120_000);

  it('`history.db` in a config file, relative to the file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'portal-audit.config.json'), JSON.stringify({ history: { db: 'h.db' } }));
    const o = resolveOptions('http://x.gov.cn/', {}, await loadConfig(join(dir, 'portal-audit.config.json')));
    expect(o.db).toBe(join(dir, 'h.db'));
    expect(resolveOptions('http://x.gov.cn/', { db: 'postgres://u@h/d' }, await loadConfig(join(dir, 'portal-audit.config.json'))).db).toBe('postgres://u@h/d');
  });

  it('two processes writing the same file at once: every run recorded, the file intact', async () => {
    const db = file();
    await twoWritersFlow(db);
    expectIntact(db);
  }, 120_000);
});
