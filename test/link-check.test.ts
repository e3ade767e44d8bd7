// The link checker against a loopback server that misbehaves the way real servers do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../src/crawl/http.js';
import { DEFAULT_LINK_CHECK, LinkChecker, retryAfterMs } from '../src/crawl/link-check.js';
import { HostGate } from '../src/crawl/host-gate.js';
import { serve, type Handler } from './helpers/server.js';

const ok: Handler = (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
let tooMany = 0;
const routes: Record<string, Handler> = {
  '/ok': ok,
  '/missing': (_q, r) => void r.writeHead(404).end('gone'),
  '/no-head': (q, r) => void (q.method === 'HEAD' ? r.writeHead(405).end() : ok(q, r)),
  '/head-lies': (q, r) => void (q.method === 'HEAD' ? r.writeHead(404).end() : ok(q, r)),
  '/linkedin': (_q, r) => void r.writeHead(999).end(),
  '/cdn-403': (_q, r) => void r.writeHead(403, { 'cf-ray': '8a1b2c3d4e5f-HKG' }).end('<p>Access denied</p>'),
  '/challenge-403': (_q, r) => void r.writeHead(403, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>安全验证</h1><p>请完成人机验证</p>'),
  '/plain-403': (_q, r) => void r.writeHead(403, { 'content-type': 'text/html' }).end('<h1>Forbidden</h1>'),
  '/busy': (q, r) => {
    if (q.method === 'HEAD' && tooMany++ === 0) return void r.writeHead(429, { 'retry-after': '1' }).end();
    ok(q, r);
  },
  '/busy-long': (_q, r) => void r.writeHead(429, { 'retry-after': '3600' }).end(),
  '/r1': (_q, r) => void r.writeHead(301, { location: '/r2' }).end(),
  '/r2': (_q, r) => void r.writeHead(302, { location: '/ok' }).end(),
  '/loop-a': (_q, r) => void r.writeHead(302, { location: '/loop-b' }).end(),
  '/loop-b': (_q, r) => void r.writeHead(302, { location: '/loop-a' }).end(),
  '/server-error': (_q, r) => void r.writeHead(500).end(),
  '/dir': (_q, r) => void r.writeHead(301, { location: '/dir/' }).end(),
  '/dir/': ok,
  '/get-403': (q, r) => void (q.method === 'HEAD' ? r.writeHead(405).end() : r.writeHead(403, { 'content-type': 'text/html; charset=utf-8' }).end('<p>请完成人机验证</p>')),
  '/maintenance': (_q, r) => void r.writeHead(503, { 'retry-after': '86400' }).end(),
};

let srv: Awaited<ReturnType<typeof serve>>;
let http: HttpClient;
let checker: LinkChecker;
const u = (p: string) => `${srv.url.replace(/\/$/, '')}${p}`;

beforeAll(async () => {
  srv = await serve(routes);
  http = new HttpClient({ resolve: new Map(), resolveOnly: true, timeoutMs: 3000, maxBodyBytes: 1e6, userAgent: 'portal-audit-test' });
  checker = new LinkChecker(http, { ...DEFAULT_LINK_CHECK, hostDelayMs: 0, perHost: 4 });
});
afterAll(async () => {
  await http.close();
  await srv.close();
});

describe('link checker', () => {
  it('passes a working link with a HEAD request', async () => {
    expect(await checker.check(u('/ok'))).toMatchObject({ verdict: 'ok', status: 200, method: 'HEAD', reason: null, redirects: [] });
  });
  it('condemns a link only after GET confirms what HEAD said', async () => {
    expect(await checker.check(u('/missing'))).toMatchObject({ verdict: 'broken', status: 404, method: 'GET', reason: 'HTTP 404' });
    expect(await checker.check(u('/server-error'))).toMatchObject({ verdict: 'broken', status: 500 });
    expect(await checker.check(u('/no-head'))).toMatchObject({ verdict: 'ok', status: 200, method: 'GET' });
    expect(await checker.check(u('/head-lies'))).toMatchObject({ verdict: 'ok', status: 200, method: 'GET' });
  });
  it('calls bot blocks unverifiable, never broken', async () => {
    expect(await checker.check(u('/linkedin'))).toMatchObject({ verdict: 'unverifiable', status: 999, reason: 'bot block (HTTP 999)' });
    expect(await checker.check(u('/cdn-403'))).toMatchObject({ verdict: 'unverifiable', status: 403, reason: expect.stringContaining('cf-ray') });
    expect(await checker.check(u('/challenge-403'))).toMatchObject({ verdict: 'unverifiable', status: 403, reason: expect.stringContaining('安全验证') });
    expect(await checker.check(u('/busy-long'))).toMatchObject({ verdict: 'unverifiable', status: 429, reason: expect.stringContaining('Retry-After 3600') });
  });
  it('reports a plain 403 without firewall marks as broken', async () => {
    expect(await checker.check(u('/plain-403'))).toMatchObject({ verdict: 'broken', status: 403 });
  });
  it('waits out a short Retry-After and tries again', async () => {
    const t0 = Date.now();
    const r = await checker.check(u('/busy'));
    expect(r).toMatchObject({ verdict: 'ok', status: 200 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });
  it('records redirect chains and detects loops', async () => {
    const r = await checker.check(u('/r1'));
    expect(r).toMatchObject({ verdict: 'ok', status: 200, finalUrl: u('/ok') });
    expect(r.redirects).toEqual([{ url: u('/r1'), status: 301 }, { url: u('/r2'), status: 302 }]);
    const loop = await checker.check(u('/loop-a'));
    expect(loop).toMatchObject({ verdict: 'redirect-loop', status: 302 });
    expect(loop.reason).toMatch(/loop-a → .*loop-b → .*loop-a/);
  });
  it('follows /dir → /dir/ without calling it a loop', async () => {
    expect(await checker.check(u('/dir'))).toMatchObject({ verdict: 'ok', status: 200, finalUrl: u('/dir/') });
  });
  it('reads the body of a 403 that only GET returns, and waits for no day-long Retry-After', async () => {
    expect(await checker.check(u('/get-403'))).toMatchObject({ verdict: 'unverifiable', status: 403 });
    expect(await checker.check(u('/maintenance'))).toMatchObject({ verdict: 'unverifiable', status: 503, reason: expect.stringContaining('Retry-After 86400') });
  });
  it('skips hosts the sandbox refuses and calls a refused connection broken', async () => {
    expect(await checker.check('https://www.example.gov.cn/')).toMatchObject({ verdict: 'skipped', status: null });
    const closed = await serve({});
    const port = closed.port;
    await closed.close();
    expect(await checker.check(`http://127.0.0.1:${port}/x`)).toMatchObject({ verdict: 'broken', status: null, reason: 'connection refused' });
  });
  it('asks each URL once, however often it is checked', async () => {
    const before = srv.hits.filter((h) => h.endsWith(' /r2')).length;
    await Promise.all([checker.check(u('/r2')), checker.check(u('/r2')), checker.check(u('/r2#x'))]);
    expect(srv.hits.filter((h) => h.endsWith(' /r2')).length - before).toBeLessThanOrEqual(1);
  });
});

describe('host gate', () => {
  it('spaces requests to one host and lets other hosts through at once', async () => {
    const gate = new HostGate(1, 150);
    const starts: Record<string, number[]> = { a: [], b: [] };
    const t0 = Date.now();
    const job = (h: 'a' | 'b') => gate.run(h, async () => void starts[h].push(Date.now() - t0));
    await Promise.all([job('a'), job('a'), job('a'), job('b')]);
    expect(starts.a[1] - starts.a[0]).toBeGreaterThanOrEqual(140);
    expect(starts.a[2] - starts.a[1]).toBeGreaterThanOrEqual(140);
    expect(starts.b[0]).toBeLessThan(140);
  });
  it('holds a host for a Retry-After pause', async () => {
    const gate = new HostGate(2, 0);
    gate.pause('a', 300);
    const t0 = Date.now();
    await gate.run('a', async () => undefined);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(undefined)).toBeNull();
  });
});
