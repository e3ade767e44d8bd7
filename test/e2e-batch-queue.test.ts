// Batch mode over BullMQ, end to end: a real redis-server (Debian's package) on loopback, two
// worker processes, one SIGKILLed in the middle of a portal. Every portal must still end with a
// report, the killed worker's job must be finished by the other, and the league table must equal
// the local run's. A second batch, with `"store": "redis"` in its config file, has the workers hand
// the reports back through Redis instead of a shared folder. Skipped, saying so, only when
// redis-server is not installed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import type { BatchSummary } from '../src/batch/summary.js';
import { runCli, tempDir } from './helpers/cli.js';
import { postgresBin, startPostgres } from './helpers/postgres.js';
import { openStore } from '../src/history/store.js';

const REDIS = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
if (!REDIS) console.warn('e2e-batch-queue: redis-server is not installed (apt-get install -y redis-server); the distributed batch test is skipped');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

let redis: ChildProcess | undefined;
let queue: string;
let clean: FixtureServer;
let defects: FixtureServer;
let file: string;
let localSummary: BatchSummary;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  if (!REDIS) return;
  const port = await freePort();
  redis = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: 'ignore' });
  queue = `redis://127.0.0.1:${port}`;
  [clean, defects] = await Promise.all([startFixtureServer({ asOf: X.FIXTURE_AS_OF, variant: 'clean' }), startFixtureServer({ asOf: X.FIXTURE_AS_OF })]);
  file = join(tempDir(), 'portals.csv');
  writeFileSync(
    file,
    ['url,name,region,asOf', `${defects.url},示范县（问题版）,浙江,${X.FIXTURE_AS_OF}`, `${clean.url},示范县（整改版）,浙江,${X.FIXTURE_AS_OF}`, `http://127.0.0.1:1/,停运网站,江苏,${X.FIXTURE_AS_OF}`].join('\n') + '\n',
  );
  // Redis needs a moment to accept connections.
  for (let i = 0; i < 50 && spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() !== 'PONG'; i++) await new Promise((r) => setTimeout(r, 100));
  const localOut = tempDir();
  const local = await runCli(['batch', file, '--out', localOut, ...BATCH_ARGS], 300_000);
  expect(local.code, local.stderr).toBe(0);
  localSummary = JSON.parse(readFileSync(join(localOut, 'summary.json'), 'utf8'));
}, 300_000);

afterAll(async () => {
  for (const w of workers) w.kill('SIGKILL');
  redis?.kill('SIGKILL');
  await clean?.close();
  await defects?.close();
});

const BATCH_ARGS = ['--a11y', 'none', '--timeout', '3000', '--resolve-only'];
const league = (s: BatchSummary) => s.rows.map((r) => [r.name, r.rank, r.status, r.score, r.passed]);

describe.skipIf(!REDIS)('batch over BullMQ with two workers, one killed mid-job', () => {
  it('finishes every portal and gives the local run\'s league table', async () => {
    const out = tempDir();
    let killedJob = '';
    const logs: string[] = ['', ''];
    const worker = (i: number) =>
      runCli(['worker', '--queue', queue, '--lock-ms', '3000', '--stalled-ms', '1000'], 400_000, (child) => {
        workers.push(child);
        child.stdout!.on('data', (d: Buffer) => {
          logs[i] += d.toString();
          // Worker 0 dies with SIGKILL a second into its first portal.
          const started = /^start (\S+)/m.exec(logs[i]);
          if (i === 0 && started && !killedJob) {
            killedJob = started[1];
            setTimeout(() => child.kill('SIGKILL'), 1000);
          }
        });
      });
    const w0 = worker(0);
    const w1 = worker(1);
    const run = await runCli(['batch', file, '--out', out, '--queue', queue, ...BATCH_ARGS], 400_000);
    workers[1].kill('SIGTERM');
    const [r0] = await Promise.all([w0, w1]);
    expect(run.code, run.stderr).toBe(0);
    expect(r0.code).toBeNull(); // the killed worker never finished
    expect(killedJob).not.toBe('');
    expect(logs[1], logs.join('\n---\n')).toContain(`done ${killedJob} `);
    const s: BatchSummary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    for (const r of s.rows) expect(existsSync(join(out, r.folder, 'report.json')), r.name).toBe(true);
    expect(league(s)).toEqual(league(localSummary));
    expect(league(s)[0]).toEqual(['示范县（整改版）', 1, 'audited', expect.any(Number), true]);
  }, 600_000);

  it('with the redis store, workers that share no folder hand their reports back through Redis', async () => {
    const out = tempDir();
    const workTmp = [tempDir(), tempDir()];
    const config = join(tempDir(), 'portal-audit.config.json');
    writeFileSync(config, JSON.stringify({ batch: { queue, store: 'redis' } }));
    const ws = workTmp.map((tmp) => runCli(['worker', '--queue', queue, '-q'], 300_000, (c) => workers.push(c), undefined, { TMPDIR: tmp }));
    const run = await runCli(['batch', file, '--out', out, '--config', config, ...BATCH_ARGS], 300_000);
    for (const w of workers.slice(-2)) w.kill('SIGTERM');
    await Promise.all(ws);
    expect(run.code, run.stderr).toBe(0);
    const s: BatchSummary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(league(s)).toEqual(league(localSummary));
    for (const r of s.rows) {
      expect(readdirSync(join(out, r.folder)).sort(), r.name).toEqual(['report.html', 'report.json']);
      expect(JSON.parse(readFileSync(join(out, r.folder, 'report.json'), 'utf8')).target.url).toBe(r.url);
    }
    // The workers' own copies are gone once handed over (only empty batch folders remain).
    for (const tmp of workTmp) {
      const base = join(tmp, 'portal-audit-worker');
      const left = existsSync(base) ? readdirSync(base).flatMap((b) => readdirSync(join(base, b))) : [];
      expect(left).toEqual([]);
    }
    expect(spawnSync('redis-cli', ['-u', queue, '--scan', '--pattern', 'portal-audit:reports:*'], { encoding: 'utf8' }).stdout.trim()).toBe('');
  }, 400_000);

  it.skipIf(!postgresBin())('with --db postgres://…, the workers write one history and the next round shows the change', async () => {
    const pg = await startPostgres();
    try {
      const db = await pg.freshDb();
      const round = async () => {
        const out = tempDir();
        const ws = [0, 1].map(() => runCli(['worker', '--queue', queue, '-q'], 300_000, (c) => workers.push(c)));
        const run = await runCli(['batch', file, '--out', out, '--queue', queue, '--db', db, ...BATCH_ARGS], 300_000);
        for (const w of workers.slice(-2)) w.kill('SIGTERM');
        await Promise.all(ws);
        expect(run.code, run.stderr).toBe(0);
        return JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as BatchSummary;
      };
      const first = await round();
      expect(first.rows.map((r) => r.previous ?? null)).toEqual([null, null, null]);
      const second = await round();
      const audited = second.rows.filter((r) => r.status === 'audited');
      expect(audited).toHaveLength(2);
      for (const r of audited) expect(r.previous).toMatchObject({ score: first.rows.find((x) => x.url === r.url)!.score, rank: r.rank, rankChange: 0, scoreChange: 0 });
      // Each portal's two runs were written by the workers, each tagged with its round.
      const store = await openStore(db);
      try {
        for (const r of audited) {
          const runs = await store.runs(new URL(r.url).host);
          expect(runs).toHaveLength(2);
          expect(new Set(runs.map((x) => x.batch)).size).toBe(2);
          expect(runs.every((x) => x.batch)).toBe(true);
        }
      } finally {
        await store.close();
      }
    } finally {
      await pg.stop();
    }
  }, 600_000);
});
