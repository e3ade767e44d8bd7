// Accessibility, elder-friendly and mobile checks on the sample portal, audited by the real CLI
// in `--a11y all` and in the default `templates` mode.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import type { Report } from '../src/report/model.js';
import { runCli, tempDir } from './helpers/cli.js';

let srv: FixtureServer;
const reports: Record<'all' | 'templates', Report> = {} as never;
const path = (u: string) => {
  const x = new URL(u);
  return x.pathname + x.search;
};
type Data = { mode: string; pagesAnalysed: number; pagesRepresented: number; templates: number; notAnalysed: unknown[]; byRule: Record<string, unknown>; ms: number };

beforeAll(async () => {
  srv = await startFixtureServer({ asOf: X.FIXTURE_AS_OF });
  await Promise.all(
    (['all', 'templates'] as const).map(async (mode) => {
      const out = tempDir();
      await runCli(['audit', srv.url, '--out', out, '--as-of', X.FIXTURE_AS_OF, '--timeout', '3000', '--quiet', '--resolve-only', '--a11y', mode, '--no-external']);
      reports[mode] = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    }),
  );
}, 240_000);
afterAll(() => srv?.close());

const a11y = (mode: 'all' | 'templates') => reports[mode].findings.filter((f) => f.category === 'accessibility');
const axeRows = (mode: 'all' | 'templates') =>
  a11y(mode)
    .filter((f) => f.ruleId.startsWith('axe/') && f.ruleId !== 'axe/page-not-analysed')
    .map((f) => [f.ruleId.split('/')[1], f.target, (f.evidence.pages as string[]).map(path).sort()])
    .sort();
const want = X.expectedAxe.map((e) => [e.rule, e.selector, [...e.pages].sort()]).sort();

describe.each(['all', 'templates'] as const)('--a11y %s', (mode) => {
  it('finds every planted axe violation once, on the pages it stands for, and nothing else', () => {
    expect(reports[mode].ruleErrors).toEqual([]);
    expect(axeRows(mode)).toEqual(want);
  });
  it('gives selector, HTML, failure summary, WCAG criteria, GB/T 37668 indicator and help URL', () => {
    const f = a11y(mode).find((x) => x.ruleId === 'axe/image-alt')!;
    expect(f).toMatchObject({ severity: 'critical', url: srv.url + 'zjsf/', target: '.banner-wide' });
    expect(f.evidence).toMatchObject({ selector: '.banner-wide', wcag: ['1.1.1'], impact: 'critical' });
    expect(String(f.evidence.html)).toMatch(/^<img [^>]*banner\.png/);
    expect(String(f.evidence.failureSummary)).toMatch(/alt/);
    expect(f.evidence.gbt37668).toEqual(['GB/T 37668-2019 可感知性·非文本内容（一级，WCAG 1.1.1）']);
    expect(String(f.evidence.helpUrl)).toMatch(/dequeuniversity\.com\/rules\/axe\/[\d.]+\/image-alt/);
    // A Chinese portal's report speaks Chinese, axe's own texts included (axe-core's zh_CN locale).
    expect(f.evidence.help).toBe('图像必须有替代文本');
    expect(f.message).toContain('图像必须有替代文本');
  });
  it('finds the elder-friendly and mobile plants', () => {
    const pagesOf = (rule: string) =>
      Object.fromEntries(
        [...new Set(a11y(mode).filter((f) => f.ruleId.startsWith(`${rule}/`)).map((f) => f.ruleId.split('/')[1]))].map((c) => [
          c,
          [...new Set(a11y(mode).filter((f) => f.ruleId === `${rule}/${c}`).flatMap((f) => ((f.evidence.pages as string[] | undefined) ?? [f.url]).map(path)))].sort(),
        ]),
      );
    expect(pagesOf('elder-friendly')).toEqual(X.expectedElder);
    const { 'small-tap-targets': targets, ...mobile } = pagesOf('mobile');
    expect(mobile).toEqual(X.expectedMobile);
    expect(targets.length).toBeGreaterThan(0);
    const small = a11y(mode).filter((f) => f.ruleId === 'mobile/small-tap-targets').map((f) => f.target);
    for (const t of X.plantedSmallTargets) expect(small).toContain(t);
    const float = a11y(mode).find((f) => f.ruleId === 'elder-friendly/floating-window')!;
    expect(float).toMatchObject({ target: '#piaochuang', evidence: { moving: true, closable: true, position: 'fixed' } });
  });
  it('raises nothing on the clean page', () => {
    const clean = srv.url + X.a11yCleanPath.slice(1);
    const hits = a11y(mode).filter((f) => f.url === clean || ((f.evidence.pages as string[] | undefined) ?? []).includes(clean));
    expect(hits.map((f) => `${f.ruleId} ${f.target}`)).toEqual([]);
  });
});

describe('template mode', () => {
  it('analyses far fewer pages than all, stands for the same pages, and reports every template-level violation', () => {
    const all = reports.all.data.accessibility as Data;
    const tpl = reports.templates.data.accessibility as Data;
    expect(all).toMatchObject({ mode: 'all', notAnalysed: [] });
    expect(all.pagesAnalysed).toBe(all.pagesRepresented);
    expect(tpl.pagesRepresented).toBe(all.pagesAnalysed);
    expect(tpl.pagesAnalysed).toBeLessThan(all.pagesAnalysed / 2);
    const lang = (mode: 'all' | 'templates') => a11y(mode).find((f) => f.ruleId === 'axe/html-has-lang')!.evidence;
    expect(lang('all')).toMatchObject({ pageCount: 8 });
    expect((lang('all').analysedOn as unknown[]).length).toBe(8);
    expect(lang('templates')).toMatchObject({ pageCount: 8 });
    expect((lang('templates').analysedOn as unknown[]).length).toBeLessThanOrEqual(2);
  });
});
