// Golden tests of the scoring profiles, fingerprints, baseline diff and CI gate on
// constructed finding sets.
import { describe, expect, it } from 'vitest';
import type { Category, Finding, Severity } from '../src/model/types.js';
import { score } from '../src/score/profile.js';
import { gate } from '../src/score/gate.js';
import { fingerprint, normaliseSelector, normaliseUrl } from '../src/model/fingerprint.js';
import { assess } from '../src/report/assess.js';

let n = 0;
function mk(ruleId: string, category: Category, severity: Severity, extra: Partial<Finding> = {}): Finding {
  n++;
  return { ruleId, category, severity, url: 'http://www.x.gov.cn/', target: `http://www.x.gov.cn/p${n}.html`, message: `m${n}`, evidence: {}, ...extra };
}
const times = (k: number, f: () => Finding) => Array.from({ length: k }, f);

describe('gov-cn profile', () => {
  it('scores a clean site 100 and passes it', () => {
    const s = score([], 'gov-cn');
    expect(s).toMatchObject({ profile: 'gov-cn', total: 100, passed: true, passMark: 60, grade: null, veto: [], reasons: [], deductions: [] });
    expect(s.groups.map((g) => [g.id, g.points])).toEqual([
      ['availability', 15], ['updates', 25], ['interaction', 15], ['services', 15], ['functional', 15], ['accessibility', 15],
    ]);
  });

  it('fails any veto whatever the deduction score, and lists the reason', () => {
    const v = mk('interaction/unanswered', 'interaction', 'critical', { veto: true, message: '来信已 150 天未回复' });
    const s = score([v], 'gov-cn');
    expect(s.total).toBe(97);
    expect(s.passed).toBe(false);
    expect(s.veto).toEqual([{ ruleId: 'interaction/unanswered', target: v.target, url: v.url, reason: '来信已 150 天未回复' }]);
    expect(s.reasons).toEqual(['veto interaction/unanswered: 来信已 150 天未回复']);
  });

  it('caps deductions within a group at its points and says which findings were capped', () => {
    const s = score(times(200, () => mk('links/broken', 'links', 'moderate')), 'gov-cn');
    const g = s.groups.find((x) => x.id === 'availability')!;
    expect(g).toMatchObject({ lost: 15, score: 0, findings: 200 });
    expect(s.total).toBe(85);
    expect(s.deductions.filter((d) => d.points === 0.1)).toHaveLength(150);
    expect(s.deductions.filter((d) => d.capped === 'group').every((d) => d.points === 0)).toBe(true);
    expect(s.deductions.reduce((a, d) => a + d.points, 0)).toBeCloseTo(15, 6);
  });

  it('uses the points table: home-page broken link 1, notice column 5 (confirmed), others estimates', () => {
    const s = score(
      [
        mk('links/broken-home', 'links', 'serious'),
        mk('freshness/stale-column', 'freshness', 'moderate', { evidence: { type: 'notice' } }),
        mk('freshness/stale-column', 'freshness', 'serious', { evidence: { type: 'news' } }),
        mk('accounts/unverifiable', 'accounts', 'info'),
      ],
      'gov-cn',
    );
    const by = (r: string, p: number) => s.deductions.find((d) => d.ruleId === r && d.wanted === p);
    expect(by('links/broken-home', 1)).toMatchObject({ group: 'availability', points: 1, confirmed: false });
    expect(by('freshness/stale-column', 5)).toMatchObject({ group: 'updates', confirmed: true });
    expect(by('freshness/stale-column', 3)).toMatchObject({ group: 'updates', confirmed: false });
    expect(s.deductions.some((d) => d.ruleId === 'accounts/unverifiable')).toBe(false);
    expect(s.total).toBe(91);
  });

  it('passes at exactly the pass mark and fails just below it', () => {
    const at = [
      ...times(5, () => mk('freshness/stale-column', 'freshness', 'moderate', { evidence: { type: 'notice' } })), // 25
      ...times(5, () => mk('interaction/unanswered', 'interaction', 'serious')), // 15
    ];
    expect(score(at, 'gov-cn')).toMatchObject({ total: 60, passed: true, reasons: [] });
    const below = score([...at, mk('links/broken', 'links', 'moderate')], 'gov-cn');
    expect(below).toMatchObject({ total: 59.9, passed: false, reasons: ['score 59.9 below the pass mark 60'] });
  });

  it('falls back to severity points in the category group for rules the table does not name', () => {
    const s = score([mk('security/id-leak', 'security', 'serious')], 'gov-cn');
    expect(s.deductions[0]).toMatchObject({ group: 'functional', points: 1, basis: 'fallback: serious' });
  });

  it('takes points, group sizes and the pass mark from settings', () => {
    const f = times(3, () => mk('links/broken', 'links', 'moderate'));
    const s = score(f, 'gov-cn', { points: { links: 2 }, groups: { availability: 5, updates: 35 }, passMark: 96 });
    expect(s.groups.find((g) => g.id === 'availability')).toMatchObject({ points: 5, lost: 5 });
    expect(s.deductions[0].basis).toBe('config: scoring.points');
    expect(s).toMatchObject({ total: 95, passed: false });
  });
});

describe('general profile', () => {
  it('gives 100 and grade A to a clean site', () => {
    expect(score([], 'general')).toMatchObject({ total: 100, grade: 'A', passed: true, veto: [] });
  });

  it('scores each category 0–100 and weights the total', () => {
    const s = score([mk('axe/image-alt', 'accessibility', 'critical')], 'general');
    expect(s.groups.find((g) => g.id === 'accessibility')).toMatchObject({ score: 75, points: 20 });
    expect(s.total).toBe(95);
    expect(s.grade).toBe('A');
  });

  it('caps repeats of one rule at twice its worst finding', () => {
    const s = score(times(10, () => mk('mobile/small-tap-targets', 'accessibility', 'minor')), 'general');
    expect(s.groups.find((g) => g.id === 'accessibility')!.lost).toBe(4);
    expect(s.deductions.filter((d) => d.capped === 'rule')).toHaveLength(8);
  });

  it('grades by the total and fails below the pass mark', () => {
    const bad = ['search', 'freshness', 'accounts', 'navigation', 'links', 'accessibility', 'interaction', 'services', 'security'].flatMap((c) =>
      times(4, () => mk(`${c}/x${n}`, c as Category, 'serious')),
    );
    const s = score(bad, 'general');
    expect(s.total).toBe(60);
    expect(s.grade).toBe('D');
    expect(s.passed).toBe(true);
    const worse = score([...bad, mk('links/y', 'links', 'critical')], 'general');
    expect(worse.total).toBe(56.25);
    expect(worse).toMatchObject({ grade: 'E', passed: false });
  });
});

describe('fingerprint', () => {
  it('ignores volatile query parameters, fragments, positions and generated ids', () => {
    expect(normaliseUrl('http://a.gov.cn/x?t=1700000000&id=3&_=9#top')).toBe('http://a.gov.cn/x?id=3');
    expect(normaliseSelector('#main > ul:nth-child(3) > li#item-123456 > a[data-v-7ba5bd90]')).toBe('#main > ul > li > a');
    const a = mk('axe/image-alt', 'accessibility', 'critical', { target: 'img:nth-child(2)', url: 'http://a.gov.cn/p?t=1', message: 'x' });
    const b = { ...a, target: 'img:nth-child(5)', url: 'http://a.gov.cn/p?t=2', message: 'y', evidence: { html: '<img src=1>' } };
    expect(fingerprint(a)).toBe(fingerprint(b));
  });

  it('tells apart different rules, targets and pages of element findings', () => {
    const a = mk('axe/label', 'accessibility', 'critical', { target: 'input', url: 'http://a.gov.cn/1' });
    expect(fingerprint(a)).not.toBe(fingerprint({ ...a, ruleId: 'axe/image-alt' }));
    expect(fingerprint(a)).not.toBe(fingerprint({ ...a, target: 'select' }));
    expect(fingerprint(a)).not.toBe(fingerprint({ ...a, url: 'http://a.gov.cn/2' }));
    const link = mk('links/broken', 'links', 'moderate');
    expect(fingerprint(link)).toBe(fingerprint({ ...link, url: 'http://www.x.gov.cn/other-source.html' }));
  });
});

describe('baseline and gate', () => {
  const target = { host: 'www.x.gov.cn', lang: 'zh' as const };
  const old = [mk('links/broken', 'links', 'moderate'), mk('links/broken', 'links', 'moderate'), mk('axe/label', 'accessibility', 'critical', { veto: true })];
  const oldReport = { asOf: '2026-11-01', score: { total: 80 }, findings: old };

  it('marks new, unchanged and fixed findings as a multiset', () => {
    const now = [old[0], { ...old[0] }, mk('search/slow', 'search', 'minor')];
    const a = assess(now, target, { baseline: { file: 'old.json', report: oldReport } });
    expect(a.findings.map((f) => f.baseline)).toEqual(['unchanged', 'new', 'new']);
    expect(a.baseline).toMatchObject({ new: 2, unchanged: 1 });
    expect(a.baseline!.fixed.map((f) => f.target).sort()).toEqual([old[1].target, old[2].target].sort());
  });

  it('with a baseline only new findings fail; without one the verdict does', () => {
    const same = assess(old, target, { baseline: { file: 'old.json', report: oldReport } });
    expect(same.score.passed).toBe(false);
    expect(same.gate).toMatchObject({ passed: true, reasons: [], newOnly: true });
    const fresh = mk('links/broken-home', 'links', 'serious');
    const one = assess([...old, fresh], target, { baseline: { file: 'old.json', report: oldReport } });
    expect(one.gate.passed).toBe(false);
    expect(one.gate.reasons).toEqual([`new serious finding links/broken-home at ${fresh.target}`]);
    expect(assess(old, target, {}).gate.passed).toBe(false);
  });

  it('applies --fail-on and --fail-under', () => {
    const s = score([mk('search/slow', 'search', 'minor')], 'gov-cn');
    const f = [mk('search/slow', 'search', 'minor')];
    expect(gate(s, f, { failOn: 'serious' }, false).passed).toBe(true);
    expect(gate(s, f, { failOn: 'minor' }, false).reasons).toHaveLength(1);
    expect(gate(s, f, { failUnder: 99.9 }, false).reasons).toEqual(['score 99 is below --fail-under 99.9']);
    expect(gate(s, [mk('x/y', 'links', 'critical', { veto: true })], { failOn: 'veto' }, true).passed).toBe(true); // not new
  });
});

describe('README points table', () => {
  it('documents every row of the gov-cn points table as the code has it', async () => {
    const { readFileSync } = await import('node:fs');
    const { GOV_CN_POINTS, GOV_CN_GROUPS } = await import('../src/score/gov-cn-table.js');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const r of GOV_CN_POINTS) {
      const when = r.when ? Object.entries(r.when).map(([k, v]) => `${k} = ${v}`).join(', ') : '';
      expect(readme).toContain(`| \`${r.rule}\` | ${when} | ${r.group} | ${r.points} |`);
    }
    for (const g of GOV_CN_GROUPS) expect(readme).toContain(`| \`${g.id}\` ${g.title.zh} / ${g.title.en} | ${g.points} |`);
  });
});
