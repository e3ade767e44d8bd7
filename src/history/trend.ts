// A site's history as one model: runs with their scores and changes, availability per day and
// response times, for the `history` table and page and the audit report's trend strip.
import { cnDay, percentiles, weekWindow, type Percentiles } from './availability.js';
import type { HistoryStore, RunRow } from './store.js';

export interface Trend {
  site: string;
  store: string;
  runs: (RunRow & { delta: number | null; fixedFindings: { ruleId: string; target: string; message: string }[] })[];
  /** Days (China time) of the last `days` up to `asOf`, with probes, failures and availability. */
  days: { day: string; probes: number; failed: number; availability: number | null; ttfbP50: number | null; loadP95: number | null }[];
  response: { ttfbMs: Percentiles | null; loadMs: Percentiles | null };
  probes: number;
}

export async function buildTrend(store: HistoryStore, site: string, asOf: string, days = 30): Promise<Trend> {
  const rows = await store.runs(site);
  const runs: Trend['runs'] = [];
  for (const [i, r] of rows.entries()) {
    const prev = rows[i - 1];
    runs.push({ ...r, delta: prev && prev.score !== null && r.score !== null ? Math.round((r.score - prev.score) * 10) / 10 : null, fixedFindings: (await store.fixedIn(r.id)).map(({ ruleId, target, message }) => ({ ruleId, target, message })) });
  }
  const window = weekWindow(asOf, days);
  const probes = await store.probes(site, window.from, window.to);
  const perDay = window.days.map((day) => {
    const of = probes.filter((p) => cnDay(p.at) === day);
    const ok = of.filter((p) => p.ok);
    return {
      day,
      probes: of.length,
      failed: of.length - ok.length,
      availability: of.length ? ok.length / of.length : null,
      ttfbP50: percentiles(ok.flatMap((p) => (p.ttfbMs === null ? [] : [p.ttfbMs])))?.p50 ?? null,
      loadP95: percentiles(ok.flatMap((p) => (p.loadMs === null ? [] : [p.loadMs])))?.p95 ?? null,
    };
  });
  const ok = probes.filter((p) => p.ok);
  return {
    site,
    store: store.where,
    runs,
    days: perDay,
    response: { ttfbMs: percentiles(ok.flatMap((p) => (p.ttfbMs === null ? [] : [p.ttfbMs]))), loadMs: percentiles(ok.flatMap((p) => (p.loadMs === null ? [] : [p.loadMs]))) },
    probes: probes.length,
  };
}
