import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, HttpClient } from '../src/crawl/http.js';
import { hostResolverRules, parseResolve, UsageError } from '../src/crawl/resolve.js';
import { loadRobots, loadSitemapUrls } from '../src/crawl/robots.js';
import { html, serve } from './helpers/server.js';

let srv: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  srv = await serve({
    '/': html('<html>home</html>'),
    '/hang': () => {},
    '/big': (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('x'.repeat(50_000)),
    '/robots.txt': (_q, res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`User-agent: *\nDisallow: /admin/\nCrawl-delay: 2\nSitemap: http://${_q.headers.host}/sm.xml\n`),
    '/sm.xml': (q, res) =>
      res.writeHead(200, { 'content-type': 'application/xml' }).end(
        `<?xml version="1.0"?><urlset><url><loc>http://${q.headers.host}/a.html</loc></url><url><loc>http://${q.headers.host}/b.html?x=1&amp;y=2</loc></url><url><loc>http://other.example/c</loc></url></urlset>`,
      ),
  });
});
afterAll(() => srv.close());

const client = (extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
  new HttpClient({ resolve: new Map(), resolveOnly: false, timeoutMs: 2000, maxBodyBytes: 10_000_000, userAgent: 'portal-audit-test', ...extra });

describe('--resolve', () => {
  it('parses host=ip[:port] and rejects malformed entries', () => {
    const m = parseResolve(['weibo.com=127.0.0.1:8080', 'WWW.A.GOV.CN=127.0.0.1', 'v6.cn=[::1]:81']);
    expect(m.get('weibo.com')).toEqual({ ip: '127.0.0.1', port: 8080 });
    expect(m.get('www.a.gov.cn')).toEqual({ ip: '127.0.0.1', port: undefined });
    expect(m.get('v6.cn')).toEqual({ ip: '::1', port: 81 });
    expect(() => parseResolve(['weibo.com'])).toThrow(UsageError);
    expect(() => parseResolve(['weibo.com=not-an-ip'])).toThrow(UsageError);
    expect(() => parseResolve(['weibo.com=127.0.0.1:99999'])).toThrow(UsageError);
  });
  it('builds Chromium host-resolver rules that refuse unmapped hosts in resolve-only mode', () => {
    const rules = hostResolverRules(parseResolve(['weibo.com=127.0.0.1:8080']), true)!;
    expect(rules).toContain('MAP weibo.com 127.0.0.1:8080');
    expect(rules).toContain('MAP * ~NOTFOUND');
  });
  it('sends a real platform hostname to the loopback server, keeping the Host header', async () => {
    const c = client({ resolve: parseResolve([`weibo.com=127.0.0.1:${srv.port}`]) });
    const r = await c.fetch('http://weibo.com/');
    expect(r.status).toBe(200);
    expect(srv.hits.at(-1)).toBe('weibo.com /');
    await c.close();
  });
  it('refuses unmapped hosts in resolve-only mode without any lookup', async () => {
    const c = client({ resolveOnly: true });
    await expect(c.fetch('http://unmapped.example/')).rejects.toMatchObject({ code: 'ERESOLVEONLY' });
    expect((await c.fetch(srv.url)).status).toBe(200);
    await c.close();
  });
});

describe('HttpClient', () => {
  it('abandons a request that never answers at the time limit', async () => {
    const c = client({ timeoutMs: 300 });
    const t0 = Date.now();
    const err = await c.fetchWithRetry(`${srv.url}hang`).catch((e) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect(err.code).toBe('ETIMEDOUT');
    expect(Date.now() - t0).toBeLessThan(2000);
    await c.close();
  });
  it('caps the body and says so', async () => {
    const c = client({ maxBodyBytes: 1000 });
    const r = await c.fetch(`${srv.url}big`);
    expect(r.body.length).toBe(1000);
    expect(r.truncated).toBe(true);
    await c.close();
  });
  it('reports a refused connection as a network error after one retry', async () => {
    const c = client();
    const closed = await serve({});
    const url = closed.url;
    await closed.close();
    await expect(c.fetchWithRetry(url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await c.close();
  });
});

describe('robots.txt and sitemap', () => {
  it('honours Disallow and Crawl-delay for our user agent and lists sitemaps', async () => {
    const c = client();
    const r = await loadRobots(c, srv.url);
    expect(r.found).toBe(true);
    expect(r.isAllowed(`${srv.url}admin/index.html`)).toBe(false);
    expect(r.isAllowed(`${srv.url}zwgk/index.html`)).toBe(true);
    expect(r.crawlDelay).toBe(2);
    const sm = await loadSitemapUrls(c, srv.url, r.sitemaps);
    expect(sm.found).toBe(true);
    // Same-host sitemap only; entities decoded.
    expect(sm.urls).toEqual([`${srv.url}a.html`, `${srv.url}b.html?x=1&y=2`, 'http://other.example/c']);
    await c.close();
  });
  it('treats a missing robots.txt as no rules', async () => {
    const empty = await serve({});
    const c = client();
    const r = await loadRobots(c, empty.url);
    expect(r.found).toBe(false);
    expect(r.isAllowed(`${empty.url}admin/`)).toBe(true);
    await c.close();
    await empty.close();
  });
});
