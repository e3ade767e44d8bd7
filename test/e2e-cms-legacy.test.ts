// Older CMS shapes: an EmpireCMS portal in GBK behind a frameset, with a column listed in an
// iframe; a DedeCMS portal with dynamic list.php/view.php URLs and a removed column whose server
// answers 200 with its "404" page (issue 20: framesets and iframes, GBK, item 8 soft 404s).
import { describe, expect, it } from 'vitest';
import { DEDE_NEWS } from '../fixtures/cms/sites/dede.js';
import { galleryAuditOnce } from './helpers/gallery.js';

const QUIET = { 'transport-security': { enabled: false } };
const empire = galleryAuditOnce('empire', { rules: QUIET });
const dede = galleryAuditOnce('dede', { rules: { ...QUIET, search: { enabled: false } } });
type F = { ruleId: string; severity: string; target: string; veto?: boolean; evidence: Record<string, unknown> };

describe('CMS gallery: EmpireCMS frameset in GBK', () => {
  it('reads the pages behind the frameset at the home page\'s depth, and the framed list as its column', () => {
    const r = empire().report;
    const depth = (path: string) => r.pages.find((p: { url: string }) => p.url === `http://www.dixiang.gallery.gov.cn${path}`)?.depth;
    expect([depth('/'), depth('/top.html'), depth('/main.html')]).toEqual([0, 0, 0]);
    expect(depth('/news/')).toBe(1);
    const cols = Object.fromEntries(r.data.freshness.columns.map((c: { name: string }) => [c.name, c]));
    expect(cols['政务动态']).toMatchObject({ status: 'fresh', items: 30, pages: 3 });
    expect(cols['人事信息']).toMatchObject({ status: 'fresh', items: 6, pages: 2 });
    expect(r.pages.find((p: { url: string }) => p.url.endsWith('/news/'))).toMatchObject({ charset: 'gb18030', title: '政务动态_帝乡县人民政府' });
  });
  it('takes the home page\'s footer, search box and lists from its frames: no false gaps, no veto', () => {
    const r = empire().report;
    const bad = r.findings.filter((f: F) => /site-identity\/|search\/no-search|freshness\/(blank|home)|navigation\/dead-end/.test(f.ruleId));
    expect(bad).toEqual([]);
    expect(r.data.search.entryOn).toBe('home');
    expect(r.score.veto).toEqual([]);
  });
});

describe('CMS gallery: DedeCMS dynamic pages and a soft 404', () => {
  it('crawls every view.php?aid= article: numeric ids are pages, not a query trap', () => {
    const r = dede().report;
    expect(r.pages.filter((p: { url: string }) => p.url.includes('/plus/view.php?aid=')).length).toBe(DEDE_NEWS.count);
    expect(r.crawl.traps).toEqual([]);
    expect(r.data.freshness.columns.find((c: { name: string }) => c.name === '新闻动态')).toMatchObject({ status: 'fresh', items: DEDE_NEWS.count });
  });
  it('reports a 200 "页面不存在" page as a broken link, not a page', () => {
    const r = dede().report;
    const url = 'http://www.zhimeng.gallery.gov.cn/a/zcwj/';
    expect(r.pages.find((p: { url: string }) => p.url === url)).toMatchObject({ status: 200, error: expect.stringMatching(/^soft 404/) });
    const broken = r.findings.find((f: F) => f.target === url);
    expect(broken).toMatchObject({ ruleId: 'links/broken-home', severity: 'serious' });
    expect(r.data.freshness.columns.some((c: { url: string }) => c.url === url)).toBe(false);
    expect(r.score.veto).toEqual([]);
  });
});
