// The history page: score per run, availability per day and response times as charts (uPlot,
// bundled into the page: no network), with the tables behind them. One file, opens offline.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Trend } from '../history/trend.js';
import { GOV_CN_GROUPS } from '../score/gov-cn-table.js';

const GROUP_TITLES: Record<string, { zh: string; en: string }> = Object.fromEntries(GOV_CN_GROUPS.map((g) => [g.id, g.title]));

const require = createRequire(import.meta.url);
const lib = () => readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
const css = () => readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

// Reads the data block and draws three charts; a chart with no points says so instead.
const CLIENT = `(function () {
  var d = JSON.parse(document.getElementById('trend-data').textContent);
  var w = Math.min(900, document.body.clientWidth - 32);
  function ts(day) { return Date.parse(day + 'T00:00:00Z') / 1000; }
  function draw(id, title, x, series, data) {
    var el = document.getElementById(id);
    if (!x.length) { el.textContent = d.t.noData; return; }
    new uPlot({ title: title, width: w, height: 240, series: [{}].concat(series), scales: { x: { time: true } } }, [x].concat(data), el);
  }
  var runs = d.runs;
  draw('chart-score', d.t.score, runs.map(function (r) { return ts(r.asOf); }), [{ label: d.t.total, stroke: '#1565c0', width: 2 }, { label: d.t.passMark, stroke: '#c62828', dash: [6, 4] }], [runs.map(function (r) { return r.score; }), runs.map(function () { return d.passMark; })]);
  var days = d.days.filter(function (x) { return x.probes > 0; });
  draw('chart-availability', d.t.availability, days.map(function (x) { return ts(x.day); }), [{ label: d.t.availabilityPct, stroke: '#2e7d32', width: 2 }], [days.map(function (x) { return Math.round(x.availability * 1000) / 10; })]);
  draw('chart-response', d.t.response, days.map(function (x) { return ts(x.day); }), [{ label: 'TTFB p50 ms', stroke: '#6a1b9a' }, { label: d.t.loadP95, stroke: '#ef6c00' }], [days.map(function (x) { return x.ttfbP50; }), days.map(function (x) { return x.loadP95; })]);
  document.body.setAttribute('data-ready', '1');
})();`;

export function renderHistoryHtml(trend: Trend, lang: 'zh' | 'en', passMark = 60): string {
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const t = {
    score: L('每次检测得分', 'Score per audit'), total: L('得分', 'score'), passMark: L('合格线', 'pass mark'), availability: L('每日可访问率', 'Availability per day'),
    availabilityPct: L('可访问率 %', 'available %'), response: L('响应时间', 'Response time'), loadP95: L('完整加载 p95 ms', 'full load p95 ms'), noData: L('暂无数据', 'no data yet'),
  };
  const data = JSON.stringify({ runs: trend.runs.map((r) => ({ asOf: r.asOf, score: r.score })), days: trend.days, passMark, t }).replace(/</g, '\\u003c');
  const script = lib();
  // Group scores per run (gov-cn: points kept per indicator group), in the order first seen.
  const groups = [...new Set(trend.runs.flatMap((r) => Object.keys(r.groups)))];
  const runRows = trend.runs
    .map(
      (r) =>
        `<tr><td>${esc(r.asOf)}</td><td class="n">${r.score ?? L('未评分', 'none')}</td><td class="n">${r.delta === null ? '' : r.delta > 0 ? `+${r.delta}` : r.delta}</td><td>${r.passed ? L('合格', 'passed') : L('不合格', 'failed')}</td><td class="n">${r.vetoes.length}</td>${groups.map((g) => `<td class="n">${r.groups[g] ?? ''}</td>`).join('')}<td class="n">${r.findings}</td><td class="n">${r.new}</td><td class="n">${r.fixed}</td><td class="n">${r.pages}</td></tr>`,
    )
    .join('');
  const fixed = trend.runs
    .filter((r) => r.fixedFindings.length)
    .map((r) => `<details><summary>${esc(r.asOf)}: ${L(`修复 ${r.fixedFindings.length} 项`, `${r.fixedFindings.length} fixed`)}</summary><ul>${r.fixedFindings.slice(0, 200).map((f) => `<li><code>${esc(f.ruleId)}</code> ${esc(f.message)}</li>`).join('')}</ul></details>`)
    .join('');
  const dayRows = trend.days
    .filter((d) => d.probes)
    .map((d) => `<tr><td>${d.day}</td><td class="n">${d.probes}</td><td class="n">${d.failed}</td><td class="n">${d.availability === null ? '' : `${(d.availability * 100).toFixed(1)}%`}</td><td class="n">${d.ttfbP50 ?? ''}</td><td class="n">${d.loadP95 ?? ''}</td></tr>`)
    .join('');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src ${sha(script)} ${sha(CLIENT)}; img-src data:`;
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${esc(L(`历史趋势 — ${trend.site}`, `History — ${trend.site}`))}</title>
<style>${css()}
body{font:15px/1.5 system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:16px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}.n{text-align:right}h2{margin-top:28px}.chart{min-height:60px}</style></head>
<body>
<h1>${esc(L(`历史趋势：${trend.site}`, `History: ${trend.site}`))}</h1>
<p>${esc(L(`历史库：${trend.store}；${trend.runs.length} 次检测，近 ${trend.days.length} 天 ${trend.probes} 次可访问性探测。`, `Store: ${trend.store}; ${trend.runs.length} audits, ${trend.probes} availability probes in the last ${trend.days.length} days.`))}</p>
<h2>${t.score}</h2><div id="chart-score" class="chart"></div>
<table><thead><tr><th>${L('监测日期', 'as of')}</th><th>${L('得分', 'score')}</th><th>${L('变化', 'change')}</th><th>${L('结论', 'verdict')}</th><th>${L('否决项', 'vetoes')}</th>${groups.map((g) => `<th>${esc(GROUP_TITLES[g]?.[lang] ?? g)}</th>`).join('')}<th>${L('问题', 'findings')}</th><th>${L('新增', 'new')}</th><th>${L('已修复', 'fixed')}</th><th>${L('页面', 'pages')}</th></tr></thead><tbody>${runRows}</tbody></table>
${fixed}
<h2>${t.availability}</h2><div id="chart-availability" class="chart"></div>
<h2>${t.response}</h2><div id="chart-response" class="chart"></div>
<table><thead><tr><th>${L('日期', 'day')}</th><th>${L('探测', 'probes')}</th><th>${L('失败', 'failed')}</th><th>${L('可访问率', 'available')}</th><th>TTFB p50 ms</th><th>${t.loadP95}</th></tr></thead><tbody>${dayRows}</tbody></table>
<script type="application/json" id="trend-data">${data}</script>
<script>${script}</script>
<script>${CLIENT}</script>
</body></html>
`;
}
