// The league table over time: two batch rounds recorded in one history store; each row says how
// its score and rank moved against the portal's previous audit.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import type { BatchSummary } from '../src/batch/summary.js';
import { runCli, tempDir } from './helpers/cli.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('batch rounds with a history store', () => {
  it('round 2 shows each portal\'s score and rank change against round 1', async () => {
    // Two portals on fixed ports (their host:port names their history): A fixes its defects
    // between the rounds, B gets them.
    const [pa, pb] = [await freePort(), await freePort()];
    const db = join(tempDir(), 'history.db');
    const round = async (a: 'defects' | 'clean', b: 'defects' | 'clean') => {
      const servers = await Promise.all([startFixtureServer({ asOf: X.FIXTURE_AS_OF, variant: a, port: pa }), startFixtureServer({ asOf: X.FIXTURE_AS_OF, variant: b, port: pb })]);
      try {
        const out = tempDir();
        const file = join(out, '..', `${out.split('/').pop()}-portals.csv`);
        writeFileSync(file, ['url,name,asOf', `${servers[0].url},甲县,${X.FIXTURE_AS_OF}`, `${servers[1].url},乙县,${X.FIXTURE_AS_OF}`].join('\n') + '\n');
        const r = await runCli(['batch', file, '--out', out, '--db', db, '--a11y', 'none', '--screenshots', 'none', '--timeout', '3000', '--exclude', '/slow/**', '--resolve-only', '--portals', '2', '--quiet'], 300_000);
        expect(r.code, r.stderr).toBe(0);
        return { summary: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as BatchSummary, html: readFileSync(join(out, 'summary.html'), 'utf8'), csv: readFileSync(join(out, 'summary.csv'), 'utf8') };
      } finally {
        await Promise.all(servers.map((s) => s.close()));
      }
    };
    const first = await round('defects', 'clean');
    expect(first.summary.rows.map((r) => [r.name, r.rank, r.previous])).toEqual([['乙县', 1, null], ['甲县', 2, null]]);
    const second = await round('clean', 'defects');
    const byName = Object.fromEntries(second.summary.rows.map((r) => [r.name, r]));
    const a1 = first.summary.rows.find((r) => r.name === '甲县')!;
    const b1 = first.summary.rows.find((r) => r.name === '乙县')!;
    expect(byName['甲县']).toMatchObject({ rank: 1, previous: { rank: 2, score: a1.score, rankChange: 1 } });
    expect(byName['乙县']).toMatchObject({ rank: 2, previous: { rank: 1, score: b1.score, rankChange: -1 } });
    expect(byName['甲县'].previous!.scoreChange).toBeCloseTo(byName['甲县'].score! - a1.score!, 1);
    expect(byName['乙县'].previous!.scoreChange!).toBeLessThan(0);
    expect(second.html).toMatch(/排名 rank ↑1/);
    expect(second.html).toMatch(/排名 rank ↓1/);
    expect(second.csv.split('\r\n')[0]).toMatch(/previous_score,previous_rank,score_change,rank_change$/);
  }, 600_000);
});
