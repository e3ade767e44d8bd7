// One availability probe against loopback servers that fail in each way the indicator counts,
// and the monitor's clean stop on SIGTERM.
import { createServer } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../src/crawl/http.js';
import { parseResolve } from '../src/crawl/resolve.js';
import { probeOnce } from '../src/monitor/probe.js';
import { openStore } from '../src/history/store.js';
import { runCli, tempDir } from './helpers/cli.js';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const long = `<html><body><h1>示范县人民政府</h1>${'<p>政务公开 政务服务 互动交流 政策文件</p>'.repeat(60)}<p>本站将于周六凌晨进行系统维护</p></body></html>`;
const routes: Record<string, (res: import('node:http').ServerResponse) => void> = {
  '/': (res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(long),
  '/down': (res) => res.writeHead(502).end('bad gateway'),
  '/gone': (res) => res.writeHead(404).end('not here'),
  '/maintenance': (res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><h2>网站正在维护中，请稍后访问</h2></body></html>'),
  '/gbk-maintenance': (res) => res.writeHead(200, { 'content-type': 'text/html; charset=gbk' }).end(Buffer.from([0xcf, 0xb5, 0xcd, 0xb3, 0xce, 0xac, 0xbb, 0xa4, 0xd6, 0xd0])), // 系统维护中
  '/stall': () => {},
  '/loop': (res) => res.writeHead(302, { location: '/loop2' }).end(),
  '/loop2': (res) => res.writeHead(302, { location: '/loop' }).end(),
  '/moved': (res) => res.writeHead(301, { location: '/' }).end(),
  '/waf': (res) => res.writeHead(403).end('forbidden'),
  '/bad-location': (res) => res.writeHead(302, { location: 'http://[::1' }).end(),
};
const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => (routes[new URL(req.url ?? '/', 'http://x').pathname] ?? routes['/gone'])(res);
const server = createServer(handler);
const tls = createHttps({ cert: readFileSync(join('fixtures', 'tls', 'cert.pem')), key: readFileSync(join('fixtures', 'tls', 'key.pem')) }, handler);
let base = '';
let tlsPort = 0;
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  tlsPort = (tls.address() as { port: number }).port;
});
afterAll(async () => {
  server.closeAllConnections();
  tls.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => tls.close(r))]);
});

const http = (extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) => new HttpClient({ resolve: new Map(), resolveOnly: false, timeoutMs: 2000, maxBodyBytes: 1 << 20, userAgent: 'test', ...extra });
const at = new Date('2026-12-01T02:00:00Z');

describe('one probe', () => {
  it('a home page that opens: ok, with TTFB and load time; a notice line on a real page is content', async () => {
    const p = await probeOnce(http(), `${base}/`, at);
    expect(p).toMatchObject({ ok: true, status: 200, reason: null, site: base.replace('http://', ''), at: at.toISOString() });
    expect(p.ttfbMs).toBeGreaterThanOrEqual(0);
    expect(p.loadMs).toBeGreaterThanOrEqual(p.ttfbMs!);
  });

  it('each failure has its reason', async () => {
    const reasons = async (path: string, limit?: number) => {
      const p = await probeOnce(http(), `${base}${path}`, at, { limitMs: limit });
      return [p.ok, p.reason, p.status];
    };
    expect(await reasons('/down')).toEqual([false, 'http-5xx', 502]);
    expect(await reasons('/gone')).toEqual([false, 'http-4xx', 404]);
    expect(await reasons('/maintenance')).toEqual([false, 'soft-error', 200]);
    expect(await reasons('/gbk-maintenance')).toEqual([false, 'soft-error', 200]);
    expect(await reasons('/loop')).toEqual([false, 'redirect-loop', null]);
    expect(await reasons('/moved')).toEqual([true, null, 200]);
    expect(await reasons('/waf')).toEqual([false, 'blocked', 403]);
    expect(await reasons('/bad-location')).toEqual([false, 'bad-redirect', 302]);
    const t0 = performance.now();
    expect(await reasons('/stall', 600)).toEqual([false, 'timeout', null]);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect((await probeOnce(http(), 'http://127.0.0.1:1/', at)).reason).toBe('connect');
    expect((await probeOnce(http({ resolveOnly: true }), 'http://www.unmapped.gov.cn/', at)).reason).toBe('refused');
  });

  it('an https home page: the certificate\'s days left are recorded', async () => {
    const p = await probeOnce(http({ resolve: parseResolve([`www.shifan.gov.cn=127.0.0.1:${tlsPort}`]) }), 'https://www.shifan.gov.cn/', at);
    expect(p.ok).toBe(true);
    expect(typeof p.certDays).toBe('number');
  });
});

describe('the monitor command', () => {
  it('stops cleanly on SIGTERM between rounds, with every finished round recorded', async () => {
    const db = join(tempDir(), 'h.db');
    // A home page given twice is probed once; a key page is probed and recorded, not as a home page.
    const child = spawn(process.execPath, [resolve('bin/portal-audit.js'), 'monitor', `${base}/`, `${base}/`, '--key-page', `${base}/moved`, '--db', db, '--every', '1h'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    await new Promise<void>((r) => child.stdout.on('data', () => (out.match(/ ok /g) ?? []).length >= 2 && r()));
    const t0 = performance.now();
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(out).toMatch(/monitor: 1 rounds, 2 probes, 0 failed/);
    const store = await openStore(db);
    expect((await store.probes(base.replace('http://', ''), '2000-01-01', '2100-01-01')).map((p) => [new URL(p.url).pathname, p.home, p.limitMs, p.simulated]).sort()).toEqual([
      ['/', true, 15_000, false],
      ['/moved', false, 15_000, false],
    ]);
    await store.close();
  });

  it('bad flags are usage errors; simulated time is for tests only; history needs an existing store', async () => {
    expect((await runCli(['monitor', 'ftp://x/', '--db', join(tempDir(), 'h.db')])).code).toBe(2);
    expect((await runCli(['monitor', `${base}/`, '--db', join(tempDir(), 'h.db'), '--limit', '15'])).code).toBe(2);
    const sim = await runCli(['monitor', `${base}/`, '--db', join(tempDir(), 'h.db'), '--simulate-from', '2026-11-01T00:00:00Z', '--rounds', '2']);
    expect(sim.code).toBe(2);
    expect(sim.stderr).toMatch(/for tests only/);
    const missing = await runCli(['history', `${base}/`, '--db', join(tempDir(), 'typo.db')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such history file/);
    expect((await runCli(['history', `${base}/`, '--db', join(tempDir(), 'h.db'), '--as-of', '2026-13-01'])).code).toBe(2);
    expect((await runCli(['monitor', `${base}/`, '--db', join(tempDir(), 'h.db'), '--every', 'soon'])).code).toBe(2);
    expect((await runCli(['monitor', `${base}/`])).code).toBe(2);
  });
});
