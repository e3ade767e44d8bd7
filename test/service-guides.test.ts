// Reading service guides in the shapes CMSs print them: tables, dl, label spans, headed
// sections, label：value lines, tabs (by id and by position), column-header tables.
import { describe, expect, it } from 'vitest';
import { elementStatus, looksLikeGuide, readGuide } from '../src/analysis/service-guides.js';
import { limitDays } from '../rules/services.js';

const doc = (body: string) => `<!DOCTYPE html><html><head><title>t</title></head><body><div class="head">示范县人民政府</div>${body}<div class="footer">联系电话：0571-88880000 主办单位：示范县人民政府办公室</div></body></html>`;
const URL_ = 'http://www.shifan.gov.cn/zwfw/bszn_1.html';

describe('readGuide', () => {
  it('reads th/td rows, td-label rows with several pairs, and ignores the footer', () => {
    const g = readGuide(
      doc(`<table><tr><th>事项名称</th><td>参保登记</td></tr>
<tr><td><div>设定依据</div></td><td><div>《中华人民共和国社会保险法》</div></td></tr>
<tr><td>法定时限</td><td>20个工作日</td><td>承诺时限</td><td>5个工作日</td></tr>
<tr><th>收费标准：</th><td>不收费</td></tr><tr><th>办理流程</th><td>—</td></tr></table>`),
      URL_,
    );
    expect(g.fields).toMatchObject({ name: '参保登记', basis: '《中华人民共和国社会保险法》', legalLimit: '20个工作日', promisedLimit: '5个工作日', fee: '不收费', process: '—' });
    expect(elementStatus(g, 'fee')).toBe('present');
    expect(elementStatus(g, 'process')).toBe('empty');
    expect(elementStatus(g, 'contact')).toBe('missing'); // the footer's 联系电话 is not the guide's
  });

  it('reads dl lists, label spans, numbered headed sections and label：value lines', () => {
    const g = readGuide(
      doc(`<dl><dt>申请条件</dt><dd>年满16周岁</dd><dt>申请材料</dt><dd>1. 身份证</dd><dd>2. 户口簿</dd></dl>
<div class="row"><span class="k">办理地点：</span><span class="v">民生服务中心</span></div>
<h3>一、办理流程</h3><p>提交材料</p><p>窗口受理</p>
<h3>二、监督投诉</h3><p>12345</p>
<p>办理时间：工作日<br>咨询电话：0571-88880123<br>办理结果：详见附件</p>`),
      URL_,
    );
    expect(g.fields).toMatchObject({ conditions: '年满16周岁', materials: '1. 身份证 2. 户口簿', place: '民生服务中心', process: '提交材料 窗口受理', complaint: '12345', hours: '工作日', contact: '0571-88880123' });
    expect(elementStatus(g, 'result')).toBe('empty'); // 详见附件, and no attachment on the page
  });

  it('reads tabs through their ids and, without ids, by position; a column-header table by position', () => {
    const byId = readGuide(doc(`<ul class="tabs"><li><a href="#a">申请条件</a></li><li><a href="#b">申请材料</a></li></ul><div id="b">身份证</div><div id="a">年满18周岁</div>`), URL_);
    expect(byId.fields).toMatchObject({ conditions: '年满18周岁', materials: '身份证' });
    const byIndex = readGuide(doc(`<div class="tab-bar"><span>办理流程</span><span>收费标准</span></div><div class="panes"><div>受理 审核 办结</div><div>免费</div></div>`), URL_);
    expect(byIndex.fields).toMatchObject({ process: '受理 审核 办结', fee: '免费' });
    const header = readGuide(doc(`<table><tr><th>法定时限</th><th>承诺时限</th><th>到现场次数</th></tr><tr><td>20个工作日</td><td>30个工作日</td><td>0次</td></tr></table>`), URL_);
    expect(header.fields).toMatchObject({ legalLimit: '20个工作日', promisedLimit: '30个工作日', visits: '0次' });
    expect(elementStatus(header, 'visits')).toBe('present');
    // A hall's tab bar with a 基本信息 tab: the labelled tabs map to their panes, the basic-info pane is read as a table.
    const hall = readGuide(
      doc(`<ul class="tab-nav"><li data-target="p0">基本信息</li><li data-target="p1">申请条件</li><li data-target="p2">申请材料</li></ul>
<div id="p0"><table><tr><th>事项名称</th><td>设立登记</td></tr><tr><th>办理结果</th><td>营业执照</td></tr></table></div><div id="p1"><p>年满18周岁</p></div><div id="p2"><p>身份证</p></div>`),
      URL_,
    );
    expect(hall.fields).toMatchObject({ name: '设立登记', result: '营业执照', conditions: '年满18周岁', materials: '身份证' });
    const lost = readGuide(doc(`<ul><li>申请条件</li><li>申请材料</li></ul>`), URL_);
    expect(elementStatus(lost, 'conditions')).toBe('unread'); // a tab without a pane is not called empty
  });

  it('tells guides from pages that only share a few words', () => {
    const guide = readGuide(doc(`<p>事项名称：参保登记</p><p>设定依据：《社会保险法》</p><p>申请条件：无</p><p>申请材料：身份证</p><p>办理地点：中心</p>`), URL_);
    expect(looksLikeGuide(guide, '参保登记')).toBe(true);
    const foi = readGuide(doc(`<p>办公地点：县政府</p><p>办公时间：工作日</p><p>联系电话：0571-1</p><p>申请条件：无</p>`), URL_);
    expect(looksLikeGuide(foi, '政府信息公开指南')).toBe(false);
    // A notice that explains how to apply is a document, not a guide.
    const notice = readGuide(doc(`<h3>一、申请条件</h3><p>本县户籍</p><h3>二、申请材料</h3><p>身份证</p><h3>三、办理流程</h3><p>村申报、镇审核</p><h3>四、办理时间</h3><p>即日起至12月31日</p><h3>五、咨询电话</h3><p>0571-1</p>`), URL_);
    expect(looksLikeGuide(notice, '关于开展2026年度种粮补贴申报工作的通知')).toBe(false);
    expect(looksLikeGuide(notice, '种粮补贴申报')).toBe(false);
    const letter = readGuide(doc(`<p>来信时间：2026-11-01</p><p>办理结果：已回复</p><p>回复时间：2026-11-03</p>`), URL_);
    expect(looksLikeGuide(letter, '关于路灯的咨询')).toBe(false);
  });
});

// Shapes seen on real service halls (Jilin, Shenzhen, Fujian, Xi'an, Shanghai, Hunan, a 政务服务地图 popup),
// reduced to their markup: each was misread once.
describe('readGuide on shapes from real halls', () => {
  const read = (html: string) => readGuide(`<html><body>${html}</body></html>`, URL_).fields;
  it.each([
    ['label and value spans without a colon', '<ul><li><span>承诺办结时限</span><span>12个工作日</span></li><li><span>是否收费</span><span>否</span></li></ul>', { promisedLimit: '12个工作日', fee: '否' }],
    ['an accordion whose value sits beside the title\'s wrapper', '<div class="van-collapse van-hairline--top-bottom"><div class="item"><div role="button"><div><img src="i.png">&nbsp; 受理条件</div><i class="arrow"></i></div><div class="wrapper" style="display:none"><div>材料齐全</div></div></div></div>', { conditions: '材料齐全' }],
    ['a heading row with its value in the next row', '<table><tr><td>办理条件</td></tr><tr><td><div>材料齐全、符合法定形式</div></td></tr><tr><td>收费标准</td></tr><tr><td>不收费</td></tr></table>', { conditions: '材料齐全、符合法定形式', fee: '不收费' }],
    ['a neighbour field that is no element', '<table><tr><th>法定时限</th><td>50个工作日</td><th>法定时限说明</th><td>无</td></tr><tr><th>办理结果</th><td>批复</td><th>结果获取方式</th><td>窗口领取</td></tr></table>', { legalLimit: '50个工作日', result: '批复' }],
    ['a label split by <br>', '<table><tr><td class="label">收费依据<br />和标准</td><td>不收费</td></tr></table>', { fee: '不收费' }],
    ['two labels on one line', '<div>法定办结时限：20个工作日&nbsp;&nbsp;&nbsp;&nbsp;承诺办结时限：15个工作日</div>', { legalLimit: '20个工作日', promisedLimit: '15个工作日' }],
    ['notes in parentheses', '<table><tr><th>承诺时限(工作日)</th><td>3</td></tr><tr><th>是否收费（收费标准）</th><td>不收费</td></tr></table><p><span>申请（办理）条件：</span><span>年满16周岁</span></p>', { promisedLimit: '3', fee: '不收费', conditions: '年满16周岁' }],
    ['a flex grid of label and value cells', '<div class="grid"><div>事项名称</div><div>高龄津贴申领</div><div>事项编码</div><div>MZ-0012</div></div>', { name: '高龄津贴申领' }],
    ['p.label / p.value pairs', '<div><p class="p1">事项类型</p><p class="p2">行政审批</p><p class="p1">办理主体</p><p class="p2">莲湖区行政审批服务局</p></div>', { type: '行政审批', department: '莲湖区行政审批服务局' }],
    ['a one-tab section header', '<div class="bsbox"><div class="bsboxT"><ul><li class="on"><span>办理依据</span></li></ul></div><div class="bsboxC"><div>《建筑法》第七条</div></div></div>', { basis: '《建筑法》第七条' }],
    ['a section title with a count', '<div class="guide-title">材料列表 <span class="num">共3种材料</span></div><div class="material-list"><div>申请书</div></div>', { materials: '申请书' }],
    ['layui tabs with icon glyphs and a badge', '<ul class="layui-tab-title"><li><span class="iconfont">\ue642</span>相关办理地点</li><li><span class="iconfont">\uea48</span>相关参考材料<span class="layui-badge">2</span></li></ul><div class="layui-tab-content"><div>县政务服务中心</div><div>参保登记表</div></div>', { place: '县政务服务中心', materials: '参保登记表' }],
  ])('%s', (_, html, want) => {
    expect(read(html)).toMatchObject(want);
  });

  it('never reads a row of table headers, a button or a footer as an empty element', () => {
    const headers = read('<table><tr><th>证照名称</th><th>受理机关</th><th>受理条件</th><th>法律依据</th></tr></table>');
    expect(headers.conditions ?? null).toBeNull();
    expect(headers.basis ?? null).toBeNull();
    expect(read('<table><tr><th>事项名称</th><td>X</td></tr></table><a class="btn" href="/apply">在线办理</a>').online).toBeUndefined();
    expect(read('<table><tr><th>事项名称</th><td>X</td></tr></table><div class="foot"><p>联系电话：029-88624845</p></div>').contact).toBeUndefined();
  });
});

describe('limitDays', () => {
  it('reads working and calendar days, and 即办', () => {
    expect(limitDays('20个工作日')).toEqual({ days: 20, unit: 'working' });
    expect(limitDays('30日')).toEqual({ days: 30, unit: 'calendar' });
    expect(limitDays('即办件')).toEqual({ days: 0, unit: 'working' });
    expect(limitDays('按规定')).toBeNull();
  });
});
