import { describe, expect, it } from 'vitest';
import { runRuleOnFolder } from '../helpers/rule.js';

const checks = (r: Awaited<ReturnType<typeof runRuleOnFolder>>) => r.findings.map((f) => f.ruleId.split('/')[1]).sort();

describe('site-identity', () => {
  it('passes a complete footer on a .gov.cn host', async () => {
    const r = await runRuleOnFolder('site-identity', 'site-identity/complete', { host: 'www.shifan.gov.cn' });
    expect(r.errors).toEqual([]);
    expect(r.findings).toEqual([]);
    // The footer's identity, for the score sheet's header block.
    expect(r.data.security?.identity).toMatchObject({ sponsor: '示范县人民政府办公室', siteIdCode: '3301000012', icp: '浙ICP备12345678号-1', psb: '浙公网安备33010002000123号' });
  });
  it('flags only the domain for a complete footer served from an IP address', async () => {
    const r = await runRuleOnFolder('site-identity', 'site-identity/complete');
    expect(checks(r)).toEqual(['gov-domain']);
    expect(r.findings[0]).toMatchObject({ category: 'security', severity: 'serious', target: '127.0.0.1' });
  });
  it('lists each missing footer mark with the footer text as evidence', async () => {
    const r = await runRuleOnFolder('site-identity', 'site-identity/missing', { host: 'www.shifan.gov.cn' });
    expect(checks(r)).toEqual(['conac-mark', 'error-report', 'psb-record', 'site-id-code', 'sponsor']);
    const f = r.findings.find((x) => x.ruleId === 'site-identity/site-id-code')!;
    expect(f.message).toBe('页脚未展示网站标识码');
    expect(f.url).toBe('http://www.shifan.gov.cn/');
    expect(f.evidence).toMatchObject({ looked: 'footer' });
    expect(String(f.evidence.footerText)).toContain('浙ICP备12345678号');
  });
  it('reports commercial advertising once per ad network, with the pages that load it, and not analytics', async () => {
    const r = await runRuleOnFolder('site-identity', 'site-identity/ads', { host: 'www.shifan.gov.cn' });
    expect(checks(r)).toEqual(['commercial-ads', 'commercial-ads']);
    const baidu = r.findings.find((f) => f.evidence.network === '百度联盟（百青藤）')!;
    expect(baidu).toMatchObject({ severity: 'serious', category: 'security', target: 'https://pos.baidu.com/s?di=u123456' });
    expect(baidu.evidence).toMatchObject({ pageCount: 2 });
    expect(r.findings.find((f) => f.evidence.network === 'Google Ads / AdSense')!.target).toBe('https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-1');
    expect(JSON.stringify(r.findings)).not.toContain('hm.baidu.com');
  });
  it('does not apply to a portal that is not a Chinese government site', async () => {
    const r = await runRuleOnFolder('site-identity', 'site-identity/foreign');
    expect(r.findings).toEqual([]);
  });
});
