// Politeness and staging access: an honest User-Agent with the contact, Retry-After honoured on
// 503, and custom headers/cookies sent to the audited site only — never to other hosts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Report } from '../src/report/model.js';
import { runCli, tempDir } from './helpers/cli.js';
import { serve } from './helpers/server.js';

const seen: { host: string; path: string; auth?: string; cookie?: string; ua?: string; at: number }[] = [];
let busyHits = 0;
let srv: Awaited<ReturnType<typeof serve>>;
const page = (body: string) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;

beforeAll(async () => {
  srv = await serve({
    '*': (req, res) => {
      seen.push({ host: String(req.headers.host), path: req.url ?? '', auth: req.headers.authorization, cookie: req.headers.cookie, ua: req.headers['user-agent'], at: Date.now() });
      if (req.url === '/busy.html' && busyHits++ === 0) return res.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain' }).end('busy');
      const body = req.url === '/' ? '<a href="/busy.html">忙</a> <a href="http://other.test/x.html">别的网站</a>' : '<a href="/">首页</a>';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(body));
    },
  });
});
afterAll(() => srv?.close());

it('sends site headers to the site only, waits out Retry-After, and says who it is', async () => {
  const out = tempDir();
  const run = await runCli([
    'audit', 'http://staging.test/', '--out', out, '--quiet', '--a11y', 'none', '--resolve-only',
    '--resolve', `staging.test=127.0.0.1:${srv.port}`, '--resolve', `other.test=127.0.0.1:${srv.port}`,
    '--header', 'Authorization: Bearer s3cret', '--cookie', 'session=abc', '--contact', 'mailto:audit@example.org',
  ]);
  expect([0, 1]).toContain(run.code);
  const report: Report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  const site = seen.filter((s) => s.host.startsWith("staging.test"));
  const other = seen.filter((s) => s.host.startsWith('other.test'));
  expect(site.length).toBeGreaterThan(1);
  expect(site.every((s) => s.auth === 'Bearer s3cret' && s.cookie === 'session=abc')).toBe(true);
  expect(other.length).toBeGreaterThan(0);
  expect(other.every((s) => s.auth === undefined && s.cookie === undefined)).toBe(true);
  expect(site[0].ua).toMatch(/^portal-audit\/\d+\.\d+\.\d+ \(government website audit; \+mailto:audit@example\.org\)$/);
  const busy = seen.filter((s) => s.path === '/busy.html' && s.host.startsWith('staging'));
  expect(busy.length).toBe(2);
  expect(busy[1].at - busy[0].at).toBeGreaterThanOrEqual(950);
  expect(report.pages.find((p) => p.url.endsWith('/busy.html'))?.status).toBe(200);
  expect(JSON.stringify(report)).not.toContain('s3cret');
  expect(report.options.siteHeaders).toEqual(['Authorization', 'cookie']);
}, 60_000);
