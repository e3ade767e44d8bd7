// The crawler as a library: determinism under concurrency, rule-requested rendering, browser discovery.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { FIXTURE_AS_OF, a11yDefectPath } from '../fixtures/portal/expected.js';
import { crawl, type CrawlOptions } from '../src/crawl/crawler.js';
import { DEBIAN_HEADLESS_SHELL, findChromium } from '../src/crawl/browser.js';
import { tempDir } from './helpers/cli.js';

let srv: FixtureServer;
beforeAll(async () => {
  srv = await startFixtureServer({ asOf: FIXTURE_AS_OF });
});
afterAll(() => srv?.close());

const base = (): CrawlOptions => ({
  startUrl: srv.url,
  asOf: FIXTURE_AS_OF,
  maxPages: 500,
  maxDepth: 8,
  concurrency: 4,
  render: 'never',
  respectRobots: true,
  timeoutMs: 1500,
  maxBodyBytes: 1e7,
  delayMs: 0,
  userAgent: 'portal-audit-test',
  resolve: new Map(),
  resolveOnly: true,
  bodyDir: tempDir(),
});

async function crawlOnce(o: Partial<CrawlOptions>) {
  const r = await crawl({ ...base(), ...o });
  await r.close();
  return r.snapshot;
}

describe('crawl', () => {
  it('gives the same pages, depths, parents and link texts at concurrency 1 and 6', async () => {
    const shape = (s: Awaited<ReturnType<typeof crawlOnce>>) =>
      s.pages.map((p) => `${p.url} ${p.depth} ${p.parent} ${p.linkText}`).sort();
    const [a, b] = [await crawlOnce({ concurrency: 1 }), await crawlOnce({ concurrency: 6 })];
    expect(shape(b)).toEqual(shape(a));
    expect(a.pages.length).toBeGreaterThan(60);
  });

  it('renders the pages a rule asks for, and keeps their bodies readable', async () => {
    const target = new URL(a11yDefectPath, srv.url).toString();
    const s = await crawlOnce({ render: 'auto', renderWhen: [(p) => (p.url === target ? 'rule wants the DOM' : null)], maxDepth: 1 });
    const p = s.pages.find((x) => x.url === target)!;
    expect(p).toMatchObject({ rendered: true, renderReason: 'rule wants the DOM' });
    const body = await s.readBody(target);
    expect(body).toMatch(/<html/i);
    expect(s.pages.filter((x) => x.rendered).map((x) => new URL(x.url).pathname).sort()).toEqual(['/hdjl/', '/zjsf/']);
  });
});

describe('findChromium', () => {
  it('prefers Debian\'s headless shell to the full chromium when both are installed', () => {
    const saved = process.env.PORTAL_AUDIT_CHROMIUM;
    delete process.env.PORTAL_AUDIT_CHROMIUM;
    try {
      if (existsSync(DEBIAN_HEADLESS_SHELL)) expect(findChromium()).toBe(DEBIAN_HEADLESS_SHELL);
      else expect(findChromium()).not.toBe(DEBIAN_HEADLESS_SHELL);
    } finally {
      if (saved !== undefined) process.env.PORTAL_AUDIT_CHROMIUM = saved;
    }
  });
  it('prefers an explicit path, refuses a missing one, then falls back to the environment', () => {
    expect(findChromium('/nonexistent/chromium')).toBeNull();
    expect(findChromium(process.execPath)).toBe(process.execPath);
    const saved = process.env.PORTAL_AUDIT_CHROMIUM;
    process.env.PORTAL_AUDIT_CHROMIUM = process.execPath;
    try {
      expect(findChromium()).toBe(process.execPath);
    } finally {
      if (saved === undefined) delete process.env.PORTAL_AUDIT_CHROMIUM;
      else process.env.PORTAL_AUDIT_CHROMIUM = saved;
    }
  });
});

describe('redirects between forms of one page', () => {
  it('follows /dir → /dir/ and reads the page, without calling it a loop', async () => {
    const { serve, html } = await import('./helpers/server.js');
    const s = await serve({
      '/': html('<html lang="en"><body><a href="/dir">Directory</a></body></html>'),
      '/dir': (_q, r) => void r.writeHead(301, { location: '/dir/' }).end(),
      '/dir/': html('<html lang="en"><head><title>Dir</title></head><body><p>inside</p></body></html>'),
    });
    try {
      const snap = await crawlOnce({ startUrl: s.url });
      const dir = snap.pages.find((p) => p.url.endsWith('/dir'))!;
      expect(dir).toMatchObject({ error: null, status: 200, title: 'Dir', redirects: [{ url: `${s.url}dir`, status: 301 }] });
    } finally {
      await s.close();
    }
  });
});
