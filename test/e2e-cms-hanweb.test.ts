// Hanweb (大汉) JCMS lists ship inside <script type="text/xml"> datastore records and page through a
// data proxy: read statically, they are columns with content, not blank ones (issue 20, item 1).
import { describe, expect, it } from 'vitest';
import { HANWEB_COLUMNS, HANWEB_PROXY_ONLY } from '../fixtures/cms/sites/hanweb.js';
import { GALLERY_AS_OF, galleryAuditOnce } from './helpers/gallery.js';

const audit = galleryAuditOnce('hanweb', { rules: { search: { enabled: false }, 'transport-security': { enabled: false } } });

describe('CMS gallery: Hanweb datastore lists', () => {
  const a = { get run() { return audit().run; }, get report() { return audit().report; } };
  const column = (name: string) => a.report.data.freshness.columns.find((c: { name: string }) => c.name === name);

  it('reads every record, in the page and through the data proxy, and crawls the articles they link', () => {
    expect(a.run.code).toBe(0);
    const news = column('工作动态');
    expect(news).toMatchObject({ status: 'fresh', items: 100, pages: 3 });
    expect(column('通知公告')).toMatchObject({ status: 'fresh', items: 12 });
    // Its page does not state the total: the proxy's first answer does, and the rest is followed.
    expect(column('政策文件')).toMatchObject({ status: 'fresh', items: 20 });
    const urls = new Set(a.report.pages.map((p: { url: string }) => p.url));
    expect(urls.has(`http://www.dahan.gallery.gov.cn${HANWEB_PROXY_ONLY(GALLERY_AS_OF)}`)).toBe(true);
    const shapes = a.report.pages.filter((p: { scriptShapes?: string[] }) => p.scriptShapes?.length).map((p: { scriptShapes: string[] }) => p.scriptShapes.join());
    expect(shapes).toContain('hanweb-datastore');
    expect(shapes).toContain('hanweb-proxy');
  });

  it('finds the one real blank column and no veto; fresh columns raise nothing serious', () => {
    const blank = a.report.findings.filter((f: { ruleId: string }) => f.ruleId === 'freshness/blank-column');
    expect(blank.map((f: { target: string }) => f.target)).toEqual([HANWEB_COLUMNS.find((c) => c.name === '专题专栏')!.url]);
    expect(a.report.score.veto).toEqual([]);
    const fresh = HANWEB_COLUMNS.filter((c) => c.records > 0).map((c) => c.url);
    const bad = a.report.findings.filter((f: { severity: string; target: string; veto?: boolean }) => (f.veto || ['critical', 'serious'].includes(f.severity)) && fresh.includes(f.target));
    expect(bad).toEqual([]);
  });
});
