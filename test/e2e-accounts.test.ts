// The accounts rule on the sample portal: platform hosts served from loopback over TLS.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, PLATFORM_HOSTS, PORTAL_HOST, type FixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import type { Report } from '../src/report/model.js';
import { runRuleOnServer } from './helpers/rule.js';
import { runCli, tempDir } from './helpers/cli.js';

let srv: FixtureServer;
beforeAll(async () => {
  srv = await startFixtureServer({ asOf: X.FIXTURE_AS_OF });
});
afterAll(() => srv?.close());

type Row = { platform: string; name: string; url: string | null; verdict: string; newestPost: string | null; age: number | null; source: string | null };

describe('accounts', () => {
  it('gives every advertised account its verdict, with evidence', async () => {
    const r = await runRuleOnServer('accounts', srv.port, {
      asOf: X.FIXTURE_AS_OF,
      exclude: ['/slow/**', '/hdjl/calendar*'],
      maxPages: 200,
      resolve: Object.fromEntries(PLATFORM_HOSTS.map((h) => [h, srv.httpsPort])),
    });
    expect(r.errors).toEqual([]);
    const rows = (r.data.accounts as { accounts: Row[] }).accounts;
    const got = rows.map((a) => [a.platform, a.name, a.url, a.verdict, a.age]).sort();
    const want = X.expectedAccounts.map((a) => [a.platform, a.name, a.url, a.verdict, a.newestPostDaysAgo]).sort();
    expect(got).toEqual(want);
    // One finding per account that is not active; none for the active one.
    const active = X.expectedAccounts.filter((a) => a.verdict === 'active').map((a) => a.url);
    expect(r.findings).toHaveLength(X.expectedAccounts.length - active.length);
    expect(r.findings.some((f) => active.includes(f.target))).toBe(false);
    const dormant = r.findings.find((f) => f.ruleId === 'accounts/dormant')!;
    expect(dormant).toMatchObject({ target: X.platformAccounts.weiboZombie.url, category: 'accounts' });
    expect(dormant.evidence).toMatchObject({ platform: 'weibo', age: 425, source: 'page' });
    expect((dormant.evidence.foundOn as string[]).length).toBeGreaterThan(1);
    // Unverifiable accounts are information, never dead or active, never a veto.
    for (const f of r.findings.filter((x) => x.ruleId === 'accounts/unverifiable')) expect([f.severity, f.veto]).toEqual(['info', undefined]);
    expect(rows.find((a) => a.platform === 'bilibili')!.source).toBe('feed');
  });

  it('takes evaluator input over what the page shows, and says so', async () => {
    const dir = tempDir();
    const csv = join(dir, 'accounts.csv');
    writeFileSync(csv, `platform,name,url,lastPost,lastReply\nxiaohongshu,示范文旅,https://www.xiaohongshu.com/user/profile/shifan,${X.FIXTURE_AS_OF},\nwechat,示范发布,,2026-10-01,\n`);
    const res = ['--resolve', `${PORTAL_HOST}=127.0.0.1:${srv.port}`, ...PLATFORM_HOSTS.flatMap((h) => ['--resolve', `${h}=127.0.0.1:${srv.httpsPort}`])];
    await runCli(['audit', `http://${PORTAL_HOST}/`, '--out', dir, '--as-of', X.FIXTURE_AS_OF, '--accounts', csv, '--max-pages', '60', '--exclude', '/slow/**', '--quiet', '--resolve-only', ...res]);
    const rep: Report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    const rows = (rep.data.accounts as { accounts: Row[] }).accounts;
    expect(rows.find((a) => a.platform === 'xiaohongshu')).toMatchObject({ verdict: 'active', source: 'evaluator input', age: 0 });
    expect(rows.find((a) => a.platform === 'wechat')).toMatchObject({ verdict: 'stale', source: 'evaluator input', newestPost: '2026-10-01' });
    expect(rep.findings.find((f) => f.ruleId === 'accounts/stale' && f.target === 'wechat:示范发布')?.veto).toBe(true);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'platform,name,url,lastPost\nweibo,,,yesterday\n');
    const r = await runCli(['audit', srv.url, '--accounts', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/platform and name are required/);
  });
});
