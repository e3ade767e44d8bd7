// TRS WCM writes lists and dates with document.write and pages with createPageHTML; its PubDate meta
// can be the time the pages were regenerated; its redesigned home page lost the search box the
// inner pages still have (issue 20, items 1, 2 and 7).
import { describe, expect, it } from 'vitest';
import { REGENERATED_DAYS_AGO, trsArticle, TRS_COLUMNS } from '../fixtures/cms/sites/trs.js';
import { daysAgo } from '../fixtures/cms/kit.js';
import { GALLERY_AS_OF, galleryAuditOnce } from './helpers/gallery.js';

const HOST = 'http://www.tianrui.gallery.gov.cn';
const audit = galleryAuditOnce('trs', { rules: { 'transport-security': { enabled: false } } });

describe('CMS gallery: TRS script-written lists and dates', () => {
  const a = { get report() { return audit().report; } };
  const column = (name: string) => a.report.data.freshness.columns.find((c: { name: string }) => c.name === name);

  it('follows the createPageHTML pager and reads the items document.write writes', () => {
    expect(column('工作动态')).toMatchObject({ status: 'fresh', items: 60, pages: 4, undated: 0 });
    const urls = new Set(a.report.pages.map((p: { url: string }) => p.url));
    for (const n of [1, 2, 3]) expect(urls.has(`${HOST}/xwdt/index_${n}.html`)).toBe(true);
    // The oldest article is linked only from the last pager page.
    expect(urls.has(HOST + trsArticle(TRS_COLUMNS.news, 59, GALLERY_AS_OF))).toBe(true);
  });

  it('reads dates a script writes from a variable', () => {
    expect(column('政策文件')).toMatchObject({ status: 'fresh', undated: 0, newest: daysAgo(GALLERY_AS_OF, TRS_COLUMNS.policy.ages[0]) });
    expect(a.report.findings.filter((f: { target: string }) => f.target === `${HOST}/zcwj/`)).toEqual([]);
  });

  it('dates articles by the printed 发布日期, not a regenerated PubDate meta, and keeps both', () => {
    const url = HOST + trsArticle(TRS_COLUMNS.notices, 0, GALLERY_AS_OF);
    const p = a.report.pages.find((x: { url: string }) => x.url === url);
    const printed = daysAgo(GALLERY_AS_OF, TRS_COLUMNS.notices.ages[0]);
    expect(p).toMatchObject({ published: printed, publishedSource: 'label 发布日期', publishedConflict: { date: daysAgo(GALLERY_AS_OF, REGENERATED_DAYS_AGO), source: 'meta PubDate' } });
    const stale = a.report.findings.find((f: { ruleId: string; target: string }) => f.ruleId === 'freshness/stale-column' && f.target === `${HOST}/tzgg/`);
    expect(stale?.evidence).toMatchObject({ newest: printed, source: 'articles', newestArticle: { url, published: printed, source: 'label 发布日期', conflict: { source: 'meta PubDate' } } });
    expect(a.report.score.veto).toEqual([]);
  });

  it('finds the search box in the inner pages\' header when the home page has none, and probes it there', () => {
    expect(a.report.findings.filter((f: { ruleId: string }) => f.ruleId === 'search/no-search')).toEqual([]);
    const s = a.report.data.search;
    expect(s.entryOn).toBe('inner pages');
    expect(s.entryPage).not.toBe(`${HOST}/`);
    expect(s.pagesWithEntry).toBeGreaterThan(50);
    expect(s.template).toBe(`${HOST}/search/?q={q}`);
    expect(s.titleRecall).toBe(1);
    expect(a.report.data.navigation.keyTasks.find((k: { id: string }) => k.id === 'search')).toMatchObject({ found: true });
  });
});
