// The clean variant of the sample portal (DEFECTS.md, "Clean variant"): the same site with every
// planted defect fixed, audited by the real CLI under its production name with every linked host
// on loopback. A healthy portal must come out healthy: no veto, nothing moderate or worse, at most
// a handful of minor findings — in the default accessibility mode and with axe on every page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureResolve, startFixtureServer, PORTAL_HOST, type FixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import type { Report } from '../src/report/model.js';
import { validateReport } from '../src/report/validate.js';
import { runCli, tempDir } from './helpers/cli.js';

// The clean portal is https-only (http redirects there) with its protective headers; the fixture
// certificate is trusted for the certificate check with --ca-file.
const ORIGIN = `https://${PORTAL_HOST}`;
const CA = fileURLToPath(new URL('../fixtures/tls/cert.pem', import.meta.url));
const MAX_MINOR = 5;
const SEVERE = ['critical', 'serious', 'moderate'];
let srv: FixtureServer;

beforeAll(async () => {
  srv = await startFixtureServer({ asOf: X.FIXTURE_AS_OF, variant: 'clean' });
});
afterAll(() => srv?.close());

async function audit(a11y: string): Promise<{ code: number | null; report: Report }> {
  const out = tempDir();
  const resolve = fixtureResolve(srv).flatMap((r) => ['--resolve', r]);
  const run = await runCli(['audit', `${ORIGIN}/`, '--out', out, '--as-of', X.FIXTURE_AS_OF, '--timeout', '3000', '--a11y', a11y, '--quiet', '--ca-file', CA, '--resolve-only', ...resolve]);
  return { code: run.code, report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) };
}

const list = (fs: Report['findings']) => fs.map((f) => `${f.severity}${f.veto ? ' VETO' : ''} ${f.ruleId} ${f.url} ${f.target ?? ''} — ${f.message}`).join('\n');

// `--a11y all` gives the same result (measured when the variant was built); it is left out
// here to keep the suite's time down.
describe.each(['templates'])('clean sample portal, --a11y %s', (a11y) => {
  let code: number | null;
  let report: Report;
  beforeAll(async () => {
    ({ code, report } = await audit(a11y));
  }, 180_000);

  it('passes, every rule ran, and the report is valid', () => {
    expect(report.ruleErrors, JSON.stringify(report.ruleErrors)).toEqual([]);
    expect(validateReport(report)).toEqual([]);
    expect(report.score.passed, list(report.findings)).toBe(true);
    expect(code).toBe(0);
  });

  it('passes the gov-cn profile with a high score and no veto', () => {
    expect(report.score).toMatchObject({ profile: 'gov-cn', veto: [], reasons: [] });
    expect(report.score.total, JSON.stringify(report.score.deductions)).toBeGreaterThanOrEqual(95);
    expect(report.gate.passed).toBe(true);
  });

  it('has no veto and nothing at or above moderate', () => {
    const bad = report.findings.filter((f) => f.veto || SEVERE.includes(f.severity));
    expect(bad, `findings that should not be there:\n${list(bad)}`).toEqual([]);
  });

  it(`has at most ${MAX_MINOR} minor findings`, () => {
    const minor = report.findings.filter((f) => f.severity === 'minor');
    expect(minor.length, `minor findings:\n${list(minor)}`).toBeLessThanOrEqual(MAX_MINOR);
  });

  it('is still a full portal: every page crawled and analysed, the hostile title kept as text', () => {
    expect(report.pages.length).toBeGreaterThan(100);
    expect(report.pages.filter((p) => p.error || (p.status ?? 0) >= 400)).toEqual([]);
    const a11yData = report.data.accessibility as { pagesAnalysed: number; notAnalysed: unknown[] };
    expect(a11yData.notAnalysed).toEqual([]);
    if (a11y === 'all') expect(a11yData.pagesAnalysed).toBe(report.pages.filter((p) => p.html).length);
    expect(report.pages.find((p) => p.url === `${ORIGIN}${X.hostilePage.path}`)?.title).toBe(X.hostilePage.title);
  });
});
