import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAP_LIMITS, TrapGuard } from '../src/crawl/traps.js';

describe('TrapGuard', () => {
  it('caps query-string variants per path and reports what it cut', () => {
    const g = new TrapGuard({ ...DEFAULT_TRAP_LIMITS, maxQueryVariants: 5 });
    const admitted = Array.from({ length: 40 }, (_, i) => g.admit(`http://a.cn/hdjl/list.html?p=${i}`)).filter(Boolean);
    expect(admitted).toHaveLength(5);
    // A query variant already admitted stays admitted (no double counting).
    expect(g.admit('http://a.cn/hdjl/list.html?p=0')).toBe(true);
    // Other paths are unaffected.
    expect(g.admit('http://a.cn/search/?q=1')).toBe(true);
    const [r] = g.reports();
    expect(r).toMatchObject({ kind: 'query-variants', key: 'http://a.cn/hdjl/list.html', skipped: 35 });
    expect(r.examples.length).toBeGreaterThan(0);
  });
  it('cuts repeating path segments (relative-link loops) and over-long paths', () => {
    const g = new TrapGuard();
    expect(g.admit('http://a.cn/a/b/a/b/a/b/x.html')).toBe(true);
    expect(g.admit('http://a.cn/a/b/a/b/a/b/a/b/x.html')).toBe(false);
    expect(g.admit('http://a.cn/' + 'x/'.repeat(1).concat(Array.from({ length: 20 }, (_, i) => `s${i}`).join('/')))).toBe(false);
    expect(g.admit('http://a.cn/?' + 'q'.repeat(3000))).toBe(false);
    expect(g.reports().map((r) => r.kind).sort()).toEqual(['path-depth', 'path-repetition', 'url-length']);
  });
  it('cuts calendars that run far from the as-of date, whatever the date format', () => {
    const g = new TrapGuard(DEFAULT_TRAP_LIMITS, '2026-11-22');
    expect(g.admit('http://a.cn/cal.html?ym=2026-11')).toBe(true);
    expect(g.admit('http://a.cn/cal.html?ym=2025-01')).toBe(true);
    expect(g.admit('http://a.cn/cal.html?ym=2027-02')).toBe(true);
    expect(g.admit('http://a.cn/cal.html?ym=2027-03')).toBe(false);
    expect(g.admit('http://a.cn/cal.html?ym=2027-03')).toBe(false);
    expect(g.admit('http://a.cn/cal.html?ym=2024-10')).toBe(false);
    expect(g.admit('http://a.cn/cal.jsp?date=20300101')).toBe(false);
    expect(g.admit('http://a.cn/cal.jsp?year=2031&month=5')).toBe(false);
    expect(g.admit('http://a.cn/cal.jsp?year=2026&month=5')).toBe(true);
    // Ids and page numbers are not dates.
    expect(g.admit('http://a.cn/art.jsp?id=20301')).toBe(true);
    expect(g.admit('http://a.cn/list.jsp?page=2031')).toBe(true);
    const cal = g.reports().filter((r) => r.kind === 'calendar');
    expect(cal.map((r) => [r.key, r.skipped])).toEqual([
      ['http://a.cn/cal.html', 2],
      ['http://a.cn/cal.jsp', 2],
    ]);
  });
  it('does not treat CMS pagination and article paths as traps', () => {
    const g = new TrapGuard();
    for (let i = 0; i < 200; i++) expect(g.admit(`http://a.cn/xwdt/index_${i}.html`)).toBe(true);
    for (let i = 0; i < 200; i++) expect(g.admit(`http://a.cn/xwdt/202403/t20240305_${i}.html`)).toBe(true);
    expect(g.reports()).toEqual([]);
  });
});
