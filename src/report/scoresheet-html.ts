// The score sheet as a printable page (A4, paginated) and the PDF Chromium prints from it.
// No script at all; site text goes through esc(); images are only the audit's own screenshots.
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { CHROMIUM_FLAGS, findChromium } from '../crawl/browser.js';
import { documentHead, esc, link } from './html-kit.js';
import { answerText, type ScoreSheet } from './scoresheet.js';

const STYLE = `
@page{size:A4;margin:16mm 14mm 18mm}
body{font:12px/1.5 "Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",system-ui,sans-serif;color:#111;margin:0 auto;max-width:900px;padding:8px}
h1{font-size:22px;text-align:center;margin:8px 0 16px} h2{font-size:16px;margin:20px 0 6px;break-after:avoid}
table{border-collapse:collapse;width:100%;margin:4px 0 12px} th,td{border:1px solid #555;padding:4px 6px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#e8ecf0} td.num{text-align:right;white-space:nowrap} tr{break-inside:avoid} thead{display:table-header-group}
.yes{color:#b3261e;font-weight:700} .na{color:#57606a} .sub td{font-weight:700;background:#f6f8fa}
.head th{width:22%} a{color:#0b57d0} img{max-width:240px;border:1px solid #999;display:block;margin:4px 0}
.verdict{font-size:16px;font-weight:700} .fail{color:#b3261e} .pass{color:#1e7b34}
`;

export function renderScoreSheetHtml(s: ScoreSheet): string {
  const L = (zh: string, en: string) => (s.lang === 'zh' ? zh : en);
  // Values read from the site (its name, sponsor, record numbers) are in its language: translate="no".
  const header = `<table class="head">${s.header.map(([k, v], i) => `<tr><th>${esc(k)}</th><td${s.siteValues.includes(i) ? ' translate="no"' : ''}>${/^https?:\/\//.test(v) ? link(v) : esc(v)}</td></tr>`).join('')}</table>`;
  const vetoes = `<table><thead><tr><th>${esc(L('指标', 'Indicator'))}</th><th>${esc(L('判定标准', 'Criterion'))}</th><th>${esc(L('是否触发', 'Triggered'))}</th><th>${esc(L('证据', 'Evidence'))}</th></tr></thead><tbody>${s.vetoes
    .map(
      (v) => `<tr><td><b>${esc(v.indicator)}</b></td><td>${esc(v.criterion)}</td><td class="answer ${v.answer === 'yes' ? 'yes' : v.answer === 'notAssessed' ? 'na' : ''}">${esc(answerText(v.answer, s.lang))}</td><td>${v.evidence.map((e) => `<div>${esc(e)}</div>`).join('')}${v.urls
        .slice(0, 10)
        .map((u) => `<div>${link(u)}</div>`)
        .join('')}${v.screenshots
        .filter((p) => /^evidence\/[0-9a-f]{16}\.jpg$/.test(p))
        .slice(0, 4)
        .map((p) => `<img src="${esc(p)}" alt="${esc(L('截图取证', 'screenshot'))}">`)
        .join('')}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  const rows = s.groups
    .map((g) => {
      const items = s.deductions.filter((d) => d.group === g.group);
      return `${items
        .map(
          (d) => `<tr><td>${esc(d.group)}</td><td>${esc(d.indicator)}${d.confirmed ? '' : ` <span class="na">[${esc(L('估计值', 'estimate'))}]</span>`}</td><td><code>${esc(d.ruleId)}</code></td><td class="num">${d.findings}</td><td class="num">−${esc(d.points)}</td><td>${esc(d.example)}<br>${link(d.url)}</td></tr>`,
        )
        .join('')}<tr class="sub"><td>${esc(g.group)} ${esc(L('小计', 'subtotal'))}</td><td>${esc(L(`分值 ${g.points}`, `${g.points} points`))}${g.notAssessed ? ` · ${esc(L('未评估', 'not assessed'))}` : ''}</td><td></td><td></td><td class="num">−${esc(g.lost)}</td><td>${esc(L('得分', 'score'))} ${esc(g.score)}</td></tr>`;
    })
    .join('');
  const deductions = `<table><thead><tr><th>${esc(L('一级指标', 'Group'))}</th><th>${esc(L('扣分指标', 'Indicator'))}</th><th>${esc(L('规则', 'Rule'))}</th><th>${esc(L('问题数', 'Findings'))}</th><th>${esc(L('扣分', 'Points'))}</th><th>${esc(L('证据', 'Evidence'))}</th></tr></thead><tbody>${rows}<tr class="sub"><td>${esc(L('合计', 'Total'))}</td><td>100</td><td></td><td></td><td class="num">−${esc(Math.round((100 - s.total) * 100) / 100)}</td><td>${esc(L('得分', 'score'))} ${esc(s.total)}</td></tr></tbody></table>`;
  return `${documentHead({ lang: s.lang === 'zh' ? 'zh-CN' : 'en', title: esc(s.title), style: STYLE, script: '' })}<body>
<h1>${esc(s.title)}</h1>
<p class="verdict ${s.passed ? 'pass' : 'fail'}">${esc(L('检查结论', 'Verdict'))}：${esc(s.passed ? L('合格', 'passed') : L('不合格', 'failed'))} · ${esc(L('得分', 'score'))} ${esc(s.total)}</p>
<h2>${esc(L('一、基本信息', '1. Site and inspection'))}</h2>${header}
<h2>${esc(L('二、单项否决指标', '2. Veto items'))}</h2>${vetoes}
<h2>${esc(L('三、扣分指标', '3. Deductions'))}</h2>${deductions}
<p class="na">${esc(L('详细问题与证据见同目录 report.html 和 report.json。', 'Every finding and its evidence: report.html and report.json in the same folder.'))}</p>
</body></html>
`;
}

/** Print the score sheet page (already written beside evidence/) to an A4 PDF with page numbers. */
export async function printPdf(htmlPath: string, pdfPath: string, browserPath?: string): Promise<void> {
  const executablePath = findChromium(browserPath);
  if (!executablePath) throw new Error('no Chromium found to print the PDF (install Debian\'s chromium or set PORTAL_AUDIT_CHROMIUM)');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    // Only the sheet and its own screenshots load: nothing leaves the machine.
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: 30_000 });
    await page.pdf({
      path: pdfPath,
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: '<div style="font-size:9px;width:100%;text-align:center;color:#555"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
    });
  } finally {
    await browser.close();
  }
}
