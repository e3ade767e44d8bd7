// The search rule against each search variant of the sample portal, with a real browser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import type { Report } from '../src/report/model.js';
import { runRuleOnServer } from './helpers/rule.js';
import { runCli, tempDir } from './helpers/cli.js';

const AS_OF = X.FIXTURE_AS_OF;
const OPTS = { asOf: AS_OF, host: 'www.shifan.gov.cn', maxPages: 120, exclude: ['/slow/**', '/hdjl/calendar*'] };

async function variant(search: X.SearchVariant) {
  const srv = await startFixtureServer({ asOf: AS_OF, search });
  try {
    return await runRuleOnServer('search', srv.port, OPTS);
  } finally {
    await srv.close();
  }
}
const checks = (r: Awaited<ReturnType<typeof variant>>) => r.findings.map((f) => f.ruleId).sort();
type ProbeRow = { kind: string; query: string; expectedUrl?: string; rank: number | null; found?: string; published?: string };

describe('search variants', () => {
  it('a working search is not flagged and finds the titles', async () => {
    const r = await variant('working');
    expect(r.errors).toEqual([]);
    expect(checks(r)).toEqual([]);
    const d = r.data.search as { titleRecall: number; noResultMessage: boolean; template: string; smart: { kind: string; query: string; found: boolean }[] };
    expect(d.titleRecall).toBe(1);
    // The fixture's search matches substrings only: no typo tolerance, no traditional characters (information, not findings).
    expect(d.smart.map((x) => [x.kind, x.found])).toEqual([
      ['typo', false],
      ['traditional', false],
    ]);
    expect(d.smart[1].query).toMatch(/[縣會開發關]/);
    expect(d.noResultMessage).toBe(true);
    expect(d.template).toBe('http://www.shifan.gov.cn/search/?searchword={q}');
  });

  it('a search that answers 500 is broken', async () => {
    const r = await variant('error');
    expect(checks(r)).toEqual(['search/broken']);
    expect(r.findings[0].evidence.errors).toBeGreaterThan(5);
  });

  it('a search that ignores the query is broken, and its unescaped echo is a security finding', async () => {
    const r = await variant('ignores-query');
    expect(checks(r)).toEqual(['search/broken', 'search/reflected-query']);
    expect(r.findings.find((f) => f.ruleId === 'search/broken')!.message).toMatch(/忽略查询词/);
    expect(r.findings.find((f) => f.ruleId === 'search/reflected-query')!.category).toBe('security');
  });

  it('a script-driven search is found and used through the browser', async () => {
    const r = await variant('js');
    expect(checks(r)).toEqual([]);
    const d = r.data.search as { titleRecall: number; entry: string };
    expect(d.entry).toMatch(/no form/);
    expect(d.titleRecall).toBe(1);
  });

  it('queries in parallel tabs give the same outcomes as one tab, query by query', async () => {
    const srv = await startFixtureServer({ asOf: AS_OF, search: 'stale' });
    try {
      const run = (lanes: number) => runRuleOnServer('search', srv.port, { ...OPTS, settings: { search: { options: { lanes } } } });
      const [one, three] = [await run(1), await run(3)];
      const rows = (r: Awaited<ReturnType<typeof run>>) =>
        (r.data.search as { probes: ({ ms?: number } & ProbeRow)[] }).probes.map(({ ms: _ms, ...p }) => p);
      expect(rows(three)).toEqual(rows(one));
      expect(rows(one).length).toBeGreaterThan(8);
      expect(checks(three)).toEqual(checks(one));
      expect(checks(one)).toContain('search/stale-index');
      expect((three.data.search as { smart: unknown[] }).smart).toEqual((one.data.search as { smart: unknown[] }).smart);
    } finally {
      await srv.close();
    }
  });

  it('a site without search gets one finding', async () => {
    const r = await variant('none');
    expect(checks(r)).toEqual(['search/no-search']);
  });
});

describe('the sample portal (stale index), through the CLI', () => {
  it('identifies the stale index with replayable probe evidence', async () => {
    const srv = await startFixtureServer({ asOf: AS_OF });
    try {
      const out = tempDir();
      await runCli(['audit', srv.url, '--out', out, '--as-of', AS_OF, '--timeout', '3000', '--exclude', '/slow/**', '--quiet', '--resolve-only']);
      const rep: Report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
      const f = rep.findings.filter((x) => x.category === 'search');
      expect(f.map((x) => x.ruleId)).toEqual(['search/stale-index']);
      const probes = f[0].evidence.probes as ProbeRow[];
      const titles = probes.filter((p) => p.kind === 'title');
      expect(titles.length).toBeGreaterThanOrEqual(6);
      // Every title probe names the page that should have been found, and its fate follows the index window.
      const indexed = new Map(X.searchableArticlesFor(AS_OF).map((a) => [a.path, a.indexedInStale]));
      for (const p of titles) {
        expect(p.expectedUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
        const path = new URL(p.expectedUrl!).pathname;
        expect([path, p.rank !== null]).toEqual([path, indexed.get(path)]);
      }
      expect(f[0].evidence.recentRecall).toBe(0);
      expect(f[0].evidence.olderRecall).toBeGreaterThan(0);
      expect(rep.data.search).toMatchObject({ noResultMessage: true, reflected: false });
    } finally {
      await srv.close();
    }
  });
});
