import { describe, expect, it } from 'vitest';
import { isConsultation, readLetter, workingDaysBetween } from '../src/analysis/letters.js';
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
    expect(workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1); // Fri → Mon
    expect(workingDaysBetween('2026-11-02', '2026-11-23')).toBe(15);
    expect(workingDaysBetween('2026-11-02', '2026-11-02')).toBe(0);
  });
  it('knows consultation channels from petitions, interviews and surveys', () => {
    expect(['县长信箱', '领导信箱', '留言咨询', '12345政务服务热线诉求', 'Ask the Mayor mailbox'].every(isConsultation)).toBe(true);
    expect(['网上信访', '在线访谈', '在线调查', '纪检监察举报', '意见征集'].some(isConsultation)).toBe(false);
  });
});
