import { describe, expect, it } from 'vitest';
import { TrapGuard } from '../src/crawl/traps.js';

describe('TrapGuard', () => {
  it('caps query-string variants per path and reports what it cut', () => {
    const g = new TrapGuard({ maxQueryVariants: 5, maxSegmentRepeats: 3, maxPathSegments: 15, maxUrlLength: 2000 });
    const admitted = Array.from({ length: 40 }, (_, i) => g.admit(`http://a.cn/hdjl/calendar.html?ym=2020-${i}`)).filter(Boolean);
    expect(admitted).toHaveLength(5);
    // A query variant already admitted stays admitted (no double counting).
    expect(g.admit('http://a.cn/hdjl/calendar.html?ym=2020-0')).toBe(true);
    // Other paths are unaffected.
    expect(g.admit('http://a.cn/search/?q=1')).toBe(true);
    const [r] = g.reports();
    expect(r).toMatchObject({ kind: 'query-variants', key: 'http://a.cn/hdjl/calendar.html', skipped: 35 });
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
  it('does not treat CMS pagination and article paths as traps', () => {
    const g = new TrapGuard();
    for (let i = 0; i < 200; i++) expect(g.admit(`http://a.cn/xwdt/index_${i}.html`)).toBe(true);
    for (let i = 0; i < 200; i++) expect(g.admit(`http://a.cn/xwdt/202403/t20240305_${i}.html`)).toBe(true);
    expect(g.reports()).toEqual([]);
  });
});
