// Letter systems on another host of the same government are followed and read; when no letter can
// be read, letter handling is "not assessed", never full marks (issue 20, item 9).
import { describe, expect, it } from 'vitest';
import { HDJL, OFFSITE_LETTERS, PLATFORM_12345, PROVINCE_12345, PROVINCE_LETTERS, VENDOR_BOARD } from '../fixtures/cms/sites/offsite.js';
import { galleryAuditOnce } from './helpers/gallery.js';

const QUIET = { 'transport-security': { enabled: false }, search: { enabled: false } };
const kuazhan = galleryAuditOnce('kuazhan', { rules: QUIET });
const yunxin = galleryAuditOnce('yunxin', { rules: QUIET, args: ['-f', 'json,md'] });
type F = { ruleId: string; severity: string; target: string; veto?: boolean };
const letter = (id: number) => `http://${HDJL}/mailbox/detail.html?id=${id}`;

describe('CMS gallery: letters on another host', () => {
  it('follows the 县长信箱 link to the letters host and lists it in the report', () => {
    const r = kuazhan().report;
    expect(r.crawl.satellites.map((s: { host: string }) => s.host)).toEqual([HDJL, PROVINCE_12345]);
    expect(r.crawl.satellites[0]).toMatchObject({ host: HDJL, linkText: '县长信箱', reachable: true, maxPagesReached: false });
    expect(r.crawl.satellites[0].pages.length).toBeGreaterThanOrEqual(9);
    // Its pages are not the portal's.
    expect(r.pages.some((p: { url: string }) => p.url.includes(HDJL))).toBe(false);
    // 7 on the county's own letters host, 1 of 2 on the province's platform (the one its 承办单位 names).
    expect(r.data.interaction).toMatchObject({ assessed: true, letters: 8, answered: 6 });
    expect(r.data.navigation.keyTasks.find((k: { id: string }) => k.id === 'mailbox')).toMatchObject({ found: true, depth: 1 });
  });
  it('finds the letter past three months (veto) and the overdue one there', () => {
    const r = kuazhan().report;
    const of = (id: number) => r.findings.filter((f: F) => f.target === letter(id)).map((f: F) => [f.ruleId, f.severity, !!f.veto]);
    expect(of(OFFSITE_LETTERS.unanswered.id)).toEqual([['interaction/unanswered', 'critical', true]]);
    expect(of(OFFSITE_LETTERS.overdue.id)).toEqual([['interaction/overdue', 'serious', false]]);
    expect(r.score.veto.map((v: { ruleId: string }) => v.ruleId)).toEqual(['interaction/unanswered']);
  });
  it('on a province-wide platform, counts only the letters this government handles', () => {
    const r = kuazhan().report;
    const url = (id: number) => `http://${PROVINCE_12345}/letters/${id}.html`;
    expect(r.data.interaction.list.map((l: { url: string }) => l.url)).toContain(url(PROVINCE_LETTERS.ours.id));
    expect(r.data.interaction.list.map((l: { url: string }) => l.url)).not.toContain(url(PROVINCE_LETTERS.theirs.id));
    expect(r.findings.filter((f: F) => f.target === url(PROVINCE_LETTERS.theirs.id))).toEqual([]);
  });
});

describe('CMS gallery: letters that cannot be read', () => {
  it('says "not assessed" and why, with no veto and no full marks', () => {
    const r = yunxin().report;
    const na = r.findings.filter((f: F) => f.ruleId.startsWith('interaction/'));
    expect(na.map((f: F) => [f.ruleId, f.severity])).toEqual([['interaction/not-assessed', 'info']]);
    expect(r.data.interaction).toMatchObject({ assessed: false, letters: 0 });
    expect(r.data.interaction.notAssessed.join(' ')).toContain(PLATFORM_12345);
    expect(r.data.interaction.notAssessed.join(' ')).toContain('not a host of the same government');
    expect(r.score.veto).toEqual([]);
    const group = r.score.groups.find((g: { id: string }) => g.id === 'interaction');
    expect(group.notAssessed).toHaveLength(1);
    // The vendor's host was never followed.
    expect(r.crawl.satellites.map((s: { host: string }) => s.host)).toEqual([PLATFORM_12345]);
    expect(r.findings.some((f: F) => f.ruleId.startsWith('links/') && f.target === VENDOR_BOARD && f.severity !== 'info')).toBe(false);
  });
  it('shows the group as not assessed in the Markdown summary', async () => {
    const { readFileSync } = await import('node:fs');
    const md = readFileSync(`${yunxin().out}/report.md`, 'utf8');
    expect(md).toMatch(/互动交流 \| 未评估 \(15\/15\)/);
  });
});
