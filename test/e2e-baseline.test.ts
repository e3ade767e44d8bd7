// Acceptance of the CI gate: a second run against the first as baseline has no new findings
// and exits 0; one new defect (a broken link injected into one page by a loopback proxy in
// front of the sample portal) makes it exit 1 naming exactly that finding.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureResolve, startFixtureServer, PORTAL_HOST, type FixtureServer } from '../fixtures/server.js';
import { dualProtocol, listenLoopback, type Listening } from '../fixtures/listen.js';
import { tlsFiles } from '../fixtures/tls.js';
import https from 'node:https';
import * as X from '../fixtures/portal/expected.js';
import type { Report } from '../src/report/model.js';
import { runCli, tempDir } from './helpers/cli.js';

const ORIGIN = `http://${PORTAL_HOST}`;
const PLANT_PAGE = X.a11yCleanPath;
const NEW_BROKEN = '/zjsf/xqgk/new-broken.html';
let srv: FixtureServer;
let proxy: Listening;
let first: string;

/** Forwards to the fixture server; adds one broken link to PLANT_PAGE. */
function plantingProxy(upstreamPort: number): http.RequestListener {
  return (req, res) => {
    const up = http.request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => {
        let body = Buffer.concat(chunks);
        if (new URL(req.url ?? '/', 'http://x').pathname === PLANT_PAGE && r.statusCode === 200) {
          body = Buffer.from(body.toString('utf8').replace('</body>', `<p><a href="${NEW_BROKEN}">新增的失效链接</a></p></body>`));
        }
        const headers = { ...r.headers };
        delete headers['transfer-encoding'];
        if (req.method !== 'HEAD') headers['content-length'] = String(body.length);
        res.writeHead(r.statusCode ?? 502, headers);
        res.end(req.method === 'HEAD' ? undefined : body);
      });
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  };
}

const audit = (out: string, resolve: string[], ...extra: string[]) =>
  runCli(['audit', `${ORIGIN}/`, '--out', out, '--as-of', X.FIXTURE_AS_OF, '--timeout', '3000', '--a11y', 'none', '--resolve-only', ...resolve.flatMap((r) => ['--resolve', r]), ...extra]);
const load = (dir: string): Report => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));

beforeAll(async () => {
  srv = await startFixtureServer({ asOf: X.FIXTURE_AS_OF });
  // Both schemes on one port, like the fixture server itself, so only the planted link differs.
  const handler = plantingProxy(srv.port);
  proxy = await listenLoopback(dualProtocol(http.createServer(handler), https.createServer(tlsFiles(), handler)), 0);
  first = tempDir();
  const run = await audit(first, fixtureResolve(srv), '--quiet');
  expect(run.code).toBe(1);
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await srv?.close();
});

describe('--baseline', () => {
  it('a second run of the same portal has zero new findings and exits 0', async () => {
    const out = tempDir();
    const run = await audit(out, fixtureResolve(srv), '--baseline', join(first, 'report.json'), '-f', 'md,junit');
    const r = load(out);
    expect(r.baseline, JSON.stringify(r.findings.filter((f) => f.baseline === 'new'))).toMatchObject({ new: 0, fixed: [] });
    expect(r.baseline!.unchanged).toBe(r.findings.length);
    expect(r.score.passed).toBe(false); // the portal still fails its verdict …
    expect(r.gate).toMatchObject({ passed: true, newOnly: true }); // … but nothing got worse
    expect(run.code).toBe(0);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain(`0 新增`);
  }, 120_000);

  it('one new defect makes the run exit 1, naming exactly that finding', async () => {
    const out = tempDir();
    const resolve = fixtureResolve(srv).map((r) => (r.startsWith(`${PORTAL_HOST}=`) ? `${PORTAL_HOST}=127.0.0.1:${proxy.port}` : r));
    const run = await audit(out, resolve, '--baseline', join(first, 'report.json'), '-f', 'sarif');
    const r = load(out);
    const fresh = r.findings.filter((f) => f.baseline === 'new');
    expect(fresh.map((f) => [f.ruleId, f.target])).toEqual([['links/broken', `${ORIGIN}${NEW_BROKEN}`]]);
    expect(r.baseline).toMatchObject({ new: 1, fixed: [] });
    expect(r.gate.reasons).toEqual([`new moderate finding links/broken at ${ORIGIN}${NEW_BROKEN}`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${ORIGIN}${NEW_BROKEN}`);
    const sarif = JSON.parse(readFileSync(join(out, 'report.sarif'), 'utf8'));
    const states = (sarif.runs[0].results as { baselineState: string }[]).map((x) => x.baselineState);
    expect(states.filter((s) => s === 'new')).toHaveLength(1);
  }, 120_000);
});
