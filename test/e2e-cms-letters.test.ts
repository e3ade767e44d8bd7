// Gallery site `letters` through the real CLI: a letter waiting past 15 working days is overdue
// (serious), past three months it is the veto item, and working days know the 2026 National Day
// holidays and make-up days (the site's fixed dates hold for the gallery's as-of date 2026-12-07).
import { describe, expect, it } from 'vitest';
import { FIXED_LETTERS as FIXED, LETTERS_BASE, LETTERS_SITE, RELATIVE_LETTERS as REL } from '../fixtures/cms/sites/letters.js';
import { ANSWERED_LETTERS } from '../fixtures/cms/kit.js';
import { GALLERY_AS_OF, galleryAuditOnce, OFF_TOPIC_RULES } from './helpers/gallery.js';

type F = { ruleId: string; severity: string; veto?: boolean; target: string; url: string; evidence: Record<string, unknown> };
type L = { url: string; waitedWorkingDays: number | null; replyWorkingDays: number | null };

const url = (id: number) => `http://${LETTERS_SITE.host}${LETTERS_BASE}${id}.html`;
// The gallery serves its dates for 2026-12-07; audited as of 2027-01-15, the letter of 2026-11-09
// waits into 2027, a year the packaged table lacks: weekends alone there (Fri 2027-01-01 counted),
// then with New Year's Day given as a rule option.
const LATER = '2027-01-15';
const optionsFor2027 = { ...OFF_TOPIC_RULES, interaction: { options: { holidays: ['2027-01-01'] } } };
const audited = galleryAuditOnce('letters', { rules: OFF_TOPIC_RULES }, { rules: OFF_TOPIC_RULES, asOf: LATER }, { rules: optionsFor2027, asOf: LATER });

describe('gallery: letters (县长信箱 around the reply limit)', () => {
  it('holds the as-of date the fixed letters were computed for', () => expect(audited().report.asOf).toBe(GALLERY_AS_OF));

  it('gives exactly the planted verdicts: overdue, unanswered (veto), late-reply', () => {
    const findings: F[] = audited().report.findings;
    const above = findings.filter((f) => f.severity !== 'info').map((f) => [f.ruleId, f.severity, f.veto ?? false, f.target]);
    expect(above.sort()).toEqual(
      [
        ['interaction/overdue', 'serious', false, url(REL.waiting20.id)],
        ['interaction/overdue', 'serious', false, url(FIXED.waiting60.id)],
        ['interaction/unanswered', 'critical', true, url(REL.waiting120.id)],
        ['interaction/late-reply', 'moderate', false, url(FIXED.afterMakeUpDay.id)],
      ].sort(),
    );
    const byTarget = (id: number) => findings.find((f) => f.target === url(id))!;
    expect(byTarget(REL.waiting20.id).evidence).toMatchObject({ waitedWorkingDays: 20, limit: 15 });
    expect(byTarget(FIXED.waiting60.id).evidence).toMatchObject({ waitedWorkingDays: 60, waitedDays: 90, limit: 15 });
    expect(byTarget(FIXED.afterMakeUpDay.id).evidence).toMatchObject({ replyWorkingDays: 16, limit: 15 });
    for (const f of findings) expect(f.evidence.weekendsOnlyYears).toBeUndefined(); // 2026 is in the holiday table
  });

  it('counts the reply across the National Day week as on time, and leaves prompt answers alone', () => {
    const list: L[] = audited().report.data.interaction.list;
    expect(list.find((l) => l.url === url(FIXED.acrossNationalDay.id))!.replyWorkingDays).toBe(15); // weekends alone: 19
    expect(list.find((l) => l.url === url(REL.waiting15.id))!.waitedWorkingDays).toBe(15);
    const quiet = [FIXED.acrossNationalDay.id, REL.waiting15.id, ...ANSWERED_LETTERS.map((l) => l.id)].map(url);
    expect(audited().report.findings.filter((f: F) => quiet.includes(f.target))).toEqual([]);
    expect(list).toHaveLength(9);
  });

  it('scores the overdue check from the gov-cn table', () => {
    const d = audited().report.score.deductions.filter((x: { ruleId: string }) => x.ruleId === 'interaction/overdue');
    expect(d.map((x: { group: string; wanted: number; confirmed: boolean }) => [x.group, x.wanted, x.confirmed])).toEqual([
      ['interaction', 2, false],
      ['interaction', 2, false],
    ]);
  });
});

describe('gallery: letters, counted into a year the holiday table lacks', () => {
  const overdue = (run: number) => audited(run).report.findings.find((f: F) => f.ruleId === 'interaction/overdue' && f.target === url(REL.waiting20.id));
  it('says in the evidence that weekends alone were counted there', () =>
    expect(overdue(1).evidence).toMatchObject({ submitted: '2026-11-09', waitedWorkingDays: 49, weekendsOnlyYears: [2027] }));
  it('takes the year from the rule options', () => {
    expect(overdue(2).evidence).toMatchObject({ submitted: '2026-11-09', waitedWorkingDays: 48 });
    expect(overdue(2).evidence.weekendsOnlyYears).toBeUndefined();
  });
});

