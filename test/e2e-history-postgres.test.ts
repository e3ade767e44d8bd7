// The history store's flows on a real PostgreSQL server (Debian's postgresql package, started
// here on a loopback port in a temp data directory). Skipped, saying so, when the server is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthyWeekFlow, killedWriterFlow, thinWeekFlow, threeAuditsFlow, twoWritersFlow, vetoWeekFlow } from './helpers/history-flows.js';
import { postgresBin, startPostgres, type TestPostgres } from './helpers/postgres.js';
import { runCli, tempDir } from './helpers/cli.js';
import { openStore } from '../src/history/store.js';
import pg from 'pg';

const bin = postgresBin();
if (!bin) console.warn('e2e-history-postgres: SKIPPED — no PostgreSQL server (install Debian\'s postgresql package; setup.sh does)');

describe.skipIf(!bin)('the history store on PostgreSQL', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());

  it('three audits with defects fixed in between: the score rises, fixed findings are listed, `history` shows it', async () => threeAuditsFlow(await server.freshDb(), { page: false }), 300_000);
  it('a portal down 10 % of a monitored week: the availability veto', async () => vetoWeekFlow(await server.freshDb()), 240_000);
  it('too few probes: not assessed', async () => thinWeekFlow(await server.freshDb()), 240_000);
  it('a healthy monitored week: 否', async () => healthyWeekFlow(await server.freshDb()), 240_000);
  it('two processes writing at once: every run and finding recorded', async () => twoWritersFlow(await server.freshDb()), 120_000);
  it('a writer killed mid-run: every recorded run whole', async () => killedWriterFlow(await server.freshDb()), 120_000);

  it('a newer schema, an unreachable server: exit 2 before any crawl, the password never printed', async () => {
    const db = await server.freshDb();
    await (await openStore(db)).close();
    const c = new pg.Client({ connectionString: db });
    await c.connect();
    await c.query('INSERT INTO schema_version (version) VALUES (99)');
    await c.end();
    const newer = await runCli(['audit', 'http://127.0.0.1:9/', '--out', tempDir(), '--db', db, '--quiet']);
    expect(newer.code).toBe(2);
    expect(newer.stderr).toMatch(/newer portal-audit \(schema 99/);
    const down = await runCli(['audit', 'http://127.0.0.1:9/', '--out', tempDir(), '--db', 'postgres://portal:s3cret@127.0.0.1:9/x', '--quiet']);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/--db postgres:\/\/portal:\*\*\*@127\.0\.0\.1:9\/x: .*ECONNREFUSED/);
    expect(down.stderr).not.toContain('s3cret');
  }, 60_000);
});
