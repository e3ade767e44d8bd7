// The services rule on hand-made pages: what must not be called a guide or a gap (a review of
// issue 24 found each of these accusing a site wrongly), and pages that must not hang it.
import { describe, expect, it } from 'vitest';
import rule, { limitDays, visitCount } from '../../rules/services.js';
import { looksLikeGuide, readGuide } from '../../src/analysis/service-guides.js';
import { runBy } from '../../src/analysis/service-items.js';
import type { LinkStatus } from '../../src/crawl/link-check.js';
import type { Page, Snapshot } from '../../src/model/types.js';
import type { RuleContext, RuleFinding } from '../../src/rules/types.js';

const ORIGIN = 'http://www.county.gov.cn';
const wrap = (b: string) => `<!DOCTYPE html><html><head><title>t</title></head><body>${b}<div class="footer">联系电话：0571-1</div></body></html>`;
const row = (k: string, v: string) => `<tr><th>${k}</th><td>${v}</td></tr>`;
/** A guide with every core element; `extra` rows add or override. */
const guide = (extra: [string, string][] = [], after = '') => {
  const base: [string, string][] = [
    ['事项名称', '残疾人证新办'], ['设定依据', '《残疾人证管理办法》第五条'], ['申请条件', '本县户籍残疾人'], ['申请材料', '身份证'], ['办理流程', '申请、评定、发证'],
    ['承诺时限', '10个工作日'], ['收费标准', '不收费'], ['办理地点', '县残联'], ['办理时间', '工作日'], ['咨询电话', '0571-2'],
  ];
  const rows = new Map([...base, ...extra]);
  return wrap(`<h1>残疾人证新办</h1><table>${[...rows].map(([k, v]) => row(k, v)).join('')}</table>${after}`);
};

type P = { url: string; body: string; title?: string; meta?: Record<string, string> };
async function run(pages: P[], check?: (url: string) => Promise<LinkStatus>): Promise<RuleFinding[]> {
  const mk = (p: { url: string; title?: string; meta?: Record<string, string> }, depth: number) =>
    ({ url: p.url, finalUrl: p.url, status: 200, depth, parent: null, linkText: null, title: p.title ?? null, h1: p.title ?? null, meta: p.meta ?? {}, links: [], html: true, contentLength: 1000, error: null }) as unknown as Page;
  const bodies = new Map(pages.map((p) => [p.url, p.body]));
  const snapshot = { origin: ORIGIN, pages: [mk({ url: `${ORIGIN}/`, title: '本县人民政府' }, 0), ...pages.map((p) => mk(p, 2))], readBody: async (u: string) => bodies.get(u) ?? null } as unknown as Snapshot;
  const ok = async (url: string): Promise<LinkStatus> => ({ url, finalUrl: url, status: 200, redirects: [], verdict: 'ok', reason: null, method: 'GET', ms: 1 });
  const probe = { checkLink: check ?? ok } as unknown as RuleContext['probe'];
  const out = await rule.run({ snapshot, t: (x) => x.zh, options: {}, probe, siteLang: 'zh', lang: 'zh', asOf: '2026-12-07', timeoutMs: 1000 });
  return Array.isArray(out) ? out : out.findings;
}
const checks = (fs: RuleFinding[]) => fs.map((f) => f.check).filter((c) => c !== 'not-assessed');

describe('services: pages that are not guides', () => {
  it.each([
    ['a news item that explains how to apply', '我县医保集中参保缴费开始啦', wrap('<p>申请条件：本县户籍。</p><p>申请材料：身份证。</p><p>办理流程：村登记、镇审核。</p><p>办理时限：即时办结。</p><p>办理地点：各乡镇便民服务中心。</p><p>咨询电话：0571-1</p>')],
    ['a letter and its reply', '咨询残疾人证办理', wrap('<p>来信时间：2026-11-01</p><p>承办单位：县残联</p><p>办理结果：已办结</p><p>答复：申请条件：持有本县户籍。申请材料：身份证、照片。办理地点：县残联。办理时限：20个工作日。</p>')],
    ['the disclosure guide', '政府信息公开指南', wrap('<p>受理机构：县政府办公室</p><p>办公地点：县行政中心</p><p>申请条件：公民、法人</p><p>申请材料：申请表</p><p>办理流程：受理、审查、答复</p><p>办理时限：20个工作日</p><p>收费标准：不收费</p>')],
    ['a catalogue of items (权责清单)', '公共服务事项清单', wrap(`<table><tr><th>事项名称</th><th>事项类型</th><th>设定依据</th><th>实施主体</th><th>承诺时限</th></tr>${Array.from({ length: 8 }, (_, i) => `<tr><td>事项${i}</td><td>公共服务</td><td>《办法》</td><td>县民政局</td><td>5个工作日</td></tr>`).join('')}</table>`)],
    ['the 办事指南 column index', '办事指南', wrap(`<ul>${Array.from({ length: 8 }, (_, i) => `<li><a href="/bs/${i}.html">事项${i}</a> 承诺时限：5个工作日 到现场次数：0次 是否收费：否</li>`).join('')}</ul>`)],
  ])('%s', async (_, title, body) => {
    expect(looksLikeGuide(readGuide(body, `${ORIGIN}/a.html`), title)).toBe(false);
    expect(checks(await run([{ url: `${ORIGIN}/a.html`, body, title }]))).toEqual([]);
  });
});

describe('services: answers that are not gaps', () => {
  it('a label-word value, a legal limit of 无, combined labels and a download handler are answers', async () => {
    const body = guide(
      [['办理方式', '网上办理'], ['事项类型', '行政确认'], ['法定时限', '无'], ['监督投诉', '12345'], ['办理结果', '详见附件'], ['是否网办', '是'], ['到现场次数', '1次']],
      '<p><a href="/downfile.jsp?filename=jg.doc">结果样本</a></p>',
    );
    const r = readGuide(body, `${ORIGIN}/g.html`);
    expect(r.fields).toMatchObject({ type: '行政确认', legalLimit: '无' });
    expect(checks(await run([{ url: `${ORIGIN}/g.html`, body, title: '残疾人证新办' }]))).toEqual([]);
    expect(readGuide(wrap('<p>办理时间及地点：工作日，县政务服务中心</p><p>咨询及监督投诉电话：0571-1</p>'), ORIGIN).fields).toMatchObject({
      hours: '工作日，县政务服务中心', place: '工作日，县政务服务中心', contact: '0571-1', complaint: '0571-1',
    });
  });

  it('two fields written without a gap stay two', () => {
    expect(readGuide(wrap('<div><span>法定时限：20个工作日</span><span>承诺时限：15个工作日</span></div><p><b>收费标准：</b>不收费<b>收费依据：</b>无</p>'), ORIGIN).fields).toMatchObject({
      legalLimit: '20个工作日', promisedLimit: '15个工作日', fee: '不收费',
    });
  });

  it('free with (0元), a basis by decree number, a legal limit that may be extended: no consistency finding', async () => {
    const body = guide([['收费标准', '不收费（0元）'], ['设定依据', '《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）'], ['法定时限', '20个工作日（经批准可延长10个工作日）'], ['承诺时限', '25个工作日']]);
    expect(checks(await run([{ url: `${ORIGIN}/g.html`, body, title: '残疾人证新办' }])).filter((c) => c !== 'guide-incomplete')).toEqual([]);
    const decree = guide([['设定依据', '浙政办发（2019）5号']]);
    expect(checks(await run([{ url: `${ORIGIN}/g.html`, body: decree, title: '残疾人证新办' }])).filter((c) => c !== 'guide-incomplete')).toEqual([]);
  });
});

describe('services: online entries and paper', () => {
  it('an entry opened by script is not broken, and a guide that also offers online filing is not paper-only', async () => {
    const body = guide([['办理形式', '窗口办理、网上办理'], ['办理方式', '携带身份证原件到窗口办理']], '<a href="javascript:void(0)" onclick="go()">在线办理</a>');
    const fs = await run([{ url: `${ORIGIN}/g.html`, body, title: '残疾人证新办' }]);
    expect(checks(fs).filter((c) => c !== 'guide-incomplete')).toEqual([]);
  });
  it('a result sent by post is a service, not a paper requirement', async () => {
    const body = guide([['是否网办', '全程网办'], ['到现场次数', '0次'], ['送达方式', '邮寄送达或电子证照']], '<button onclick="apply()">在线办理</button>');
    expect(checks(await run([{ url: `${ORIGIN}/g.html`, body, title: '残疾人证新办' }])).filter((c) => c !== 'guide-incomplete')).toEqual([]);
  });
  it('a footer\'s or sidebar\'s dead 在线申报 is not the item\'s entry', async () => {
    const dead = async (url: string): Promise<LinkStatus> => ({ url, finalUrl: url, status: 404, redirects: [], verdict: 'broken', reason: 'HTTP 404', method: 'GET', ms: 1 });
    const body = guide([], '<aside><a href="/404">在线申报</a></aside><div class="g-footer"><a href="/old/">网上办事大厅</a></div>');
    expect(checks(await run([{ url: `${ORIGIN}/g.html`, body, title: '残疾人证新办' }], dead))).not.toContain('entry-broken');
  });
  it('still finds the paper-only item', async () => {
    const body = guide([['办理方式', '下载申请表，填写后邮寄至县残联'], ['到现场次数', '2次']]);
    expect(checks(await run([{ url: `${ORIGIN}/g.html`, body, title: '残疾人证新办' }]))).toContain('paper-only');
  });
});

describe('services: helpers', () => {
  it('runBy: a department of this government, not of a district below it', () => {
    expect(runBy('杭州市民政局', '杭州市')).toBe(true);
    expect(runBy('杭州市市场监督管理局', '杭州市')).toBe(true);
    expect(runBy('杭州市西湖区民政局', '杭州市')).toBe(false);
    expect(runBy('邻水县民政局', '便民县')).toBe(false);
  });
  it('reads limits and visits', () => {
    expect(limitDays('20个工作日（经批准可延长10个工作日）')).toEqual({ days: 20, unit: 'working' });
    expect([visitCount('0次'), visitCount('最多跑一次'), visitCount('去现场次数最多跑1趟'), visitCount('零跑动'), visitCount('按需')]).toEqual([0, 1, 1, 0, NaN]);
  });
  // A hang guard, not a benchmark: these shapes took 14–96 s each before the reader was made linear.
  it('reads big hostile pages in bounded time', () => {
    const shapes = [
      wrap(`<div><span>申请条件</span>${'<span>v</span>'.repeat(30000)}</div>`),
      wrap(`<div>${'申请条件<br>'.repeat(20000)}</div>`),
      wrap(`<p>${'<b>申请条件</b>'.repeat(20000)}</p>`),
      wrap(`<div>${'<div>事项名称</div><div>X</div><div>承诺时限</div><div>5个工作日</div>'.repeat(1000)}</div>`),
    ];
    const t = Date.now();
    for (const s of shapes) readGuide(s, ORIGIN);
    expect(Date.now() - t).toBeLessThan(10_000);
  });
});
