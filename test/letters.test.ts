import { describe, expect, it } from 'vitest';
import { isConsultation, readLetter } from '../src/analysis/letters.js';
import { workCalendar, workingDays } from '../src/analysis/workdays.js';
import type { Page } from '../src/model/types.js';

const page = { url: 'http://a.gov.cn/l/1.html', published: null, meta: {}, h1: '咨询', title: null } as unknown as Page;

describe('letters', () => {
  it('reads dates by their labels and the status by its words', () => {
    const l = readLetter('<body><p>留言时间：2026年3月2日</p><p>办理状态：已办结</p><p>答复时间：2026-03-20 09:00</p><p>答复内容：已安排维修。</p></body>', page, 'http://a.gov.cn/l/', '2026-11-22');
    expect(l).toMatchObject({ submitted: '2026-03-02', replied: '2026-03-20', answered: true, status: '已办结' });
    const open = readLetter('<body><p>来信时间：2026-05-01</p><p>状态：处理中</p></body>', page, 'x', '2026-11-22');
    expect(open).toMatchObject({ submitted: '2026-05-01', replied: null, answered: false, status: '处理中' });
  });
  it('counts working days, weekends excluded', () => {
    expect(workingDays('2026-11-20', '2026-11-23').days).toBe(1); // Fri → Mon
    expect(workingDays('2026-11-02', '2026-11-23').days).toBe(15);
    expect(workingDays('2026-11-02', '2026-11-02').days).toBe(0);
  });
  it('knows consultation channels from petitions, interviews and surveys', () => {
    expect(['县长信箱', '领导信箱', '留言咨询', '12345政务服务热线诉求', 'Ask the Mayor mailbox'].every(isConsultation)).toBe(true);
    expect(['网上信访', '在线访谈', '在线调查', '纪检监察举报', '意见征集'].some(isConsultation)).toBe(false);
  });
});

// 2026, per the State Council's notice: 中秋 09-25, 国庆 10-01…10-07 off, Sun 09-20 and Sat 10-10 worked;
// 春节 02-15…02-23 off, Sat 02-14 and Sat 02-28 worked.
describe('working days with public holidays and make-up days', () => {
  it('leaves holidays out and counts make-up working days', () => {
    expect(workingDays('2026-09-28', '2026-10-23')).toEqual({ days: 15, weekendsOnlyYears: [] }); // weekends alone: 19
    expect(workingDays('2026-10-08', '2026-10-29').days).toBe(16); // weekends alone: 15 (Sat 10-10 was worked)
    expect(workingDays('2026-09-30', '2026-10-08').days).toBe(1);
    expect(workingDays('2026-02-13', '2026-02-24').days).toBe(2); // Sat 02-14, Tue 02-24
    expect(workingDays('2026-09-18', '2026-09-21').days).toBe(2); // Sun 09-20, Mon 09-21
  });
  it('says which years of a span had weekends alone', () => {
    // 2027 is not in the packaged table: 2027-01-01 (New Year's Day) is counted as a Friday.
    expect(workingDays('2026-12-30', '2027-01-05')).toEqual({ days: 4, weekendsOnlyYears: [2027] });
    expect(workingDays('2003-12-30', '2004-01-02').weekendsOnlyYears).toEqual([2003]);
  });
  it('takes holidays and make-up days from the options for years the package lacks', () => {
    const cal = workCalendar({ holidays: ['2027-01-01', '2027-01-04'], workdays: ['2027-01-02', '2026-10-05'] });
    expect(workingDays('2026-12-30', '2027-01-05', cal)).toEqual({ days: 3, weekendsOnlyYears: [] }); // 12-31, Sat 01-02, 01-05
    expect(workingDays('2026-10-04', '2026-10-05', cal).days).toBe(1); // an option overrides a packaged holiday
    expect(workingDays('2026-12-30', '2027-01-05').days).toBe(4); // the default table is unchanged
    expect(() => workCalendar({ holidays: ['2027-1-1'] })).toThrow(/not a YYYY-MM-DD date/);
  });
});

