// End-to-end: the real CLI audits the sample portal on loopback; assertions on report.json.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import { urlKey } from '../src/crawl/url.js';
import { validateReport } from '../src/report/validate.js';
import type { Report } from '../src/report/model.js';
import { runCli, tempDir, type CliRun } from './helpers/cli.js';

const AS_OF = X.FIXTURE_AS_OF;
let srv: FixtureServer;
let run: CliRun;
let report: Report;
let byPath: Map<string, Report['pages'][number]>;

const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

beforeAll(async () => {
  srv = await startFixtureServer({ asOf: AS_OF });
  const out = tempDir();
  run = await runCli(['audit', srv.url, '--out', out, '--as-of', AS_OF, '--timeout', '3000', '--quiet', '--resolve-only']);
  report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  byPath = new Map(report.pages.map((p) => [urlKey(p.url), p]));
});
afterAll(() => srv?.close());

const page = (path: string) => byPath.get(urlKey(new URL(path, srv.url).toString()));

describe('audit of the sample portal', () => {
  it('completes well under 60 s, exits by the verdict and writes a schema-valid report', () => {
    expect(run.stderr).toBe('');
    expect(run.ms).toBeLessThan(60_000);
    expect(run.code).toBe(report.score.passed ? 0 : 1);
    expect(validateReport(report)).toEqual([]);
    expect(report).toMatchObject({ asOf: AS_OF, tool: { name: 'portal-audit' }, target: { reachable: true, lang: 'zh' } });
  });

  it('lists every reachable page exactly once', () => {
    const keys = report.pages.map((p) => urlKey(p.url));
    expect(new Set(keys).size).toBe(keys.length);
    const missing = X.reachablePathsFor(AS_OF).filter((p) => !page(p));
    expect(missing).toEqual([]);
  });

  it('gives each named page its minimum click depth', () => {
    const wrong = Object.entries(X.expectedDepthsFor(AS_OF))
      .map(([path, depth]) => [path, depth, page(path)?.depth])
      .filter(([, want, got]) => want !== got);
    expect(wrong).toEqual([]);
    expect(page('/')).toMatchObject({ depth: 0, parent: null });
    const guide = page(X.incompleteGuidePath)!;
    expect(guide.depth).toBe(5);
    expect(pathOf(guide.parent!)).toBe('/zwfw/grfw/shbz/ylbx/index.html');
    expect(guide.linkText).toBeTruthy();
  });

  it('records a hanging page, a redirect loop, a 404 and a 500 as errors and carries on', () => {
    expect(page(X.hangPath)).toMatchObject({ status: null, error: expect.stringMatching(/timeout/) });
    expect(page(X.loopPaths[0])).toMatchObject({ status: 302, error: expect.stringMatching(/redirect loop/) });
    expect(page(X.notFoundPath)).toMatchObject({ status: 404, error: 'HTTP 404' });
    expect(page(X.brokenAttachmentPath)).toMatchObject({ status: 404, error: 'HTTP 404', html: false });
    expect(page(X.serverErrorPath)).toMatchObject({ status: 500, error: 'HTTP 500' });
    expect(report.crawl.errors).toBeGreaterThanOrEqual(5);
  });

  it('records a working redirect with its chain and does not fetch the target twice', () => {
    const r = page(X.redirectPath)!;
    expect(r.status).toBe(X.redirectStatus);
    expect(pathOf(r.finalUrl)).toBe(X.redirectTarget);
    expect(r.redirects).toEqual([{ url: new URL(X.redirectPath, srv.url).toString(), status: 301 }]);
    expect(report.pages.filter((p) => urlKey(p.url) === urlKey(new URL(X.redirectTarget, srv.url).toString()))).toHaveLength(1);
  });

  it('keeps a page title made of markup as the literal text the page declares', () => {
    expect(page(X.hostilePage.path)).toMatchObject({ status: 200, depth: 2, title: X.hostilePage.title });
    expect(page(X.hostilePage.missingPath)).toMatchObject({ status: 404, linkText: X.hostilePage.linkText });
  });

  it('decodes the GBK legacy page', () => {
    expect(page(X.gbkPath)).toMatchObject({ title: X.gbkTitle, charset: 'gb18030', status: 200 });
  });

  it('checks documents for status only', () => {
    expect(page(X.pdfPath)).toMatchObject({ status: 200, html: false, title: null });
    expect(page(X.docxPath)).toMatchObject({ status: 200, html: false });
  });

  it('reads the government CMS meta tags', () => {
    expect(page('/')!.meta).toMatchObject(X.siteMeta);
    expect(page(X.staleColumnPath)!.meta.ColumnName).toBe('通知公告');
  });

  it('renders the script-driven page in Chromium and follows the links only it shows', () => {
    expect(page(X.jsRenderedPath)).toMatchObject({ rendered: true, renderReason: expect.stringMatching(/script/) });
    expect(page(X.jsOnlyPath)?.depth).toBe(X.jsOnlyDepth);
    expect(report.pages.filter((p) => p.rendered)).toHaveLength(1);
  });

  it('cuts the endless calendar with the trap guard and says so', () => {
    const trap = report.crawl.traps.find((t) => t.kind === 'calendar')!;
    expect(pathOf(trap.key)).toBe(X.calendarPathPrefix);
    expect(trap.skipped).toBeGreaterThan(0);
    const months = report.pages.filter((p) => pathOf(p.url).startsWith(X.calendarPathPrefix));
    expect(months.length).toBeGreaterThan(3);
    expect(months.length).toBeLessThanOrEqual(30);
  });

  it('honours robots.txt and keeps sitemap-only pages as orphans', () => {
    expect(page(X.robotsDisallowedPath)).toBeUndefined();
    expect(report.crawl.limits.robotsSkipped).toBe(1);
    expect(report.crawl.robots.found).toBe(true);
    for (const p of X.sitemapOnlyPaths) expect(page(p)).toMatchObject({ depth: null, orphan: true, status: 200 });
  });

  it('does not follow external links', () => {
    for (const l of X.externalLinks) expect(report.pages.some((p) => p.url.startsWith(new URL(l).origin))).toBe(false);
    expect(report.pages.every((p) => new URL(p.url).hostname === '127.0.0.1')).toBe(true);
  });

  it('runs the rules and keeps findings in the contract shape', () => {
    expect(report.rules.map((r) => r.id)).toContain('site-identity');
    expect(report.ruleErrors).toEqual([]);
    // Served from an IP address, the portal is not on .gov.cn: the rule must say so.
    const f = report.findings.find((x) => x.ruleId === 'site-identity/gov-domain')!;
    expect(f).toMatchObject({ category: 'security', severity: 'serious', target: '127.0.0.1' });
    expect(report.score.total).toBeLessThan(100);
  });
});

describe('--max-pages and --exclude', () => {
  it('stops at the page cap and says so', async () => {
    const out = tempDir();
    const r = await runCli(['audit', srv.url, '--out', out, '--as-of', AS_OF, '--max-pages', '10', '--quiet', '--resolve-only']);
    const rep: Report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(r.code).not.toBe(2);
    expect(rep.pages.length).toBeLessThanOrEqual(10 + X.sitemapOnlyPaths.length);
    expect(rep.crawl.limits.maxPagesReached).toBe(true);
    expect(existsSync(join(out, '.portal-audit'))).toBe(false);
  });
  it('skips excluded paths', async () => {
    const out = tempDir();
    await runCli(['audit', srv.url, '--out', out, '--as-of', AS_OF, '--exclude', '/hdjl/**', '--exclude', '/slow/**', '--render', 'never', '--quiet', '--resolve-only']);
    const rep: Report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(rep.pages.some((p) => pathOf(p.url).startsWith('/hdjl/') || pathOf(p.url).startsWith('/slow/'))).toBe(false);
    expect(rep.crawl.limits.excludedSkipped).toBe(3); // /hdjl/, the letters list, the hanging page
    expect(rep.pages.every((p) => !p.rendered)).toBe(true);
  });
});
