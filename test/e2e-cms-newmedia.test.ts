// Gallery site `newmedia` through the real CLI: account pages in today's platform markup. Comments
// closed next to recent posts are not a removed account, relative post times date the posts, and
// the removed and the stale account keep their veto.
import { describe, expect, it } from 'vitest';
import { NEWMEDIA_ACCOUNTS as A } from '../fixtures/cms/sites/newmedia.js';
import { galleryAuditOnce, OFF_TOPIC_RULES } from './helpers/gallery.js';

type Row = { platform: string; name: string; url: string; verdict: string; age: number | null; reason: string | null };
type F = { ruleId: string; severity: string; veto?: boolean; target: string; evidence: Record<string, unknown> };

const audited = galleryAuditOnce('newmedia', { rules: OFF_TOPIC_RULES });

describe('gallery: newmedia (政务新媒体 on Weibo, Douyin, Toutiao)', () => {
  it('gives every account of the matrix its verdict and age', () => {
    const rows: Row[] = audited().report.data.accounts.accounts;
    expect(rows.map((r) => [r.platform, r.name, r.url, r.verdict, r.age]).sort()).toEqual(
      Object.values(A).map((a) => [a.platform, a.name, a.url, a.verdict, a.newestDaysAgo]).sort(),
    );
    expect(rows.find((r) => r.url === A.dead.url)!.reason).toBe('page says “账号已注销”');
  });

  it('finds the removed and the stale account (veto), and nothing else above info', () => {
    const findings: F[] = audited().report.findings;
    const above = findings.filter((f) => f.severity !== 'info').map((f) => [f.ruleId, f.severity, f.veto ?? false, f.target]);
    expect(above.sort()).toEqual([
      ['accounts/dead', 'critical', true, A.dead.url],
      ['accounts/stale', 'critical', true, A.stale.url],
    ]);
    expect(findings.find((f) => f.ruleId === 'accounts/stale')!.evidence).toMatchObject({ newestPost: '2026-10-28', age: 40 });
    const active = [A.weibo.url, A.douyin.url, A.toutiao.url];
    expect(findings.filter((f) => active.includes(f.target))).toEqual([]);
    expect(audited().run.code).toBe(1); // the veto fails the site
  });
});
