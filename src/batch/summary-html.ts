// summary.html: the league table of a batch, one file that opens offline. Every value from a
// portal (names, veto reasons, errors) goes through esc(); the only script is allowed by hash.
import { documentHead, esc } from '../report/html-kit.js';
import { STYLE } from '../report/html-client.js';
import type { BatchSummary, SummaryRow } from './summary.js';

const SCRIPT = `(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#league tbody tr'));
  var q = document.getElementById('q'), verdict = document.getElementById('verdict'), region = document.getElementById('region');
  var count = document.getElementById('count');
  function apply() {
    var needle = (q.value || '').toLowerCase(), shown = 0;
    rows.forEach(function (r) {
      var ok = (!verdict.value || r.getAttribute('data-verdict') === verdict.value) &&
        (!region.value || r.getAttribute('data-region') === region.value) &&
        (!needle || r.textContent.toLowerCase().indexOf(needle) !== -1);
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = String(shown);
  }
  [verdict, region].forEach(function (el) { el.addEventListener('change', apply); });
  q.addEventListener('input', apply);
  document.querySelectorAll('#league th').forEach(function (th) {
    function sort() {
      var body = th.closest('table').tBodies[0];
      var i = Array.prototype.indexOf.call(th.parentNode.children, th);
      var numeric = th.getAttribute('data-sort') === 'num';
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      th.parentNode.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      function key(r) { var t = r.cells[i] ? (r.cells[i].getAttribute('data-v') || r.cells[i].textContent) : ''; if (!numeric) return t; var n = parseFloat(t); return isNaN(n) ? Infinity : n; }
      Array.prototype.slice.call(body.rows).sort(function (a, b) { var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * dir; })
        .forEach(function (r) { body.appendChild(r); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
  });
  apply();
})();`;

/** Score distribution in 10-point bins, as an inline SVG bar chart. */
function histogram(rows: SummaryRow[]): string {
  const bins = Array.from({ length: 10 }, (_, i) => rows.filter((r) => r.score !== null && Math.min(9, Math.floor(r.score / 10)) === i).length);
  const max = Math.max(1, ...bins);
  const w = 44;
  const h = 140;
  const bars = bins
    .map((n, i) => {
      const bh = Math.round((n / max) * (h - 30));
      const colour = i >= 6 ? '#1e7b34' : '#b3261e';
      return `<rect x="${i * w + 4}" y="${h - 20 - bh}" width="${w - 8}" height="${bh}" fill="${colour}"><title>${i * 10}–${i * 10 + 9}: ${n}</title></rect>
<text x="${i * w + w / 2}" y="${h - 24 - bh}" font-size="12" text-anchor="middle">${n || ''}</text>
<text x="${i * w + w / 2}" y="${h - 5}" font-size="11" text-anchor="middle">${i * 10}</text>`;
    })
    .join('\n');
  return `<figure><svg viewBox="0 0 ${10 * w} ${h}" width="${10 * w}" height="${h}" role="img" aria-label="得分分布 / score distribution">${bars}</svg><figcaption>得分分布（60 分及格）/ Score distribution (60 to pass)</figcaption></figure>`;
}

function verdictOf(r: SummaryRow): string {
  return r.status !== 'audited' ? r.status : r.passed ? 'passed' : 'failed';
}

/** Change against the portal's previous audit (history store): score and rank, with its date. */
function change(r: SummaryRow): string {
  const p = r.previous;
  if (!p || p.scoreChange === null) return '';
  const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
  const rank = p.rankChange ? ` · 排名 rank ${p.rankChange > 0 ? '↑' : '↓'}${Math.abs(p.rankChange)}` : '';
  return `<br><small class="${p.scoreChange >= 0 ? 'up' : 'down'}" title="上次 previous ${esc(p.asOf)}: ${p.score} (#${p.rank ?? '–'})">${sign(p.scoreChange)}${rank}</small>`;
}

export function renderSummaryHtml(s: BatchSummary): string {
  const groups = [...new Set(s.rows.flatMap((r) => Object.keys(r.groups)))];
  const regions = [...new Set(s.rows.map((r) => r.region).filter((x): x is string => !!x))].sort();
  const label: Record<string, string> = { passed: '合格 passed', failed: '不合格 failed', unreachable: '无法访问 unreachable', error: '出错 error' };
  const body = s.rows
    .map((r) => {
      const v = verdictOf(r);
      const report = `${encodeURI(r.folder)}/report.html`;
      return `<tr data-verdict="${esc(v)}" data-region="${esc(r.region ?? '')}">
<td class="num" data-v="${r.rank ?? ''}">${r.rank ?? '–'}</td>
<td><a href="${esc(report)}">${esc(r.name)}</a><br><small>${esc(r.url)}</small></td>
<td>${esc(r.region ?? '')}</td><td>${esc(r.department ?? '')}</td>
<td class="num" data-v="${r.score ?? ''}"><b>${r.score ?? '–'}</b>${change(r)}</td>
<td class="${v === 'passed' ? 'ok' : 'bad'}">${esc(label[v] ?? v)}${r.grade ? ` (${esc(r.grade)})` : ''}</td>
<td>${r.veto.length ? `<ul>${r.veto.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : ''}${r.error ? `<span class="bad">${esc(r.error)}</span>` : ''}</td>
${groups.map((g) => `<td class="num">${r.groups[g] ?? '–'}</td>`).join('')}
<td class="num">${r.findings.critical}/${r.findings.serious}/${r.findings.moderate}/${r.findings.minor}</td>
<td class="num">${r.pages}${r.partial ? ' <small class="bad" title="stopped early: the score covers the pages crawled">⏱</small>' : ''}</td></tr>`;
    })
    .join('\n');
  const style = `${STYLE}
td.ok{color:#1e7b34;font-weight:600} td.bad,span.bad{color:#b3261e} small.up{color:#1e7b34} small.down{color:#b3261e} td ul{margin:0;padding-left:1.1em} small{color:#57606a}`;
  return `${documentHead({ lang: 'zh-CN', title: `网站检查排名 · Portal league table · ${esc(s.generatedAt.slice(0, 10))}`, style, script: SCRIPT })}<body>
<header><h1>网站检查排名 / Portal league table</h1>
<p>${s.portals} 个网站 / portals: ${s.passed} 合格 passed, ${s.failed} 不合格 failed, ${s.unreachable} 无法访问 unreachable, ${s.errors} 出错 errors · ${esc(s.generatedAt)} · portal-audit ${esc(s.tool.version)}</p></header>
<main>
${histogram(s.rows)}
<div class="filters">
<label>查找 / Search <input id="q" type="search"></label>
<label>结论 / Verdict <select id="verdict"><option value="">全部 / all</option><option value="passed">合格 passed</option><option value="failed">不合格 failed</option><option value="unreachable">无法访问 unreachable</option><option value="error">出错 error</option></select></label>
<label>地区 / Region <select id="region"><option value="">全部 / all</option>${regions.map((r) => `<option value="${esc(r)}">${esc(r)}</option>`).join('')}</select></label>
<span>显示 / shown: <b id="count">${s.rows.length}</b></span>
</div>
<div class="scroll"><table id="league" class="sortable"><thead><tr>
<th data-sort="num" tabindex="0">排名 Rank</th><th data-sort="text" tabindex="0">网站 Portal</th><th data-sort="text" tabindex="0">地区 Region</th><th data-sort="text" tabindex="0">部门 Department</th>
<th data-sort="num" tabindex="0">得分 Score</th><th data-sort="text" tabindex="0">结论 Verdict</th><th data-sort="text" tabindex="0">否决项 / 错误 Veto / error</th>
${groups.map((g) => `<th data-sort="num" tabindex="0">${esc(g)}</th>`).join('')}
<th data-sort="text" tabindex="0">严重/较重/中/轻 Findings</th><th data-sort="num" tabindex="0">页面 Pages</th>
</tr></thead><tbody>
${body}
</tbody></table></div>
</main>
<script>${SCRIPT}</script>
</body></html>
`;
}
