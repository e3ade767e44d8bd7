// The score sheet as an XLSX workbook for evaluators: one sheet per part (header block, veto
// items, deductions), headers in the report's language. Written by write-excel-file.
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { answerText, type ScoreSheet } from './scoresheet.js';

/** Site text may hold characters XML forbids, and a cell holds at most 32 767 characters. */
const clean = (v: string) => v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').slice(0, 32_000);
const text = (v: string, bold = false) => ({ value: clean(v), type: String, wrap: true, ...(bold ? { fontWeight: 'bold' as const } : {}) });
const num = (v: number, bold = false) => ({ value: v, type: Number, ...(bold ? { fontWeight: 'bold' as const } : {}) });
const head = (labels: string[]) => labels.map((l) => ({ ...text(l, true), backgroundColor: '#E8ECF0' }));

export const SHEET_NAMES = { zh: ['基本信息', '单项否决', '扣分明细'], en: ['Header', 'Veto items', 'Deductions'] } as const;

export async function renderScoreSheetXlsx(s: ScoreSheet): Promise<Buffer> {
  const L = (zh: string, en: string) => (s.lang === 'zh' ? zh : en);
  const header: SheetData = [[{ ...text(s.title, true), columnSpan: 2 }, null], ...s.header.map(([k, v]) => [text(k, true), text(v)])];
  const vetoes: SheetData = [
    head([L('指标', 'Indicator'), L('判定标准', 'Criterion'), L('是否触发', 'Triggered'), L('证据', 'Evidence'), L('页面地址', 'URLs'), L('截图', 'Screenshots')]),
    ...s.vetoes.map((v) => [text(v.indicator, true), text(v.criterion), text(answerText(v.answer, s.lang), v.answer === 'yes'), text(v.evidence.join('\n')), text(v.urls.join('\n')), text(v.screenshots.join('\n'))]),
  ];
  const rows: SheetData = [
    head([L('一级指标', 'Group'), L('分值', 'Points'), L('扣分指标', 'Indicator'), L('规则', 'Rule'), L('问题数', 'Findings'), L('扣分', 'Deducted'), L('未封顶扣分', 'Before cap'), L('分值来源', 'Figure'), L('问题示例', 'Example'), L('页面地址', 'URL')]),
  ];
  for (const g of s.groups) {
    for (const d of s.deductions.filter((x) => x.group === g.group))
      rows.push([text(d.group), num(d.groupPoints), text(d.indicator), text(d.ruleId), num(d.findings), num(d.points), num(d.wanted), text(d.confirmed ? L('已公开文件', 'published') : L('估计值', 'estimate')), text(d.example), text(d.url)]);
    rows.push([text(`${g.group} ${L('小计', 'subtotal')}${g.notAssessed ? L('（未评估）', ' (not assessed)') : ''}`, true), num(g.points, true), null, null, null, num(g.lost, true), null, text(`${L('得分', 'score')} ${g.score}`, true), null, null]);
  }
  rows.push([text(L('合计', 'Total'), true), num(100, true), null, null, null, num(Math.round((100 - s.total) * 100) / 100, true), null, text(`${L('得分', 'score')} ${s.total}`, true), null, null]);
  const names = SHEET_NAMES[s.lang];
  return writeXlsxFile([
    { data: header, sheet: names[0], columns: [{ width: 18 }, { width: 90 }] },
    { data: vetoes, sheet: names[1], columns: [{ width: 22 }, { width: 50 }, { width: 10 }, { width: 60 }, { width: 50 }, { width: 30 }], stickyRowsCount: 1 },
    { data: rows, sheet: names[2], columns: [{ width: 18 }, { width: 8 }, { width: 44 }, { width: 30 }, { width: 8 }, { width: 8 }, { width: 10 }, { width: 10 }, { width: 60 }, { width: 50 }], stickyRowsCount: 1 },
  ]).toBuffer();
}
