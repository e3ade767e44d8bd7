// The self-contained HTML report: one file, inline style, one hashed script, no requests.
import { trendStrip } from './html-trend.js';
import { CATEGORIES, SEVERITIES, type Lang } from '../model/types.js';
import { pageCounts, type Report } from './model.js';
import { bars, documentHead, esc, gauge, link, table } from './html-kit.js';
import { deductionSubtotals, groupFindings } from './groups.js';
import { CLIENT_SCRIPT, STYLE } from './html-client.js';
import { scriptJson, tableData } from './html-data.js';
import { categoryTables } from './html-sections.js';
import { labels, reasonText } from './labels.js';
import { zhReason } from '../model/reasons.js';
import { basisText } from './basis.js';

const MAX_EVIDENCE = 4000;


function evidence(e: unknown): string {
  const s = JSON.stringify(e, null, 2) ?? '';
  return s.length > MAX_EVIDENCE ? `${s.slice(0, MAX_EVIDENCE)}\n…` : s;
}

/** What the audit did not cover, and pages by outcome: a summary must not read as complete when it is not. */
function limitsBox(report: Report, L: (zh: string, en: string) => string): string {
  const c = report.crawl;
  const { ok, notFound, failed } = pageCounts(report);
  const notChecked = (report.data.links?.notChecked ?? {}) as Record<string, number>;
  const items = [
    L(`页面：正常 ${ok}，404 ${notFound}，出错 ${failed}`, `Pages: ${ok} ok, ${notFound} not found, ${failed} failed`),
    report.target.reachable ? '' : L('站点无法访问：未检测任何内容，各分项均未评估', 'Site unreachable: nothing was checked; no group is assessed'),
    // What a not-assessed group still counts in the total: its points less what other findings cost, unverified.
    ...report.score.groups.filter((g) => g.notAssessed).map((g) => L(`未评估：${g.title.zh}（${g.notAssessed!.join('；')}）；该项得分 ${g.score}（扣 ${g.lost}）未经核实即计入总分`, `Not assessed: ${g.title.en} (${g.notAssessed!.join('; ')}); its score of ${g.score} (−${g.lost}) is counted in the total unverified`)),
    c.limits.maxPagesReached ? L('已达页面数上限，其余页面未抓取', 'page cap reached: further pages were not crawled') : '',
    c.limits.maxDepthSkipped ? L(`超过点击深度上限未抓取 ${c.limits.maxDepthSkipped} 个链接`, `${c.limits.maxDepthSkipped} links beyond the depth limit not crawled`) : '',
    c.limits.maxTimeReached ? L('已达时间上限', 'time limit reached') : '',
    c.limits.robotsSkipped ? L(`robots.txt 禁止抓取 ${c.limits.robotsSkipped} 个`, `${c.limits.robotsSkipped} disallowed by robots.txt`) : '',
    c.traps.length ? L(`爬虫陷阱截断 ${c.traps.length} 处（${c.traps.reduce((n, x) => n + x.skipped, 0)} 个链接未抓取）`, `${c.traps.length} crawler traps cut (${c.traps.reduce((n, x) => n + x.skipped, 0)} links not crawled)`) : '',
    ...Object.entries(notChecked).filter(([, n]) => n > 0).map(([why, n]) => L(`未检查链接 ${n} 个：${zhReason(why)}`, `${n} links not checked: ${why}`)),
  ].filter(Boolean);
  return `<h3>${esc(L('检测范围与限制', 'Coverage and limits'))}</h3><ul class="limits">${items.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`;
}

type Shot = { page: string; element?: string; url?: string; takenAt?: string };
const shotOf = (f: Report['findings'][number]): Shot | null => {
  const s = f.evidence?.screenshot as Shot | undefined;
  return s && typeof s.page === 'string' && /^evidence\/[0-9a-f]{16}\.jpg$/.test(s.page) ? s : null;
};
/** A screenshot as a figure: the element outlined when there is one, else the page; the file opens full size. */
function figure(f: Report['findings'][number], caption: string): string {
  const s = shotOf(f)!;
  const src = s.element && /^evidence\/[0-9a-f]{16}\.jpg$/.test(s.element) ? s.element : s.page;
  return `<figure><a href="${esc(s.page)}"><img src="${esc(src)}" alt="${esc(`${caption}: ${f.ruleId}`)}" loading="lazy" width="320"></a><figcaption>${esc(caption)} · ${esc(s.takenAt ?? '')} · <code>${esc(f.ruleId)}</code></figcaption></figure>`;
}

export function renderHtml(report: Report, lang: Lang): string {
  const { t, cat, sev } = labels(lang);
  const s = report.score;
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const reachable = report.target.reachable;
  const verdict = !reachable ? t('unreachable') : s.passed ? t('passed') : t('failed');
  const hasBaseline = report.baseline !== null;

  const head = `<header>
${gauge(s.total, s.passed && reachable, `${t('score')} ${s.total}`)}
<div><h1>${esc(t('title'))}</h1>
<div>${esc(t('target'))}: ${link(report.target.url)} · ${esc(t('asOf'))} ${esc(report.asOf)} · ${esc(t('profile'))} <b>${esc(s.profile)}</b>${s.grade ? ` · ${esc(t('grade'))} <b>${esc(s.grade)}</b>` : ''}</div>
<div><span class="verdict ${s.passed && reachable ? 'pass' : 'fail'}">${esc(verdict)}</span> ${esc(t('score'))} <b>${esc(s.total)}</b>/100 · ${esc(t('passMark'))} ${esc(s.passMark)}</div>
<div class="muted">${esc(report.tool.name)} ${esc(report.tool.version)} · ${esc(t('generated'))} ${esc(report.generatedAt)}</div></div></header>`;

  // Each veto with its screenshot (截图取证) when one was taken: the report file sits beside evidence/.
  const shots = report.findings.filter((f) => f.veto && shotOf(f));
  const veto = s.veto.length
    ? `<section class="box" id="veto"><h2>${esc(t('veto'))}</h2><ul>${s.veto
        .map((v) => {
          const f = report.findings.find((x) => x.veto && x.ruleId === v.ruleId && x.url === v.url);
          return `<li><b>${esc(v.ruleId)}</b> ${esc(v.reason)} — ${link(v.url)}${f ? `<details><summary>${esc(t('evidence'))}</summary><pre translate="no">${esc(evidence(f.evidence))}</pre></details>` : ''}</li>`;
        })
        .join('')}</ul>${
        shots.length ? `<div class="shots">${shots.map((f) => figure(f, t('screenshot'))).join('')}</div>` : ''
      }</section>`
    : '';
  // Veto reasons are listed just above; the gate box names them once.
  const vetoCount = report.gate.reasons.filter((r) => s.veto.some((v) => r === `veto ${v.ruleId}: ${v.reason}`)).length;
  const gateReasons = [...(vetoCount ? [`${t('veto')}: ${vetoCount}`] : []), ...report.gate.reasons.filter((r) => !r.startsWith('veto ') || !s.reasons.includes(r))];
  const gate = `<section class="box${report.gate.passed ? ' ok' : ''}" id="gate"><b>${esc(t('gate'))}: ${esc(report.gate.passed ? t('gatePassed') : t('gateFailed'))}</b>${
    gateReasons.length ? `<ul>${gateReasons.map((r) => `<li>${esc(reasonText(r, lang))}</li>`).join('')}</ul>` : ''
  }</section>`;
  const b = report.baseline;
  const baseline = b
    ? `<section id="baseline"><h2>${esc(t('baseline'))}</h2><p>${esc(b.file)} (${esc(t('asOf'))} ${esc(b.asOf)}, ${esc(t('score'))} ${esc(b.total)} → ${esc(s.total)}): <b>${b.new}</b> ${esc(t('newFindings'))}, <b>${b.fixed.length}</b> ${esc(t('fixedFindings'))}, <b>${b.unchanged}</b> ${esc(t('unchangedFindings'))}</p>${
        b.fixed.length
          ? `<h3>${esc(t('fixedFindings'))}</h3>` +
            table(
              [
                { label: t('rule'), get: (f: (typeof b.fixed)[number]) => f.ruleId },
                { label: t('severity'), get: (f) => sev(f.severity) },
                { label: t('object'), get: (f) => f.target },
                { label: t('message'), get: (f) => f.message },
              ],
              b.fixed,
            )
          : ''
      }</section>`
    : '';

  const groupChart = bars(
    // A group with no data has earned nothing to show: no bar, "not assessed" (its points are still in the total, as the limits box says).
    s.groups.map((g) => {
      const max = s.profile === 'general' ? 100 : g.points;
      return g.notAssessed || !report.target.reachable ? { label: g.title[lang], value: 0, max, note: `${t('notAssessed')} (${g.score}/${max})`, colour: '#9aa5b1' } : { label: g.title[lang], value: g.score, max };
    }),
    t('groups'),
  );
  const sevCounts = SEVERITIES.map((v) => ({ v, n: report.findings.filter((f) => f.severity === v).length }));
  const maxSev = Math.max(1, ...sevCounts.map((x) => x.n));
  const SEV_COLOUR: Record<string, string> = { critical: '#7a1010', serious: '#b3261e', moderate: '#b26a00', minor: '#5b6b7a', info: '#9aa5b1' };
  const sevChart = bars(sevCounts.map(({ v, n }) => ({ label: sev(v), value: n, max: maxSev, note: String(n), colour: SEV_COLOUR[v] })), t('bySeverity'));
  const overview = `<section id="overview"><h2>${esc(t('groups'))}</h2>${groupChart}<h3>${esc(t('bySeverity'))}</h3>${sevChart}${limitsBox(report, L)}</section>`;

  const toc = `<nav class="toc"><h2 class="print-only">${esc(t('contents'))}</h2>${CATEGORIES.map((c) => `<a href="#cat-${c}">${esc(cat(c))}</a>`).join('')}<a href="#issues">${esc(t('issues'))}</a><a href="#deductions">${esc(t('deductions'))}</a><a href="#findings-section">${esc(t('findings'))}</a><a href="#pages">${esc(t('pages'))}</a></nav>`;

  const sections = CATEGORIES.map((c) => {
    const n = report.findings.filter((f) => f.category === c).length;
    const tables = categoryTables(c, report.data[c] as Record<string, unknown> | undefined, lang);
    return `<section id="cat-${c}"><h2>${esc(cat(c))} <span class="badge">${n}</span></h2>${
      n ? `<p><a href="#findings-section" data-filter-cat="${c}">${esc(L(`查看 ${n} 个问题`, `show ${n} findings`))}</a></p>` : `<p class="muted">${esc(L('未发现问题', 'no findings'))}</p>`
    }${tables}</section>`;
  }).join('\n');

  // Per rule check and group, with subtotals: not one "−0 (capped)" row per finding.
  const subtotals = deductionSubtotals(report);
  const deductions = `<section id="deductions"><h2>${esc(t('deductions'))}</h2>${
    table(
      [
        { label: t('group'), get: (d: (typeof subtotals)[number]) => s.groups.find((g) => g.id === d.group)?.title[lang] ?? d.group },
        { label: t('rule'), get: (d) => d.ruleId },
        { label: t('occurrences'), get: (d) => d.findings, kind: 'num' },
        { label: t('points'), get: (d) => (d.points < d.wanted ? `−${d.points} (${d.wanted}, ${t('capped')})` : `−${d.points}`), kind: 'num' },
        { label: t('basis'), get: (d) => `${basisText(d.basis, report.findings[d.finding], lang)}${d.confirmed ? '' : ` [${t('unconfirmed')}]`}` },
      ],
      subtotals.filter((d) => d.wanted > 0),
    ) || `<p class="muted">${esc(t('none'))}</p>`
  }${s.groups.map((g) => `<span class="badge">${esc(g.title[lang])} −${esc(Math.round(g.lost * 100) / 100)}</span>`).join(' ')}</section>`;

  // One row per issue, worst first: a dead link on 72 pages is one row naming its 72 pages (drawn from the data block).
  const issueCount = groupFindings(report).length;
  const issues = () => `<section id="issues"><h2>${esc(t('issues'))} <span class="badge">${issueCount}</span></h2><p class="muted">${esc(t('issuesNote'))}</p>${
    issueCount > 100 ? `<p class="print-only">${esc(L(`打印版列出影响最大的 100 个问题，共 ${issueCount} 个；全部见 report.json、findings.csv 或本报告的网页版。`, `On paper: the 100 costliest of ${issueCount} issues; all of them are in report.json, findings.csv and this report on screen.`))}</p>` : ''
  }${pagedTable('issues-table', [
    [t('severity'), 'num'], [t('rule'), 'text'], [t('category'), 'text'], [t('object'), 'text'], [t('message'), 'text'], [t('pagesAffected'), 'num'], [t('occurrences'), 'num'], [t('points'), 'num'],
  ])}</section>`;

  const opt = (v: string, label: string) => `<option value="${esc(v)}">${esc(label)}</option>`;
  const filters = `<div class="filters">
<label>${esc(t('category'))} <select id="f-cat">${opt('', t('all'))}${CATEGORIES.map((c) => opt(c, cat(c))).join('')}</select></label>
<label>${esc(t('severity'))} <select id="f-sev">${opt('', t('all'))}${SEVERITIES.map((v) => opt(v, sev(v))).join('')}</select></label>
${hasBaseline ? `<label>${esc(t('state'))} <select id="f-base">${opt('', t('all'))}${opt('new', t('newFindings'))}${opt('unchanged', t('unchangedFindings'))}</select></label>` : ''}
<label>${esc(t('search'))} <input id="f-q" type="search"></label>
<span>${esc(t('showing'))} <b id="f-count">${report.findings.length}</b> ${esc(t('of'))} ${report.findings.length}</span></div>`;
  // Rows are drawn by the page's script from the data block, a page at a time (see html-data.ts).
  const pagedTable = (id: string, cols: [string, string][]) =>
    `<div class="scroll"><table id="${id}" class="sortable" data-paged><thead><tr>${cols
      .map(([l, k]) => `<th data-sort="${k}" tabindex="0">${esc(l)}</th>`)
      .join('')}</tr></thead><tbody></tbody></table></div><div class="pager" data-pager="${id}"></div><noscript><p class="more">${esc(t('noscript'))}</p></noscript>`;
  const onPaper = (n: number) => `<p class="print-only">${esc(L(`共 ${n} 条，逐条明细见 report.json 和 findings.csv（打印版不列出）。`, `${n} in all; every one is in report.json and findings.csv (not printed).`))}</p>`;
  const findings = `<section id="findings-section"><h2>${esc(t('findings'))}</h2><p class="muted">${esc(t('findingsNote'))}</p>${onPaper(report.findings.length)}${filters}${pagedTable('findings', [
    [t('severity'), 'num'],
    [t('rule'), 'text'],
    [t('category'), 'text'],
    [t('page'), 'text'],
    [t('object'), 'text'],
    [t('message'), 'text'],
    [t('points'), 'num'],
  ])}</section>`;

  const c = report.crawl;
  const counts = pageCounts(report);
  const pages = `<section id="pages"><h2>${esc(t('pages'))} <span class="badge">${counts.ok}</span></h2>
<p>${esc(L(`正常 ${counts.ok} · 404 ${counts.notFound} · 出错 ${counts.failed}`, `${counts.ok} ok · ${counts.notFound} not found · ${counts.failed} failed`))} · ${esc(L('渲染', 'rendered'))} ${c.pagesRendered} · ${(c.durationMs / 1000).toFixed(1)} s${c.partial ? ` · <b>${esc(t('partial'))}</b>` : ''}</p>${onPaper(report.pages.length)}${pagedTable('pages-table', [
    [t('page'), 'text'],
    [t('status'), 'num'],
    [t('depth'), 'num'],
    [t('pageTitle'), 'text'],
    [t('error'), 'text'],
  ])}</section>`;

  const rules = `<section id="rules"><h2>${esc(t('rules'))}</h2>${table(
    [
      { label: 'id', get: (r: Report['rules'][number]) => r.id, kind: 'code' },
      { label: t('category'), get: (r) => cat(r.category as (typeof CATEGORIES)[number]) },
      { label: t('rule'), get: (r) => r.title },
      // Citations name documents as published (in Chinese): names, not prose.
      { label: t('standards'), get: (r) => r.standards.join('; '), kind: 'site' },
    ],
    report.rules,
  )}${report.ruleErrors.length ? `<h3>${esc(t('ruleErrors'))}</h3><ul>${report.ruleErrors.map((e) => `<li><b>${esc(e.ruleId)}</b>: ${esc(e.error)}</li>`).join('')}</ul>` : ''}</section>`;

  const clientLabels = {
    sev: SEVERITIES.map(sev), sevIds: SEVERITIES, cat: CATEGORIES.map(cat), catIds: CATEGORIES,
    veto: t('veto'), isNew: t('newFindings'), evidence: t('evidence'), prev: t('prev'), next: t('next'), pageOf: t('pageOf'),
    screenshot: t('screenshot'), templates: t('templates'), evidenceInJson: t('evidenceInJson'), moreInJson: t('moreInJson'),
    ruleTitle: Object.fromEntries(report.rules.map((r) => [r.id, r.title])),
  };
  return `${documentHead({ lang: lang === 'zh' ? 'zh-CN' : 'en', title: `${esc(t('title'))} · ${esc(report.target.host)} · ${esc(report.asOf)}`, style: STYLE, script: CLIENT_SCRIPT })}<body>
${head}
<main>
${veto}${gate}${trendStrip(report, lang)}${baseline}${toc}
${overview}
${sections}
${issues()}
${deductions}
${findings}
${pages}
${rules}
</main>
<script type="application/json" id="report-data">${scriptJson({ ...tableData(report, lang), l: clientLabels })}</script>
<script>${CLIENT_SCRIPT}</script>
</body></html>
`;
}
