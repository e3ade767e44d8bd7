// Grouped findings and human URLs in the human formats (issue 21, items 1, 4, 8).
import { describe, expect, it } from 'vitest';
import { byImpact, deductionSubtotals, groupFindings } from '../src/report/groups.js';
import { displayUrl, humanUrl, middleTruncate } from '../src/report/urls.js';
import type { Report } from '../src/report/model.js';

type F = Report['findings'][number];
const finding = (ruleId: string, url: string, target: string, extra: Partial<F> = {}): F =>
  ({ ruleId, category: ruleId.startsWith('axe') ? 'accessibility' : 'links', severity: 'moderate', url, target, message: `${ruleId} ${target}`, evidence: {}, fingerprint: `${ruleId}${url}${target}`, ...extra }) as F;
const deduction = (i: number, f: F, points: number, wanted = points) => ({ finding: i, fingerprint: f.fingerprint, ruleId: f.ruleId, category: f.category, severity: f.severity, group: 'availability', url: f.url, target: f.target, wanted, points, basis: 'b', confirmed: false });

describe('groupFindings', () => {
  it('makes a dead menu link on 72 pages one issue listing its 72 pages, with its points summed', () => {
    const findings = Array.from({ length: 72 }, (_, i) => finding('links/broken', `http://e.gov.cn/p${i}.html`, 'http://e.gov.cn/dead.html'));
    findings.push(finding('links/broken', 'http://e.gov.cn/p0.html', 'http://e.gov.cn/other.html'));
    const score = { deductions: findings.map((f, i) => deduction(i, f, i < 10 ? 0.1 : 0, 0.1)) } as unknown as Report['score'];
    const groups = groupFindings({ findings, score });
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({ ruleId: 'links/broken', target: 'http://e.gov.cn/dead.html', points: 1, wanted: 7.2 });
    expect(groups[0].pages).toHaveLength(72);
    expect(deductionSubtotals({ score })).toEqual([expect.objectContaining({ ruleId: 'links/broken', findings: 73, points: 1 })]);
  });
  it('makes one axe issue of an element repeated across templates, naming them', () => {
    const a = finding('axe/image-alt', 'http://e.gov.cn/', '.logo > img', { evidence: { selector: '.logo > img', templates: ['t1', 't2'], pages: ['http://e.gov.cn/', 'http://e.gov.cn/a'] } });
    const b = finding('axe/image-alt', 'http://e.gov.cn/b', '.logo > img', { evidence: { selector: '.logo > img', templates: ['t3'], pages: ['http://e.gov.cn/b'] } });
    const [g] = groupFindings({ findings: [a, b], score: { deductions: [] } as unknown as Report['score'] });
    expect(g.templates).toEqual(['t1', 't2', 't3']);
    expect(g.pages).toEqual(['http://e.gov.cn/', 'http://e.gov.cn/a', 'http://e.gov.cn/b']);
  });
  it('puts vetoes first, then what costs most', () => {
    const gs = [
      { veto: false, points: 5, severity: 'minor', pages: [] },
      { veto: true, points: 0, severity: 'critical', pages: [] },
      { veto: false, points: 1, severity: 'critical', pages: [] },
    ] as unknown as ReturnType<typeof groupFindings>;
    expect([...gs].sort(byImpact).map((g) => [g.veto, g.points])).toEqual([[true, 0], [false, 5], [false, 1]]);
  });
});

describe('human URLs', () => {
  it('decodes Chinese, keeps reserved escapes and survives malformed ones', () => {
    expect(displayUrl('http://e.gov.cn/search?q=%E6%94%BF%E5%8A%A1&x=%26')).toBe('http://e.gov.cn/search?q=政务&x=%26');
    expect(displayUrl('http://e.gov.cn/a%E7%A4?b=%E8%8C%83')).toBe('http://e.gov.cn/a%E7%A4?b=范');
  });
  it('shortens in the middle, keeping host and file name', () => {
    const u = `http://www.e.gov.cn/${'col/'.repeat(30)}art_123.html`;
    const short = middleTruncate(u, 60);
    expect([...short]).toHaveLength(60);
    expect(short.startsWith('http://www.e.gov.cn/')).toBe(true);
    expect(short.endsWith('art_123.html')).toBe(true);
    expect(humanUrl('http://e.gov.cn/x')).toBe('http://e.gov.cn/x');
  });
});

describe('gate reasons and status words in the report\'s language', () => {
  it('speaks Chinese in a zh report, and leaves report.json\'s English reasons as they are for en', async () => {
    const { reasonText, statusWord } = await import('../src/report/labels.js');
    expect(reasonText('score 32.9 below the pass mark 60', 'zh')).toBe('得分 32.9 低于及格线 60');
    expect(reasonText('score 70 is below --fail-under 80', 'zh')).toBe('得分 70 低于 --fail-under 设定的 80');
    expect(reasonText('new serious finding links/broken at http://e.gov.cn/x', 'zh')).toBe('新增较重问题 links/broken（http://e.gov.cn/x）');
    expect(reasonText('score 32.9 below the pass mark 60', 'en')).toBe('score 32.9 below the pass mark 60');
    expect([statusWord('stale', 'zh'), statusWord('dormant', 'zh'), statusWord('stale', 'en')]).toEqual(['超期未更新', '睡眠/僵尸', 'stale']);
  });
});
