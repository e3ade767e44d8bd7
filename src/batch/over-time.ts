// The league table over time: with a history store (`--db`), each portal's score and rank are
// compared with its previous recorded audit. The previous round's ranks are those portals'
// previous scores ranked among themselves, the way this round's are.
import { openStore, siteKey } from '../history/store.js';
import { rankRows, type SummaryRow } from './summary.js';

export interface Change {
  asOf: string;
  score: number | null;
  rank: number | null;
  scoreChange: number | null;
  /** Positive: climbed (rank 5 → 2 is +3). */
  rankChange: number | null;
}

export async function withPrevious(rows: SummaryRow[], db: string): Promise<SummaryRow[]> {
  const store = await openStore(db);
  try {
    const before = new Map<SummaryRow, { asOf: string; score: number | null }>();
    for (const r of rows) {
      if (r.status !== 'audited') continue;
      const runs = await store.runs(siteKey(r.url));
      // This round's run is the site's latest; the one before it is the previous round's.
      const prev = runs.at(-2);
      if (prev) before.set(r, { asOf: prev.asOf, score: prev.score });
    }
    const ghosts = rankRows([...before.entries()].map(([r, p]) => ({ ...r, score: p.score, passed: r.passed })));
    const prevRank = new Map(ghosts.map((g) => [g.row, g.rank]));
    return rows.map((r) => {
      const p = before.get(r);
      if (!p) return { ...r, previous: null };
      const rank = prevRank.get(r.row) ?? null;
      return {
        ...r,
        previous: {
          asOf: p.asOf,
          score: p.score,
          rank,
          scoreChange: p.score !== null && r.score !== null ? Math.round((r.score - p.score) * 10) / 10 : null,
          rankChange: rank !== null && r.rank !== null ? rank - r.rank : null,
        },
      };
    });
  } finally {
    await store.close();
  }
}
