// The services rule through the real CLI: the sample portal's guides (tables) and its service
// hall on a second host (dl lists, tabs a script writes), each planted defect found once, the
// depth of every item, and the clean variant raising nothing above info.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureResolve, startFixtureServer, PORTAL_HOST, type FixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import type { Report } from '../src/report/model.js';
import { validateReport } from '../src/report/validate.js';
import { runCli, tempDir } from './helpers/cli.js';

const CA = fileURLToPath(new URL('../fixtures/tls/cert.pem', import.meta.url));

async function audit(srv: FixtureServer, origin: string, extra: string[] = []): Promise<{ report: Report; out: string }> {
  const out = tempDir();
  const resolve = fixtureResolve(srv).flatMap((r) => ['--resolve', r]);
  const run = await runCli(['audit', `${origin}/`, '--out', out, '--as-of', X.FIXTURE_AS_OF, '--timeout', '3000', '--a11y', 'none', '--quiet', '--exclude', '/slow/**', '--ca-file', CA, '--resolve-only', ...resolve, ...extra]);
  expect(run.stderr).toBe('');
  return { report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')), out };
}

type ServicesData = {
  assessed: boolean;
  guides: number;
  depth: Record<string, number>;
  paperOnly: number;
  halls: { host: string; pages: number }[];
  elements: { id: string; present: number; missing: number; empty: number }[];
  list: { url: string; level: number; department: string; paperOnly: boolean }[];
};

describe('services on the sample portal (defects)', () => {
  let srv: FixtureServer;
  let report: Report;
  let out: string;
  beforeAll(async () => {
    srv = await startFixtureServer({ asOf: X.FIXTURE_AS_OF });
    ({ report, out } = await audit(srv, `http://${PORTAL_HOST}`, ['--format', 'json,html']));
  }, 120_000);
  afterAll(() => srv?.close());

  it('reads every guide — portal tables, the hall\'s dl lists and its script-written tabs — with its online depth', () => {
    expect(report.ruleErrors).toEqual([]);
    expect(validateReport(report)).toEqual([]);
    const data = report.data.services as unknown as ServicesData;
    expect(data.list.map((g) => g.url).sort()).toEqual([...X.serviceGuideUrls].sort());
    expect(Object.fromEntries(data.list.map((g) => [g.url.split('/').pop(), g.level]))).toEqual(X.serviceDepths);
    expect(data.depth).toEqual({ 1: 2, 2: 1, 3: 3, 4: 2 });
    expect(data.halls.find((h) => h.host === X.hallHost)?.pages).toBeGreaterThanOrEqual(10);
    // The 市场监管局 guides exist only once the hall's script has run: listed, they were rendered.
    expect(data.list.filter((g) => g.department === '示范县市场监督管理局')).toHaveLength(2);
    const byElement = Object.fromEntries(data.elements.map((e) => [e.id, e]));
    expect(byElement.process).toMatchObject({ present: 7, missing: 1 });
    expect(byElement.complaint).toMatchObject({ present: 5, empty: 3 });
    expect(byElement.materials).toMatchObject({ present: 8 });
  });

  it('finds each planted defect once, and nothing else', () => {
    const got = report.findings.filter((f) => f.category === 'services');
    expect(got.map((f) => [f.ruleId, f.url]).sort()).toEqual(X.expectedServiceFindings.map(([c, u]) => [`services/${c}`, u]).sort());
    for (const [check, url, evidence] of X.expectedServiceFindings) expect(got.find((f) => f.ruleId === `services/${check}` && f.url === url)!.evidence).toMatchObject(evidence);
    expect(got.find((f) => f.ruleId === 'services/entry-broken')!.target).toBe(`http://${X.hallHost}/apply/scjg-002.html`);
    expect(got.every((f) => !f.veto)).toBe(true);
  });

  it('scores the deductions in the 办事服务 group with their basis, and shows the table in the HTML report', () => {
    const group = report.score.groups.find((g) => g.id === 'services')!;
    expect(group.findings).toBeGreaterThanOrEqual(X.expectedServiceFindings.length);
    const paper = report.score.deductions.find((d) => d.ruleId === 'services/paper-only')!;
    expect(paper).toMatchObject({ group: 'services', confirmed: false });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('城乡居民基本养老保险关系转移接续');
    expect(html).toContain('可下载表格');
  });

  it('leaves the letters rule alone: the hall is not read as a letter channel', () => {
    const letters = report.data.interaction as { offsite?: { host: string }[] };
    expect((letters.offsite ?? []).map((o) => o.host)).not.toContain(X.hallHost);
  });
});

describe('services on the clean sample portal', () => {
  let srv: FixtureServer;
  let report: Report;
  beforeAll(async () => {
    srv = await startFixtureServer({ asOf: X.FIXTURE_AS_OF, variant: 'clean' });
    ({ report } = await audit(srv, `https://${PORTAL_HOST}`));
  }, 120_000);
  afterAll(() => srv?.close());

  it('reads the same eight complete guides and raises nothing above info', () => {
    const data = report.data.services as unknown as ServicesData;
    expect(data.guides).toBe(8);
    expect(data.paperOnly).toBe(0);
    expect(data.elements.filter((e) => e.missing || e.empty)).toEqual([]);
    const bad = report.findings.filter((f) => f.category === 'services' && f.severity !== 'info');
    expect(bad.map((f) => `${f.ruleId} ${f.url} ${f.message}`)).toEqual([]);
  });
});
