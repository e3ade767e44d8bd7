// End-to-end: the freshness category on the sample portal, and the as-of date moving it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import { addDays } from '../src/crawl/dates.js';
import type { Report } from '../src/report/model.js';
import { runCli, tempDir } from './helpers/cli.js';

const AS_OF = X.FIXTURE_AS_OF;
let srv: FixtureServer;

interface ColumnRow {
  url: string;
  name: string;
  type: string;
  newest: string | null;
  age: number | null;
  threshold: number | null;
  status: string;
  undated: number;
}

async function audit(asOf: string): Promise<{ code: number | null; report: Report }> {
  const out = tempDir();
  const r = await runCli(['audit', srv.url, '--out', out, '--as-of', asOf, '--timeout', '2000', '--exclude', '/slow/**', '--quiet', '--resolve-only']);
  return { code: r.code, report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) };
}

const path = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};
const columns = (r: Report) => (r.data.freshness as { columns: ColumnRow[] }).columns;
const fresh = (r: Report) => r.findings.filter((f) => f.category === 'freshness');
const checks = (r: Report, check: string) => fresh(r).filter((f) => f.ruleId === `freshness/${check}`);

let now: Report;
beforeAll(async () => {
  srv = await startFixtureServer({ asOf: AS_OF });
  now = (await audit(AS_OF)).report;
});
afterAll(() => srv?.close());

describe('freshness on the sample portal', () => {
  it('lists every column with its type, newest date, age and status', () => {
    const got = new Map(columns(now).map((c) => [path(c.url), c]));
    const wrong: unknown[] = [];
    for (const e of X.expectedColumns) {
      const c = e.pages.map((p) => got.get(p)).find(Boolean);
      if (!c) {
        if (e.path !== X.jsOnlyPath) wrong.push(['missing', e.path]);
        continue;
      }
      const status = e.status === 'none' ? 'exempt' : e.status;
      const newest = e.newestDaysAgo === null ? null : addDays(AS_OF, -e.newestDaysAgo);
      const want = { name: e.name, type: e.type, status, ...(status === 'exempt' ? {} : { newest, age: e.newestDaysAgo, undated: e.undatedItems }) };
      const have = { name: c.name, type: c.type, status: c.status, ...(status === 'exempt' ? {} : { newest: c.newest, age: c.age, undated: c.undated }) };
      if (JSON.stringify(want) !== JSON.stringify(have)) wrong.push({ path: e.path, want, have });
    }
    expect(wrong).toEqual([]);
    // Hubs are navigation: never judged for freshness (an overview hub may be listed as exempt).
    expect(X.hubPaths.filter((h) => got.has(h) && got.get(h)!.status !== 'exempt')).toEqual([]);
  });

  it('reports exactly the planted stale and blank columns, with evidence', () => {
    expect(checks(now, 'stale-column').map((f) => path(f.target)).sort()).toEqual([...X.staleColumnPaths].sort());
    expect(checks(now, 'blank-column').map((f) => path(f.target)).sort()).toEqual([...X.blankColumnPaths].sort());
    const tzgg = checks(now, 'stale-column').find((f) => path(f.target) === X.staleColumnPath)!;
    expect(tzgg.evidence).toMatchObject({ type: 'notice', threshold: 183, age: X.newestItemDaysAgo.tzgg, newest: addDays(AS_OF, -X.newestItemDaysAgo.tzgg), source: 'list' });
    expect(tzgg.message).toContain('通知公告');
    const ghjh = checks(now, 'blank-column').find((f) => path(f.target) === '/zwgk/ghjh/index.html')!;
    expect(ghjh.evidence.placeholder).toBe('栏目建设中');
  });

  it('flags undated list items and nothing on fresh columns or the fresh home page', () => {
    expect(checks(now, 'undated-items').map((f) => [path(f.target), f.evidence.count])).toEqual([[X.undatedListColumnPath, 5]]);
    const flagged = new Set(fresh(now).map((f) => path(f.target)));
    for (const c of X.expectedColumns.filter((x) => x.status === 'fresh' && x.undatedItems === 0)) expect(flagged.has(c.path)).toBe(false);
    expect(checks(now, 'home-not-updated')).toEqual([]);
    expect((now.data.freshness as { home: { age: number } }).home.age).toBe(X.homeNewestDaysAgo);
  });

  it('gives the verdict the indicators would: no veto, an early warning for blank columns', () => {
    expect(now.score.veto.filter((v) => v.ruleId.startsWith('freshness/'))).toEqual([]);
    expect(checks(now, 'warn-blank-columns')).toHaveLength(X.columnVerdict.warnBlankColumns ? 1 : 0);
    expect(checks(now, 'warn-stale-columns')).toHaveLength(X.columnVerdict.warnStaleColumns ? 1 : 0);
    expect(fresh(now).filter((f) => f.ruleId.includes('/veto-'))).toEqual([]);
  });
});

describe('--as-of moves the verdict', () => {
  it('a year later, fresh columns are stale and the home page vetoes the site; back again, they are fresh', async () => {
    const later = await audit(addDays(AS_OF, 365));
    const stale = new Set(checks(later.report, 'stale-column').map((f) => path(f.target)));
    for (const c of X.expectedColumns.filter((x) => x.status === 'fresh')) expect(stale.has(c.path), c.path).toBe(true);
    expect(checks(later.report, 'home-not-updated')).toHaveLength(1);
    expect(later.report.score.veto.map((v) => v.ruleId)).toContain('freshness/veto-home');
    expect(later.report.score.passed).toBe(false);
    expect(later.code).toBe(1);

    const back = await audit(AS_OF);
    expect(checks(back.report, 'stale-column').map((f) => path(f.target)).sort()).toEqual([...X.staleColumnPaths].sort());
    expect(back.report.score.veto.filter((v) => v.ruleId.startsWith('freshness/'))).toEqual([]);
  });
});
