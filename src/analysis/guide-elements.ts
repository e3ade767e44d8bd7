// The elements of a service guide (办事指南) and the labels CMSs print them under.
// Sources: 国发〔2016〕55号 (依据、条件、流程、时限、收费标准、注意事项; materials; standard forms),
// 国办函〔2016〕108号 (guide elements standardised), the 2019 indicators' 服务不实用 list
// (事项名称, 设定依据, 申请条件, 办理材料, 办理地点, 办理时间, 联系电话, 办理流程). domain.md §1, §7.

export type ElementId =
  | 'name' | 'type' | 'basis' | 'conditions' | 'materials' | 'process' | 'legalLimit' | 'promisedLimit'
  | 'fee' | 'place' | 'hours' | 'contact' | 'complaint' | 'result' | 'online' | 'visits';

export interface GuideElement {
  id: ElementId;
  label: { zh: string; en: string };
  /** Labels a guide prints the element under (compared after numbering and colons are stripped). */
  labels: string[];
  /** core: in the 2019 indicator's list or 55号's; further: in the national standard guide. */
  tier: 'core' | 'further';
  /** Where the requirement comes from. */
  source: string;
  /** Answers that look empty but are answers for this element (不收费, 0 次). */
  answers?: RegExp;
}

const I2019 = '国办秘函〔2019〕19号 服务不实用';
const G55 = '国发〔2016〕55号';
const G108 = '国办函〔2016〕108号';

export const GUIDE_ELEMENTS: readonly GuideElement[] = [
  { id: 'name', label: { zh: '事项名称', en: 'item name' }, labels: ['事项名称', '服务事项名称', '审批事项名称', '事项全称', '服务名称', '子项名称', '一件事名称', '事项标题'], tier: 'core', source: I2019 },
  { id: 'type', label: { zh: '事项类型', en: 'item type' }, labels: ['事项类型', '事项类别', '权力类型', '权力类别', '事项性质', '审批类别'], tier: 'further', source: G108 },
  { id: 'basis', label: { zh: '设定依据', en: 'legal basis' }, labels: ['设定依据', '实施依据', '法律依据', '办理依据', '政策依据', '法定依据', '设立依据', '受理依据', '审批依据'], tier: 'core', source: `${I2019}; ${G55}` },
  { id: 'conditions', label: { zh: '申请条件', en: 'conditions' }, labels: ['申请条件', '受理条件', '办理条件', '申报条件', '受理标准', '准入条件', '申请人条件', '申请受理条件', '申请条件及说明', '申办所需资格条件', '资格条件', '受理条件及说明'], tier: 'core', source: `${I2019}; ${G55}` },
  { id: 'materials', label: { zh: '申请材料', en: 'materials' }, labels: ['申请材料', '办理材料', '申报材料', '所需材料', '材料清单', '提交材料', '申请材料目录', '办事材料', '提交材料目录', '所需资料', '申请资料', '申办材料', '办理材料目录', '材料列表', '相关参考材料', '申请材料清单'], tier: 'core', source: `${I2019}; ${G55}` },
  { id: 'process', label: { zh: '办理流程', en: 'procedure' }, labels: ['办理流程', '办事流程', '办理程序', '审批流程', '受理流程', '办理环节', '申办流程', '审批程序', '流程图', '办理步骤', '事项程序', '窗口办理流程', '办理过程', '申请流程', '办理流程图'], tier: 'core', source: `${I2019}; ${G55}` },
  // Public services often have no statutory limit: 无 answers it.
  { id: 'legalLimit', label: { zh: '法定时限', en: 'statutory time limit' }, labels: ['法定时限', '法定办结时限', '法定期限', '法定办理时限', '法定办结期限'], tier: 'further', source: G108, answers: /^(无|不适用|无法定时限|无法定办结时限)$/ },
  { id: 'promisedLimit', label: { zh: '承诺时限', en: 'promised time limit' }, labels: ['承诺时限', '承诺办结时限', '承诺期限', '办理时限', '办结时限', '承诺办理时限', '办理期限', '审批时限'], tier: 'core', source: G55 },
  { id: 'fee', label: { zh: '收费标准', en: 'fees' }, labels: ['收费标准', '收费情况', '是否收费', '收费项目', '收费', '收费标准及依据', '事项收费', '收费依据和标准', '收费依据及标准'], tier: 'core', source: G55, answers: /^(无|不收费|免费|免收|无收费|否|0元|零收费|不收取.{0,8})$/ },
  { id: 'place', label: { zh: '办理地点', en: 'where to apply' }, labels: ['办理地点', '受理地点', '办理地址', '窗口地址', '受理窗口', '办公地点', '办理窗口', '受理地址', '办公地址', '办事大厅地址', '相关办理地点'], tier: 'core', source: I2019 },
  { id: 'hours', label: { zh: '办理时间', en: 'opening hours' }, labels: ['办理时间', '受理时间', '办公时间', '工作时间', '窗口办理时间'], tier: 'core', source: I2019 },
  { id: 'contact', label: { zh: '咨询电话', en: 'enquiries' }, labels: ['咨询电话', '咨询方式', '联系电话', '咨询途径', '联系方式', '咨询渠道', '咨询投诉电话'], tier: 'core', source: I2019 },
  { id: 'complaint', label: { zh: '监督投诉', en: 'complaints' }, labels: ['监督投诉', '监督电话', '投诉电话', '监督投诉方式', '投诉方式', '监督投诉渠道', '投诉渠道', '监督投诉电话', '监督方式', '监督机关'], tier: 'further', source: G108 },
  { id: 'result', label: { zh: '办理结果', en: 'result' }, labels: ['办理结果', '审批结果', '结果名称', '结果样本', '办结结果', '审批结果名称', '办理结果名称', '证件名称及有效期限'], tier: 'further', source: G108 },
  { id: 'online', label: { zh: '是否网办', en: 'online service' }, labels: ['是否网办', '网上办理', '在线办理', '是否支持网上办理', '网办深度', '网上办理深度', '办理形式', '办理方式', '是否网上办理', '受理形式'], tier: 'further', source: G55, answers: /^(否|不支持|无)$/ },
  { id: 'visits', label: { zh: '到现场次数', en: 'visits in person' }, labels: ['到现场次数', '到办事现场次数', '跑动次数', '最多跑次数', '到现场办理次数', '去现场次数', '到办事现场次数（次）'], tier: 'further', source: '“最多跑一次” (domain.md §7)', answers: /^(0|零)\s*次?$/ },
];

/** Fields that are not elements but tell whose the guide is, or back a fee. */
export const DEPARTMENT_LABELS = ['实施主体', '实施机关', '实施部门', '办理部门', '受理部门', '受理机构', '责任部门', '主管部门', '受理单位', '办理机构', '实施机构', '办理主体', '办理机关', '决定机关', '申请受理机关', '主办处室', '受理机关'];
/** Fields guides print that are no element: they end the value before them (法定时限说明 is not part of 法定时限). */
export const OTHER_FIELD_LABELS = [
  '法定时限说明', '承诺时限说明', '时限说明', '结果获取方式', '缴费方式', '数量限制', '数量限制说明', '办理类型', '办件类型', '事项编码', '唯一码',
  '事项内容', '通办范围', '联办机构', '交通指引', '联系人', '备注', '办理对象', '服务对象', '申报对象', '行使层级', '审查方式', '法律效力', '救济方式',
  '公开类型', '申请表格', '常见问题', '常见问题解答', '温馨提示', '注意事项', '审核时限', '基本信息', '适用情形', '实施编码', '基本编码', '办理进度查询', '送达方式', '审批条件', '中介服务', '特别程序', '权限划分',
  '行使内容', '表格下载', '材料名称', '材料类型', '材料形式', '份数', '序号', '操作', '证照名称',
];
export const FEE_BASIS_LABELS = ['收费依据', '收费标准依据'];

export type FieldId = ElementId | 'department' | 'feeBasis' | 'other';

const BY_LABEL = new Map<string, FieldId>([
  ...OTHER_FIELD_LABELS.map((l) => [l, 'other'] as [string, 'other']),
  ...GUIDE_ELEMENTS.flatMap((e) => e.labels.map((l) => [l, e.id] as [string, ElementId])),
  ...DEPARTMENT_LABELS.map((l) => [l, 'department'] as [string, 'department']),
  ...FEE_BASIS_LABELS.map((l) => [l, 'feeBasis'] as [string, 'feeBasis']),
]);

/** Numbering CMSs put before a label: 一、 （二） 3. 4、 ① */
const NUMBERING = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．)]|[①-⑳]|[■●◆▶·•*＊])\s*/;

/** A label as printed, reduced to the words: numbering, colon, brackets 【】, notes in parentheses (工作日), quotes, counts (共3种材料). */
export function labelWords(text: string): string {
  return text
    .replace(/[\s\ue000-\uf8ff]+/g, '') // icon-font glyphs sit in the private use area
    .replace(NUMBERING, '')
    .replace(/[:：]$/, '')
    .replace(/^【(.*)】$/, '$1')
    .replace(/[（(][^）)]{0,12}[)）]/g, '')
    .replace(/[“”"「」]/g, '')
    .replace(/共\d+[种项个份]?(材料)?$/, '')
    .replace(/\d+$/, '');
}

/** The element (or department, fee basis, another field) a short text names. */
export function labelOf(text: string): FieldId | null {
  if (text.length > 40) return null;
  const t = labelWords(text);
  return t.length >= 2 && t.length <= 12 ? (BY_LABEL.get(t) ?? COMBINED[t]?.[0] ?? null) : null;
}

// Labels that name two elements at once.
const COMBINED: Record<string, ElementId[]> = {
  办理时间及地点: ['hours', 'place'], 办理地点及时间: ['place', 'hours'], 办理时间和地点: ['hours', 'place'], 办理地点和时间: ['place', 'hours'],
  '办理地点、时间': ['place', 'hours'], 受理时间及地点: ['hours', 'place'], 咨询及监督投诉电话: ['contact', 'complaint'], 咨询监督电话: ['contact', 'complaint'],
  咨询投诉电话: ['contact', 'complaint'], 咨询和投诉电话: ['contact', 'complaint'], 咨询及投诉方式: ['contact', 'complaint'], 咨询监督投诉方式: ['contact', 'complaint'],
};

/** Every element a label names (one, or two for 办理时间及地点); empty when it names none. */
export function labelIds(text: string): FieldId[] {
  const both = COMBINED[labelWords(text)];
  if (both) return both;
  const id = labelOf(text);
  return id ? [id] : [];
}


/** `label：value` at the start of a line: the label, and the value after the colon. */
export function inlineLabel(line: string): { id: FieldId; value: string } | null {
  const m = /^(.{2,16}?)[:：]\s*(.*)$/s.exec(line);
  if (!m) return null;
  const id = labelOf(m[1]);
  return id ? { id, value: m[2].trim() } : null;
}

/** Values that say nothing: 无, 暂无, —, 详见附件 (the caller knows whether an attachment exists). */
export const EMPTY_VALUE = /^(?:无|暂无|空|待定|待补充|未设置|—+|-+|\/|／|…+|\.+|null|undefined)$/i;
export const SEE_ATTACHMENT = /^(?:详见|请见|见|参见)附件[。.]?$/;

export const elementById = (id: ElementId) => GUIDE_ELEMENTS.find((e) => e.id === id)!;
