// Availability from probes, as the 2019 indicators judge it (domain.md §1, 站点无法访问):
// one week of monitoring, at least 20 probes every day, veto when ≥ 5 % of the probes found the
// home page not open within 15 s. Days are China's calendar days (UTC+8): the monitoring week of
// an inspection is counted there, whatever the machine's time zone.
import { NOT_COUNTED, type ProbeRecord } from './store.js';
import { PROBE_LIMIT_MS } from '../monitor/probe.js';

export const CRITERION = { days: 7, perDay: 20, vetoRate: 0.05 } as const;
const CN_OFFSET_MS = 8 * 3600_000;

export interface Availability {
  /** Window [from, to) as ISO instants, and its days (YYYY-MM-DD, China time). */
  window: { from: string; to: string; days: string[] };
  /** Probes that count (home page, 15 s limit, real time, not refused by our side). */
  probes: number;
  /** Recorded in the window but not counted, by why. */
  excluded: Record<string, number>;
  failed: number;
  failRate: number | null;
  perDay: { day: string; probes: number; failed: number }[];
  reasons: Record<string, number>;
  ttfbMs: Percentiles | null;
  loadMs: Percentiles | null;
  /** Lowest certificate days left seen in the window. */
  certDaysLeft: number | null;
  /** Whether the probes carry a verdict: every day of the window with at least `perDay` probes. */
  assessed: boolean;
  why: string | null;
  /** Days of the window with fewer than `perDay` probes (why it is not assessed). */
  thinDays: { day: string; probes: number }[];
  veto: boolean;
  /** A few failed probes, newest first, for the evidence. */
  failures: Pick<ProbeRecord, 'at' | 'url' | 'status' | 'reason' | 'detail'>[];
}

export interface Percentiles {
  p50: number;
  p90: number;
  p95: number;
  max: number;
}

/** The week ending with `asOf` (China's calendar): [asOf − 6 days 00:00, asOf + 1 day 00:00) in UTC+8. */
export function weekWindow(asOf: string, days: number = CRITERION.days): { from: string; to: string; days: string[] } {
  const end = Date.parse(`${asOf}T00:00:00Z`) + 86_400_000 - CN_OFFSET_MS;
  const start = end - days * 86_400_000;
  const list = Array.from({ length: days }, (_, i) => new Date(start + CN_OFFSET_MS + i * 86_400_000).toISOString().slice(0, 10));
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString(), days: list };
}

export const cnDay = (iso: string) => new Date(Date.parse(iso) + CN_OFFSET_MS).toISOString().slice(0, 10);

export function percentiles(xs: number[]): Percentiles | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { p50: at(0.5), p90: at(0.9), p95: at(0.95), max: s[s.length - 1] };
}

/**
 * Why a recorded probe is no evidence for the veto, or null when it counts: key pages, other time
 * limits, simulated time (unless the caller is a test that says so), and failures on our side.
 */
export function notCounted(p: ProbeRecord, allowSimulated: boolean): string | null {
  if (!p.home) return 'key page';
  if (p.limitMs !== PROBE_LIMIT_MS) return `time limit ${p.limitMs} ms`;
  if (p.simulated && !allowSimulated) return 'simulated time';
  if (p.reason && NOT_COUNTED.has(p.reason)) return p.reason;
  return null;
}

export function summariseAvailability(recorded: ProbeRecord[], window: { from: string; to: string; days: string[] }, c = CRITERION, allowSimulated = false): Availability {
  const all = recorded.filter((p) => p.at >= window.from && p.at < window.to);
  const excluded: Record<string, number> = {};
  const inside = all.filter((p) => {
    const why = notCounted(p, allowSimulated);
    if (why) excluded[why] = (excluded[why] ?? 0) + 1;
    return !why;
  });
  const byDay = new Map(window.days.map((d) => [d, { day: d, probes: 0, failed: 0 }]));
  const reasons: Record<string, number> = {};
  for (const p of inside) {
    const d = byDay.get(cnDay(p.at));
    if (!d) continue;
    d.probes++;
    if (!p.ok) {
      d.failed++;
      reasons[p.reason ?? 'unknown'] = (reasons[p.reason ?? 'unknown'] ?? 0) + 1;
    }
  }
  const perDay = [...byDay.values()];
  const failed = inside.filter((p) => !p.ok).length;
  const failRate = inside.length ? failed / inside.length : null;
  const thin = perDay.filter((d) => d.probes < c.perDay);
  const assessed = thin.length === 0;
  const certs = inside.map((p) => p.certDays).filter((d): d is number => d !== null);
  return {
    window,
    probes: inside.length,
    excluded,
    failed,
    failRate,
    perDay,
    reasons,
    ttfbMs: percentiles(inside.flatMap((p) => (p.ok && p.ttfbMs !== null ? [p.ttfbMs] : []))),
    loadMs: percentiles(inside.flatMap((p) => (p.ok && p.loadMs !== null ? [p.loadMs] : []))),
    certDaysLeft: certs.length ? Math.min(...certs) : null,
    assessed,
    thinDays: thin.map((d) => ({ day: d.day, probes: d.probes })),
    why: assessed ? null : `${thin.length} of ${c.days} days have fewer than ${c.perDay} probes (${thin.map((d) => `${d.day}: ${d.probes}`).join(', ')})`,
    veto: assessed && failRate !== null && failRate >= c.vetoRate,
    failures: inside.filter((p) => !p.ok).slice(-10).reverse().map(({ at, url, status, reason, detail }) => ({ at, url, status, reason, detail })),
  };
}
