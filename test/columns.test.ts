import { describe, expect, it } from 'vitest';
import { classifyColumn, paginationKey } from '../src/analysis/columns.js';

describe('column types', () => {
  const cases: [string | undefined, string, string][] = [
    ['工作动态', '乡镇动态', 'news'],
    [undefined, '要闻动态', 'news'],
    [undefined, '通知公告', 'notice'],
    [undefined, '政策文件', 'notice'],
    [undefined, '政策解读', 'notice'],
    ['人事信息', '人事信息', 'info'],
    [undefined, '规划计划', 'info'],
    [undefined, '财政预决算', 'info'],
    [undefined, '县情概况', 'static'],
    [undefined, '机构职能', 'static'],
    [undefined, '县长信箱', 'interaction'],
    [undefined, 'Press releases', 'news'],
    [undefined, 'Public notices', 'notice'],
    [undefined, 'About the city', 'static'],
    [undefined, '其他', 'unknown'],
  ];
  for (const [ct, name, type] of cases) it(`${ct ?? '-'} / ${name} → ${type}`, () => expect(classifyColumn(ct, name).type).toBe(type));
  it('prefers ColumnType over the name', () => expect(classifyColumn('通知公告', '最新动态')).toEqual({ type: 'notice', source: 'ColumnType' }));
});

describe('pagination keys', () => {
  it('fold CMS index pages and page parameters, keep other columns apart', () => {
    const k = paginationKey('http://a.cn/xwdt/index.html');
    expect(paginationKey('http://a.cn/xwdt/index_2.html')).toBe(k);
    expect(paginationKey('http://a.cn/xwdt/')).toBe(k);
    expect(paginationKey('http://a.cn/zcjd/list.html?page=2')).toBe(paginationKey('http://a.cn/zcjd/list.html'));
    expect(paginationKey('http://a.cn/list.jsp?cat=3&pageNo=4')).toBe(paginationKey('http://a.cn/list.jsp?cat=3'));
    expect(paginationKey('http://a.cn/list.jsp?cat=3')).not.toBe(paginationKey('http://a.cn/list.jsp?cat=4'));
    expect(paginationKey('http://a.cn/tzgg/index.html')).not.toBe(k);
  });
});
