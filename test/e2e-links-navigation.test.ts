// The links and navigation rules on the sample portal, audited by the real CLI under its
// production name with every linked host (platforms, other government sites, the WAF-blocked
// one) served from loopback: each planted defect once, with its source pages; nothing healthy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureResolve, startFixtureServer, PORTAL_HOST, type FixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import type { Report } from '../src/report/model.js';
import { validateReport } from '../src/report/validate.js';
import { runCli, tempDir } from './helpers/cli.js';

const ORIGIN = `http://${PORTAL_HOST}`;
const abs = (p: string) => (p.startsWith('http') ? p : `${ORIGIN}${p}`);
let srv: FixtureServer;
let report: Report;
let code: number | null;
const of = (category: string) => report.findings.filter((f) => f.category === category);
const check = (f: { ruleId: string }) => f.ruleId.split('/')[1];

beforeAll(async () => {
  srv = await startFixtureServer({ asOf: X.FIXTURE_AS_OF });
  const out = tempDir();
  const resolve = fixtureResolve(srv).flatMap((r) => ['--resolve', r]);
  const run = await runCli(['audit', `${ORIGIN}/`, '--out', out, '--as-of', X.FIXTURE_AS_OF, '--timeout', '3000', '--quiet', '--resolve-only', ...resolve]);
  code = run.code;
  report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
});
afterAll(() => srv?.close());

describe('links', () => {
  it('runs without rule errors and writes a valid report', () => {
    expect(code).toBe(1);
    expect(report.ruleErrors).toEqual([]);
    expect(validateReport(report)).toEqual([]);
  });

  it('reports every broken target once, with every page that carries it', () => {
    const broken = of('links').filter((f) => /^(broken|redirect-loop)/.test(check(f)));
    const got = broken.map((f) => [f.target, check(f), f.evidence.status, (f.evidence.sources as { page: string }[]).map((s) => s.page).sort()]).sort();
    const want = X.expectedBrokenLinks.map((b) => [abs(b.target), b.check, b.status, b.from.map(abs).sort()]).sort();
    expect(got).toEqual(want);
    for (const f of broken) {
      expect(f.url).toBe(abs(X.expectedBrokenLinks.find((b) => abs(b.target) === f.target)!.from[0]));
      expect(f.evidence.sourceCount).toBe((f.evidence.sources as unknown[]).length);
    }
  });

  it('weighs home-page links apart and says why each link is broken', () => {
    const home = of('links').filter((f) => check(f) === 'broken-home');
    expect(home.every((f) => f.severity === 'serious' && f.evidence.onHome === true)).toBe(true);
    const hang = of('links').find((f) => f.target === abs(X.hangPath))!;
    expect(hang.evidence.reason).toMatch(/timeout/);
    const loop = of('links').find((f) => check(f) === 'redirect-loop')!;
    expect(loop.evidence.reason).toMatch(/loop\/a\.html → .*loop\/b\.html → .*loop\/a\.html/);
  });

  it('flags the 4-hop redirect chain, not as broken', () => {
    const chains = of('links').filter((f) => check(f) === 'redirect-chain');
    expect(chains.map((f) => f.target)).toEqual([abs(X.redirectChain.target)]);
    expect(chains[0].evidence).toMatchObject({ finalUrl: abs(X.redirectChain.final) });
    expect((chains[0].evidence.redirects as unknown[]).length).toBe(X.redirectChain.hops);
    expect(chains[0].url).toBe(abs(X.redirectChain.from));
  });

  it('calls the WAF-blocked link unverifiable, and only that one', () => {
    const u = of('links').filter((f) => check(f) === 'unverifiable');
    expect(u.map((f) => [f.target, f.severity, f.evidence.status, f.url])).toEqual([[X.botBlockedLink.target, 'info', X.botBlockedLink.status, abs(X.botBlockedLink.from)]]);
    expect(u[0].evidence.reason).toMatch(/bot block/);
  });

  it('reports the script-only menu entries once each', () => {
    const p = of('links').filter((f) => check(f) === 'pseudo-link');
    expect(p.map((f) => [f.url, f.evidence.href, f.evidence.text]).sort()).toEqual(X.pseudoLinks.map((l) => [abs(l.page), l.href, l.text]).sort());
  });

  it('raises nothing for healthy links, redirects, attachments and images', () => {
    const targets = new Set(of('links').map((f) => f.target));
    const healthy = [...X.healthyExternalLinks, X.redirectPath, X.pdfPath, X.docxPath, '/images/banner.png', '/images/logo.png', '/', '/zwgk/xxgkml/index.html'].map(abs);
    expect(healthy.filter((h) => targets.has(h))).toEqual([]);
    const data = report.data.links as { checked: number; ok: number; broken: number; unverifiable: number; notChecked: Record<string, number> };
    expect(data.broken).toBe(X.expectedBrokenLinks.length);
    expect(data.unverifiable).toBe(1);
    expect(data.ok).toBeGreaterThan(100);
    // The robots-disallowed admin page is not probed behind robots' back, nor are the calendar
    // months the trap guard and the depth limit held back.
    const notCrawled = 'not crawled (page cap, depth limit or trap guard)';
    expect(Object.keys(data.notChecked).sort()).toEqual(['disallowed by robots.txt', notCrawled]);
    expect(data.notChecked['disallowed by robots.txt']).toBe(1);
    const examples = (report.data.links as { notCheckedExamples: Record<string, string[]> }).notCheckedExamples;
    expect(examples['disallowed by robots.txt']).toEqual([abs(X.robotsDisallowedPath)]);
    expect(examples[notCrawled].length).toBe(data.notChecked[notCrawled]);
    expect(examples[notCrawled].every((u) => u.startsWith(abs(X.calendarPathPrefix)))).toBe(true);
  });
});

describe('navigation', () => {
  it('locates every key task with its depth, and reports only the buried one', () => {
    const tasks = (report.data.navigation as { keyTasks: { id: string; url: string; depth: number; path: { url: string }[] }[] }).keyTasks;
    expect(Object.fromEntries(tasks.map((t) => [t.id, { path: new URL(t.url).pathname, depth: t.depth }]))).toEqual(X.expectedKeyTasks);
    const deep = of('navigation').filter((f) => check(f).startsWith('key-task'));
    expect(deep.map((f) => [check(f), f.target])).toEqual([['key-task-deep', abs(X.buriedKeyTask.path)]]);
    expect((deep[0].evidence.path as { url: string }[]).map((s) => s.url)).toEqual(X.buriedKeyTask.clickPath.map(abs));
    expect(deep[0].evidence).toMatchObject({ depth: X.buriedKeyTask.depth, limit: X.keyTaskDepthLimit });
  });

  it('reports the overloaded menu once, not the healthy header menu repeated on every page', () => {
    const m = of('navigation').filter((f) => check(f) === 'menu-overload');
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ url: abs(X.overloadedMenu.page), evidence: { items: X.overloadedMenu.items, levels: X.overloadedMenu.levels } });
    expect(m[0].target).toContain(X.overloadedMenu.label);
  });

  it('reports deep pages without a breadcrumb, dead ends and orphans, each once', () => {
    const pages = (c: string) => of('navigation').filter((f) => check(f) === c).map((f) => f.target).sort();
    expect(pages('no-breadcrumb')).toEqual(X.noBreadcrumbPaths.map(abs));
    expect(pages('dead-end')).toEqual(X.deadEndPaths.map(abs));
    expect(pages('orphan')).toEqual(X.sitemapOnlyPaths.map(abs));
    expect(of('navigation')).toHaveLength(1 + 1 + X.noBreadcrumbPaths.length + X.deadEndPaths.length + X.sitemapOnlyPaths.length);
  });

  it('gives the click-depth distribution and the share of pages past the limit', () => {
    const nav = report.data.navigation as { distribution: Record<string, number>; pages: number; deeper: number; deeperShare: number; limit: number };
    expect(nav.limit).toBe(3);
    expect(Object.values(nav.distribution).reduce((a, b) => a + b, 0)).toBe(nav.pages);
    const deeper = Object.entries(nav.distribution).filter(([d]) => Number(d) > 3).reduce((a, [, n]) => a + n, 0);
    expect(nav.deeper).toBe(deeper);
    expect(nav.deeperShare).toBeCloseTo(deeper / nav.pages, 3);
    // The guides at depth 5 and the buried task at depth 4 are among them.
    expect(nav.distribution['5']).toBeGreaterThanOrEqual(2);
  });
});
