// The league table over time: with a history store (`--db`), each portal's score and rank are
// compared with the previous round — the latest other batch these portals were audited in —
// ranked over all of that round's portals, the way this round is ranked.
import { openStore, siteKey, type RunRow } from '../history/store.js';
import type { SummaryRow } from './summary.js';

export interface Change {
  asOf: string;
  score: number | null;
  rank: number | null;
  scoreChange: number | null;
  /** Positive: climbed (rank 5 → 2 is +3). */
  rankChange: number | null;
}

/** Opened and closed before a batch starts: a store that cannot be written fails the batch at once (exit 2). */
export async function checkStore(db: string): Promise<void> {
  await (await openStore(db)).close();
}

export async function withPrevious(rows: SummaryRow[], db: string): Promise<SummaryRow[]> {
  const store = await openStore(db);
  try {
    let previous: { batch: string; recordedAt: string } | null = null;
    for (const r of rows) {
      if (r.status !== 'audited') continue;
      const runs = await store.runs(siteKey(r.url));
      const current = runs.at(-1);
      for (const x of runs)
        if (x.batch && x.id !== current?.id && x.batch !== current?.batch && (!previous || x.recordedAt > previous.recordedAt)) previous = { batch: x.batch, recordedAt: x.recordedAt };
    }
    if (!previous) return rows.map((r) => ({ ...r, previous: null }));
    // A portal retried within the round has several runs: its last one counts.
    const round = new Map<string, RunRow>();
    for (const x of await store.batchRuns(previous.batch)) round.set(x.site, x);
    const ranks = rank([...round.values()]);
    return rows.map((r) => {
      const p = r.status === 'audited' ? round.get(siteKey(r.url)) : undefined;
      if (!p) return { ...r, previous: null };
      const was = ranks.get(p.site) ?? null;
      return {
        ...r,
        previous: {
          asOf: p.asOf,
          score: p.score,
          rank: was,
          scoreChange: p.score !== null && r.score !== null ? Math.round((r.score - p.score) * 10) / 10 : null,
          rankChange: was !== null && r.rank !== null ? was - r.rank : null,
        },
      };
    });
  } finally {
    await store.close();
  }
}

/** Ranks as rankRows gives them: by score, passing first at equal score, ties share a rank. */
function rank(runs: RunRow[]): Map<string, number> {
  const scored = runs.filter((x) => x.score !== null).sort((a, b) => b.score! - a.score! || Number(b.passed) - Number(a.passed));
  const out = new Map<string, number>();
  scored.forEach((x, i) => {
    const prev = scored[i - 1];
    out.set(x.site, prev && prev.score === x.score && prev.passed === x.passed ? out.get(prev.site)! : i + 1);
  });
  return out;
}
