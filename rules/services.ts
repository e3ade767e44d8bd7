// Services online in name only (服务不实用): service guides missing their elements, forms that
// must go by post or in person, online entries that lead nowhere, promises longer than the law.
// Elements and depth levels: domain.md §7 (国发〔2016〕55号, 国办函〔2016〕108号); the 2019
// indicators' 服务不实用 veto has no published count, so it is judged only when configured.
import { defineRule, type RuleContext, type RuleFinding } from '../src/rules/types.js';
import { zhReason } from '../src/model/reasons.js';
import { GUIDE_ELEMENTS, elementById, type ElementId } from '../src/analysis/guide-elements.js';
import { elementStatus, type ElementStatus } from '../src/analysis/service-guides.js';
import { GUIDE_HEADING, SERVICE_LINK, collectGuides, type ServiceGuide } from '../src/analysis/service-items.js';
import { homePages } from '../src/analysis/home.js';
import { looksLikeResource } from '../src/crawl/url.js';
import type { LinkStatus } from '../src/crawl/link-check.js';

interface Options {
  /** Guides of one department that share a gap become one finding from this many guides. */
  templateMin: number;
  /** Guides read at most. */
  maxGuides: number;
  /** Online entries and forms checked at most. */
  maxChecks: number;
  /** Share of guides missing a core element that makes the 服务不实用 veto; null: not judged (no published count). */
  vetoIncompleteShare: number | null;
}
const DEFAULTS: Options = { templateMin: 2, maxGuides: 500, maxChecks: 400, vetoIncompleteShare: null };

const ONLINE_ENTRY = /在线办理|网上办理|网上申报|在线申报|立即办理|在线申请|网上申请|我要办理|我要申报|在线预约|网上预审|去办理|马上办|在线填报|网上办/;
const FORM_FILE = /\.(docx?|xlsx?|pdf|wps|et|ofd|zip|rar)$/i;
const FULLY_ONLINE = /全程网办|全程网上办理|网上全程办理|全流程网上办理|零跑动|不见面审批|零跑腿|0跑动|全程在线办理/;
const NOT_ONLINE = /不支持|否|无/;
const PAPER = /邮寄|寄送至|到(?:窗口|现场|服务大厅|大厅|服务中心)(?:提交|办理|递交|领取表格)|提交纸质|纸质材料|纸质申请|携带.{0,10}原件|现场提交|现场递交|下载.{0,6}后.{0,10}(?:邮寄|打印|提交|送|递交)|打印后.{0,10}(?:邮寄|提交|送|递交)/g;
const NEGATION = /(?:无需|不需|无须|不用|免于?|不再|不必|免交)[^，。；]{0,6}$/;
const DEPTH_ZH = ['', '仅有办事指南', '可下载表格', '可在线申办', '全程网办'];
const DEPTH_EN = ['', 'guide only', 'forms downloadable', 'online application', 'fully online'];

// 邮寄 about the result (结果邮寄送达, 证照快递到家) is a service, not a paper requirement.
const DELIVERY = /送达|结果|证照|证件|寄递|快递|免费寄|到家/;
/** Wording that asks for paper or a visit, outside negations (无需提交纸质材料) and result delivery. */
function paperWords(text: string): string[] {
  const out = new Set<string>();
  PAPER.lastIndex = 0;
  for (let m = PAPER.exec(text); m; m = PAPER.exec(text)) {
    if (NEGATION.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (DELIVERY.test(text.slice(Math.max(0, m.index - 8), m.index + m[0].length + 8))) continue;
    out.add(m[0]);
  }
  return [...out].slice(0, 5);
}
// The guide offers an online way itself (办理形式：窗口办理、网上办理; 也可通过网上办事大厅申请): never paper-only.
const ALSO_ONLINE = /(?:可|也可|或|还可|亦可)(?:通过|登录|在|到)?[^，。；]{0,12}(?:网上|在线|网站|APP|app|小程序|政务服务网|网上办事大厅)/;
const ONLINE_WAY = /网上办理|网上申报|在线办理|网上申请|在线申请|全程网办|网上预审|掌上办|一网通办|网上办事大厅|小程序|APP|app/;

const COUNT: Record<string, number> = { 零: 0, 一: 1, 两: 2, 二: 2, 三: 3 };
/** Visits in person a guide states (0次, 最多跑一次, 去现场次数最多跑1趟, 零跑动); NaN when it states none. */
export function visitCount(v: string): number {
  if (/^(?:0|零)\s*[次趟]?$/.test(v.trim()) || /零跑动|跑零次|0跑动/.test(v)) return 0;
  const m = /(\d+|[零一两二三])\s*[次趟]/.exec(v);
  return m ? (COUNT[m[1]] ?? Number(m[1])) : NaN;
}

/** Days in a time limit (`20个工作日`, `30日`, `即办` = 0), with its unit; null when none is stated. */
export function limitDays(v: string | null | undefined): { days: number; unit: 'working' | 'calendar' } | null {
  if (!v) return null;
  if (/即办|当场办结|即时办结|立即办结/.test(v)) return { days: 0, unit: 'working' };
  const m = /(\d+(?:\.\d+)?)\s*个?(工作日|自然日|日|天)/.exec(v);
  return m ? { days: Number(m[1]), unit: m[2] === '工作日' ? 'working' : 'calendar' } : null;
}

const CITES = /《[^》]{2,}》|法|条例|规定|办法|决定|意见|通知|规则|细则|令|〔\d{4}〕|\[\d{4}\]|[（(]\d{4}[)）]|第.{1,8}[条号]|\d+号/;
// A fee: an amount above zero, or 收取/收费 not negated (不收费（0元） is free).
const CHARGED = /[1-9]\d*(?:\.\d+)?\s*元|(?<![不免无])(?:收取|按.{0,6}收费)/;
const FREE = /^(无|不收费|免费|免收.*|否|0元|零收费|不收取.*)$/;

interface Assessed {
  g: ServiceGuide;
  statuses: Record<ElementId, ElementStatus>;
  gaps: ElementId[];
  level: 1 | 2 | 3 | 4;
  entries: LinkStatus[];
  forms: LinkStatus[];
  statedOnline: boolean;
  visits: number | null;
  paper: string[];
  paperOnly: boolean;
}

async function assess(g: ServiceGuide, check: (url: string) => Promise<LinkStatus | null>): Promise<Assessed> {
  const statuses = Object.fromEntries(GUIDE_ELEMENTS.map((e) => [e.id, elementStatus(g.reading, e.id)])) as Record<ElementId, ElementStatus>;
  const gaps = GUIDE_ELEMENTS.filter((e) => statuses[e.id] === 'missing' || statuses[e.id] === 'empty').map((e) => e.id);
  const links = g.reading.links;
  const entryLinks = [...new Map(links.filter((l) => ONLINE_ENTRY.test(l.text) && !/下载/.test(l.text) && !looksLikeResource(l.url)).map((l) => [l.url, l])).values()];
  const formLinks = [...new Map(links.filter((l) => /^https?:/.test(l.url) && FORM_FILE.test(new URL(l.url).pathname)).map((l) => [l.url, l])).values()];
  // An entry opened by script (a button, javascript:) cannot be followed: unverifiable, never broken.
  const status = async (url: string): Promise<LinkStatus> =>
    (url.startsWith('http') ? await check(url) : null) ?? {
      url, finalUrl: url, status: null, redirects: [], verdict: url.startsWith('http') ? 'skipped' : 'unverifiable', reason: url.startsWith('http') ? 'not checked (check limit)' : 'opened by script', method: 'GET', ms: 0,
    };
  const entries = await Promise.all(entryLinks.slice(0, 5).map((l) => status(l.url)));
  const forms = await Promise.all(formLinks.slice(0, 10).map((l) => status(l.url)));
  const online = g.reading.fields.online ?? '';
  const visitsText = g.reading.fields.visits ?? '';
  const visits = visitCount(visitsText);
  const statedOnline = (FULLY_ONLINE.test(online) || FULLY_ONLINE.test(g.reading.text) || visits === 0) && !NOT_ONLINE.test(online.trim().slice(0, 3));
  const entryOk = entries.some((e) => e.verdict === 'ok');
  const level = entryOk && statedOnline ? 4 : entryOk ? 3 : forms.some((f) => f.verdict === 'ok') ? 2 : 1;
  const paper = paperWords(g.reading.text);
  const unsure = entries.some((e) => e.verdict === 'unverifiable' || e.verdict === 'skipped');
  const onlineWay = (!!online.trim() && !NOT_ONLINE.test(online.trim().slice(0, 3)) && ONLINE_WAY.test(online)) || ALSO_ONLINE.test(g.reading.text);
  const paperOnly = !entryOk && !unsure && !onlineWay && !statedOnline && (paper.length > 0 || (Number.isFinite(visits) && visits >= 2));
  return { g, statuses, gaps, level, entries, forms, statedOnline, visits: Number.isFinite(visits) ? visits : null, paper, paperOnly };
}

const label = (id: ElementId, t: RuleContext['t']) => t(elementById(id).label);
const isCore = (id: ElementId) => elementById(id).tier === 'core';

/** Gaps every guide of a department shares (with enough guides): one finding for the template. */
function templateGaps(rows: Assessed[], min: number): Map<string, ElementId[]> {
  const byDept = new Map<string, Assessed[]>();
  // Only a department the guides name themselves makes a template (not the news column they sit in).
  for (const r of rows) if (r.g.departmentStated) byDept.set(r.g.department, [...(byDept.get(r.g.department) ?? []), r]);
  const out = new Map<string, ElementId[]>();
  for (const [dept, list] of byDept) {
    if (list.length < min) continue;
    const shared = list[0].gaps.filter((id) => list.every((r) => r.gaps.includes(id)));
    if (shared.length) out.set(dept, shared);
  }
  return out;
}

function consistency(r: Assessed, t: RuleContext['t']): RuleFinding[] {
  const out: RuleFinding[] = [];
  const f = r.g.reading.fields;
  const base = { url: r.g.url, target: r.g.url };
  // 20个工作日（经批准可延长10个工作日）: the law allows the extension too.
  const legal0 = limitDays(f.legalLimit);
  const extension = limitDays(/延长\s*(\d+\s*个?(?:工作日|自然日|日|天))/.exec(f.legalLimit ?? '')?.[1]);
  const legal = legal0 && { ...legal0, days: legal0.days + (extension && extension.unit === legal0.unit ? extension.days : 0) };
  const promised = limitDays(f.promisedLimit);
  if (legal && promised && legal.unit === promised.unit && promised.days > legal.days)
    out.push({
      ...base,
      check: 'promise-exceeds-legal',
      severity: 'moderate',
      message: t({ zh: `“${r.g.name}”承诺时限（${f.promisedLimit}）长于法定时限（${f.legalLimit}）`, en: `"${r.g.name}": the promised time ("${f.promisedLimit}") is longer than the statutory limit ("${f.legalLimit}")` }),
      evidence: { guide: r.g.name, legalLimit: f.legalLimit, promisedLimit: f.promisedLimit },
    });
  const fee = f.fee?.trim();
  const bare = fee?.replace(/[（(][^）)]*[)）]/g, '').replace(/[。.]$/, '').trim();
  if (fee && bare && r.statuses.fee === 'present' && !FREE.test(bare) && CHARGED.test(fee) && !CITES.test(fee) && !(f.feeBasis && CITES.test(f.feeBasis)))
    out.push({
      ...base,
      check: 'fee-without-basis',
      severity: 'minor',
      message: t({ zh: `“${r.g.name}”收取费用但未写明收费依据：${fee.slice(0, 60)}`, en: `"${r.g.name}" charges a fee without stating its basis: "${fee.slice(0, 60)}"` }),
      evidence: { guide: r.g.name, fee: fee.slice(0, 200) },
    });
  const basis = f.basis?.trim();
  if (basis && r.statuses.basis === 'present' && !CITES.test(basis))
    out.push({
      ...base,
      check: 'basis-cites-nothing',
      severity: 'minor',
      message: t({ zh: `“${r.g.name}”的设定依据未引用任何法律法规：${basis.slice(0, 60)}`, en: `"${r.g.name}": the legal basis cites no law or regulation: "${basis.slice(0, 60)}"` }),
      evidence: { guide: r.g.name, basis: basis.slice(0, 200) },
    });
  return out;
}

function depthFindings(r: Assessed, t: RuleContext['t']): RuleFinding[] {
  const out: RuleFinding[] = [];
  const base = { url: r.g.url, target: r.g.url };
  const entries = r.entries.map((e) => ({ url: e.url, verdict: e.verdict, status: e.status, reason: e.reason }));
  if (r.paperOnly)
    out.push({
      ...base,
      check: 'paper-only',
      severity: 'moderate',
      message: t({
        zh: `“${r.g.name}”只能线下办理：指南要求${r.paper.length ? r.paper.map((w) => `“${w}”`).join('、') : `到现场 ${r.visits} 次`}，且没有可用的在线办理入口`,
        en: `"${r.g.name}" can only be done on paper or in person: the guide asks for ${r.paper.length ? r.paper.map((w) => `“${w}”`).join(', ') : `${r.visits} visits`} and has no working online entry`,
      }),
      evidence: { guide: r.g.name, wording: r.paper, visits: r.visits, entries, formsDownloadable: r.forms.filter((f) => f.verdict === 'ok').length },
    });
  const dead = r.entries.length > 0 && r.entries.every((e) => e.verdict === 'broken' || e.verdict === 'redirect-loop');
  if (dead)
    out.push({
      ...base,
      target: r.entries[0].url,
      check: 'entry-broken',
      severity: 'moderate',
      message: t({ zh: `“${r.g.name}”的在线办理入口无法打开（${zhReason(r.entries[0].reason ?? '')}）`, en: `"${r.g.name}": the online-service entry does not open (${r.entries[0].reason ?? ''})` }),
      evidence: { guide: r.g.name, entries },
    });
  if (r.statedOnline && r.level < 3 && !dead && !r.entries.some((e) => e.verdict === 'unverifiable' || e.verdict === 'skipped'))
    out.push({
      ...base,
      check: 'online-claim-unbacked',
      severity: 'minor',
      message: t({ zh: `“${r.g.name}”称可全程网办，但页面没有在线办理入口`, en: `"${r.g.name}" says it is fully online but offers no online-service entry` }),
      evidence: { guide: r.g.name, online: r.g.reading.fields.online ?? null, visits: r.visits },
    });
  return out;
}

export default defineRule({
  id: 'services',
  category: 'services',
  title: { zh: '办事指南与在线办理', en: 'Service guides and online services' },
  description: {
    zh: '读取门户及其链接的政务服务网上的办事指南：核对事项名称、设定依据、申请条件、申请材料、办理流程、时限、收费标准、办理地点和时间、咨询与监督投诉方式、办理结果、是否网办、到现场次数等要素是否齐全；按“仅指南 / 可下载表格 / 可在线申办 / 全程网办”评定在线办理深度；只能邮寄或到现场办理、在线入口打不开、承诺时限长于法定时限、收费无依据、设定依据未引用法规的事项逐一列出，同一部门共有的缺项合并为一条。',
    en: 'Reads the service guides on the portal and on the service hall it links to: checks the elements (item name, legal basis, conditions, materials, procedure, time limits, fees, place and hours, enquiries and complaints, result, online service, visits in person); rates each item\'s online depth (guide only / forms downloadable / online application / fully online); lists paper-only items, online entries that do not open, promised times longer than the statutory limit, fees without a basis and legal bases that cite nothing; a gap every guide of a department shares is one finding.',
  },
  severity: 'moderate',
  standards: ['国办秘函〔2019〕19号 单项否决 · 服务不实用', '国办秘函〔2019〕19号 办事服务', '国发〔2016〕55号', '国办函〔2016〕108号'],
  offsite: (l) => l.tag === 'a' && SERVICE_LINK.test(l.text),
  // Guides a hall writes with script (tabs filled from data) are read as the browser shows them.
  renderWhen: (p) => (GUIDE_HEADING.test(`${p.title ?? ''} ${p.h1 ?? ''} ${p.linkText ?? ''}`) && p.contentLength < 300 ? 'service guide built by script' : null),
  async run({ snapshot, t, options, probe, siteLang }) {
    const o = { ...DEFAULTS, ...(options as Partial<Options>) };
    const found = await collectGuides(snapshot, o.maxGuides);
    const home = homePages(snapshot)[0];
    const findings: RuleFinding[] = [];
    if (!found.guides.length) {
      const halls = found.halls.map((h) => `${h.host}（${h.reachable ? `${h.pages} 页` : '无法访问'}）`);
      if (home)
        findings.push({
          check: 'not-assessed',
          severity: 'info',
          url: home.url,
          target: found.halls[0]?.entry ?? home.url,
          message: t({
            zh: `未评估办事服务：未找到办事指南${halls.length ? `（已读取政务服务网 ${halls.join('、')}）` : ''}${found.notAttributed ? `，${found.notAttributed} 份指南未注明本级政府` : ''}`,
            en: `Services not assessed: no service guide found${found.halls.length ? ` (service halls read: ${found.halls.map((h) => h.host).join(', ')})` : ''}${found.notAttributed ? `; ${found.notAttributed} guides do not name this government` : ''}`,
          }),
          evidence: { notAssessed: true, halls: found.halls, notAttributed: found.notAttributed },
        });
      return { findings, data: { assessed: false, guides: 0, halls: found.halls, notAttributed: found.notAttributed } };
    }

    let checks = 0;
    const check = async (url: string) => (checks++ < o.maxChecks ? probe.checkLink(url) : null);
    const rows: Assessed[] = [];
    for (const g of found.guides) rows.push(await assess(g, check));
    const shared = templateGaps(rows, o.templateMin);
    for (const [dept, ids] of shared) {
      const list = rows.filter((r) => r.g.department === dept);
      const lists = [...new Set(list.map((r) => r.g.listedOn).filter(Boolean))];
      const target = lists.length === 1 ? lists[0]! : list[0].g.url;
      findings.push({
        check: 'template-gap',
        severity: ids.some(isCore) ? 'moderate' : 'minor',
        url: target,
        target,
        message: t({
          zh: `${dept}的全部 ${list.length} 份办事指南都缺少${ids.map((id) => label(id, t)).join('、')}`,
          en: `All ${list.length} service guides of "${dept}" lack ${ids.map((id) => label(id, t)).join(', ')}`,
        }),
        evidence: { department: dept, elements: ids, guides: list.map((r) => ({ url: r.g.url, name: r.g.name })), count: list.length },
      });
    }
    for (const r of rows) {
      const own = r.gaps.filter((id) => !(r.g.departmentStated && (shared.get(r.g.department) ?? []).includes(id)));
      if (own.length)
        findings.push({
          check: 'guide-incomplete',
          severity: own.some(isCore) ? 'moderate' : 'minor',
          url: r.g.url,
          target: r.g.url,
          message: t({
            zh: `办事指南“${r.g.name}”缺少${own.map((id) => `${label(id, t)}${r.statuses[id] === 'empty' ? '（内容为空）' : ''}`).join('、')}`,
            en: `Service guide "${r.g.name}" lacks ${own.map((id) => `${label(id, t)}${r.statuses[id] === 'empty' ? ' (empty)' : ''}`).join(', ')}`,
          }),
          evidence: { guide: r.g.name, department: r.g.department, missing: own.filter((id) => r.statuses[id] === 'missing'), empty: own.filter((id) => r.statuses[id] === 'empty') },
        });
      findings.push(...depthFindings(r, t), ...consistency(r, t));
    }
    const incomplete = rows.filter((r) => r.gaps.some(isCore)).length;
    if (o.vetoIncompleteShare !== null && siteLang === 'zh' && home && incomplete / rows.length >= o.vetoIncompleteShare)
      findings.push({
        check: 'veto-incomplete',
        severity: 'critical',
        veto: true,
        url: home.url,
        target: home.url,
        message: t({
          zh: `${incomplete}/${rows.length} 份办事指南缺少核心要素，达到配置的服务不实用否决比例 ${o.vetoIncompleteShare}`,
          en: `${incomplete}/${rows.length} service guides lack core elements: at the configured "services not practical" veto share ${o.vetoIncompleteShare}`,
        }),
        evidence: { incomplete, guides: rows.length, share: o.vetoIncompleteShare },
      });
    // The veto share in force, so a score sheet can tell 否 (checked against it) from 未评估 (none set).
    return { findings, data: { ...reportData(rows, found, t), vetoIncompleteShare: o.vetoIncompleteShare } };
  },
});

function reportData(rows: Assessed[], found: Awaited<ReturnType<typeof collectGuides>>, t: RuleContext['t']) {
  const n = rows.length;
  const depth = { 1: 0, 2: 0, 3: 0, 4: 0 } as Record<1 | 2 | 3 | 4, number>;
  for (const r of rows) depth[r.level]++;
  const departments = [...new Set(rows.map((r) => r.g.department))].map((name) => {
    const list = rows.filter((r) => r.g.department === name);
    return {
      name,
      guides: list.length,
      complete: list.filter((r) => !r.gaps.length).length,
      online: list.filter((r) => r.level >= 3).length,
      paperOnly: list.filter((r) => r.paperOnly).length,
    };
  });
  return {
    assessed: true,
    guides: n,
    notAttributed: found.notAttributed,
    halls: found.halls,
    capped: found.capped,
    elements: GUIDE_ELEMENTS.map((e) => {
      const count = (s: ElementStatus) => rows.filter((r) => r.statuses[e.id] === s).length;
      return { id: e.id, label: t(e.label), tier: e.tier, present: count('present'), empty: count('empty'), missing: count('missing'), unread: count('unread'), share: count('present') / n };
    }),
    depth,
    paperOnly: rows.filter((r) => r.paperOnly).length,
    paperOnlyShare: rows.filter((r) => r.paperOnly).length / n,
    departments,
    list: rows.map((r) => ({
      url: r.g.url,
      name: r.g.name,
      department: r.g.department,
      host: r.g.host,
      level: r.level,
      levelName: t({ zh: DEPTH_ZH[r.level], en: DEPTH_EN[r.level] }),
      missing: r.gaps.filter((id) => r.statuses[id] === 'missing'),
      empty: r.gaps.filter((id) => r.statuses[id] === 'empty'),
      gapsText: r.gaps.map((id) => `${label(id, t)}${r.statuses[id] === 'empty' ? t({ zh: '（为空）', en: ' (empty)' }) : ''}`).join(t({ zh: '、', en: ', ' })),
      paperOnly: r.paperOnly,
      entries: r.entries.map((e) => ({ url: e.url, verdict: e.verdict })),
      forms: r.forms.map((f) => ({ url: f.url, verdict: f.verdict })),
    })),
  };
}
