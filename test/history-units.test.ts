// The pure parts of the history store: which probes count for 站点无法访问, the monitored week,
// which earlier run a run is compared with, and database URLs in messages.
import { describe, expect, it } from 'vitest';
import { notCounted, summariseAvailability, weekWindow } from '../src/history/availability.js';
import { monitoringFor } from '../src/history/record.js';
import { comparableRun } from '../src/history/sql.js';
import { redactUrl, type HistoryStore, type ProbeRecord, type RunRecord } from '../src/history/store.js';

const probe = (at: string, o: Partial<ProbeRecord> = {}): ProbeRecord => ({ site: 'x.gov.cn', url: 'http://x.gov.cn/', at, ok: true, status: 200, ttfbMs: 10, loadMs: 20, reason: null, detail: null, certDays: null, home: true, limitMs: 15_000, simulated: false, ...o });

/** 20 probes on each of the 7 China days ending 2026-12-01, `fail` of them failing each day, plus extras. */
function week(failPerDay: number, extra: (day: string) => ProbeRecord[] = () => []): ProbeRecord[] {
  const w = weekWindow('2026-12-01');
  return w.days.flatMap((day, d) =>
    Array.from({ length: 20 }, (_, i) => {
      const at = new Date(Date.parse(w.from) + d * 86_400_000 + i * 3_600_000).toISOString();
      return probe(at, i < failPerDay ? { ok: false, status: 503, reason: 'http-5xx' } : {});
    }).concat(extra(day)),
  );
}

describe('the monitored week', () => {
  it('is 7 China calendar days ending on the as-of date', () => {
    expect(weekWindow('2026-12-01')).toEqual({ from: '2026-11-24T16:00:00.000Z', to: '2026-12-01T16:00:00.000Z', days: ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'] });
  });

  it('vetoes at 5 % failed, not below; every day needs 20 probes', () => {
    const w = weekWindow('2026-12-01');
    expect(summariseAvailability(week(1), w)).toMatchObject({ assessed: true, probes: 140, failed: 7, veto: true });
    expect(summariseAvailability(week(0), w)).toMatchObject({ assessed: true, failed: 0, veto: false });
    const thin = week(5).filter((p) => !p.at.startsWith('2026-11-27T1'));
    expect(summariseAvailability(thin, w)).toMatchObject({ assessed: false, veto: false });
  });

  it('never counts key pages, other time limits, simulated time, or failures on our side', () => {
    const w = weekWindow('2026-12-01');
    const noise = (day: string) => [
      probe(`${day}T01:00:00Z`, { home: false, ok: false, status: 404, reason: 'http-4xx' }),
      probe(`${day}T01:10:00Z`, { limitMs: 5000, ok: false, reason: 'timeout' }),
      probe(`${day}T01:20:00Z`, { ok: false, reason: 'blocked', status: 403 }),
      probe(`${day}T01:30:00Z`, { ok: false, reason: 'refused' }),
      probe(`${day}T01:40:00Z`, { ok: false, reason: 'monitor-offline' }),
      probe(`${day}T01:50:00Z`, { simulated: true, ok: false, reason: 'timeout' }),
    ];
    const a = summariseAvailability(week(0, noise), w);
    expect(a).toMatchObject({ probes: 140, failed: 0, veto: false, assessed: true });
    expect(a.excluded).toEqual({ 'key page': 7, 'time limit 5000 ms': 7, blocked: 7, refused: 7, 'monitor-offline': 7, 'simulated time': 7 });
    expect(notCounted(probe('2026-11-30T00:00:00Z', { simulated: true }), true)).toBeNull();
  });

  it('an audit dated today takes the 7 whole days before today (today is not over), under every host name of the site', async () => {
    const asked: [string, string, string][] = [];
    const store = { where: 'mem', probes: async (site: string, from: string, to: string) => (asked.push([site, from, to]), []) } as unknown as HistoryStore;
    const m = await monitoringFor(store, ['http://x.gov.cn/', 'https://www.x.gov.cn/index.html'], '2026-12-08', new Date('2026-12-08T03:00:00Z'));
    expect(m.weekEnds).toBe('2026-12-07');
    expect(asked).toEqual([
      ['x.gov.cn', '2026-11-30T16:00:00.000Z', '2026-12-07T16:00:00.000Z'],
      ['www.x.gov.cn', '2026-11-30T16:00:00.000Z', '2026-12-07T16:00:00.000Z'],
    ]);
    expect((await monitoringFor(store, ['http://x.gov.cn/'], '2026-12-01', new Date('2026-12-08T03:00:00Z'))).weekEnds).toBe('2026-12-01');
  });
});

describe('the run a run is compared with', () => {
  const run = { profile: 'gov-cn' } as RunRecord;
  const row = (id: number, o: Record<string, unknown> = {}) => ({ id, as_of: '2026-11-01', score: 50, reachable: 1, profile: 'gov-cn', limits: '{}', ...o });
  it('skips unreachable, stopped-early and other-profile runs', () => {
    expect(comparableRun([row(3, { reachable: 0 }), row(2, { limits: '{"partial":true}' }), row(1, { profile: 'general' }), row(0)], run)?.id).toBe(0);
    expect(comparableRun([row(3, { reachable: 0 })], run)).toBeUndefined();
  });
});

describe('database URLs in messages', () => {
  it('never show a password, however it is written', () => {
    expect(redactUrl('postgres://audit:s3cret@db.example/pa')).toBe('postgres://audit:***@db.example/pa');
    expect(redactUrl('postgres://audit:p%2Fa%40ss@db.example/pa')).toBe('postgres://audit:***@db.example/pa');
    expect(redactUrl('postgres://audit@db.example/pa?password=s3cret&sslmode=require')).toBe('postgres://audit@db.example/pa?password=***&sslmode=require');
    expect(redactUrl('postgres://a:b/c@d:e@host/db')).not.toMatch(/b\/c|d:e@/);
  });
});
