// The self-contained HTML report: one file, inline style, one hashed script, no requests.
import { CATEGORIES, SEVERITIES, type Lang } from '../model/types.js';
import type { Report } from './model.js';
import { bars, documentHead, esc, gauge, link, safeHref, table } from './html-kit.js';
import { byImpact, deductionSubtotals, groupFindings, type FindingGroup } from './groups.js';
import { CLIENT_SCRIPT, STYLE } from './html-client.js';
import { categoryTables } from './html-sections.js';
import { labels, reasonText } from './labels.js';

const MAX_EVIDENCE = 4000;

function evidence(e: unknown): string {
  const s = JSON.stringify(e, null, 2) ?? '';
  return s.length > MAX_EVIDENCE ? `${s.slice(0, MAX_EVIDENCE)}\n…` : s;
}

/** What the audit did not cover, and pages by outcome: a summary must not read as complete when it is not. */
function limitsBox(report: Report, L: (zh: string, en: string) => string): string {
  const c = report.crawl;
  const ok = report.pages.filter((p) => !p.error && (p.status ?? 0) < 400).length;
  const notFound = report.pages.filter((p) => p.status === 404 || /soft 404/.test(p.error ?? '')).length;
  const failed = report.pages.length - ok - notFound;
  const notChecked = (report.data.links?.notChecked ?? {}) as Record<string, number>;
  const items = [
    L(`页面：正常 ${ok}，404 ${notFound}，出错 ${failed}`, `Pages: ${ok} ok, ${notFound} not found, ${failed} failed`),
    c.limits.maxPagesReached ? L('已达页面数上限，其余页面未抓取', 'page cap reached: further pages were not crawled') : '',
    c.limits.maxDepthSkipped ? L(`超过点击深度上限未抓取 ${c.limits.maxDepthSkipped} 个链接`, `${c.limits.maxDepthSkipped} links beyond the depth limit not crawled`) : '',
    c.limits.maxTimeReached ? L('已达时间上限', 'time limit reached') : '',
    c.limits.robotsSkipped ? L(`robots.txt 禁止抓取 ${c.limits.robotsSkipped} 个`, `${c.limits.robotsSkipped} disallowed by robots.txt`) : '',
    c.traps.length ? L(`爬虫陷阱截断 ${c.traps.length} 处（${c.traps.reduce((n, x) => n + x.skipped, 0)} 个链接未抓取）`, `${c.traps.length} crawler traps cut (${c.traps.reduce((n, x) => n + x.skipped, 0)} links not crawled)`) : '',
    ...Object.entries(notChecked).filter(([, n]) => n > 0).map(([why, n]) => L(`未检查链接 ${n} 个：${why}`, `${n} links not checked: ${why}`)),
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
  const ruleTitle = new Map(report.rules.map((r) => [r.id, r.title]));
  const titleOf = (ruleId: string) => ruleTitle.get(ruleId.split('/')[0]) ?? '';
  const points = new Map<number, number>();
  for (const d of report.score.deductions) points.set(d.finding, d.points);
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
    ? `<section class="box" id="veto"><h2>${esc(t('veto'))}</h2><ul>${s.veto.map((v) => `<li><b>${esc(v.ruleId)}</b> ${esc(v.reason)} — ${link(v.url)}</li>`).join('')}</ul>${
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
    s.groups.map((g) => ({ label: g.notAssessed ? `${g.title[lang]} (${t('notAssessed')})` : g.title[lang], value: g.score, max: s.profile === 'general' ? 100 : g.points })),
    t('groups'),
  );
  const sevCounts = SEVERITIES.map((v) => ({ v, n: report.findings.filter((f) => f.severity === v).length }));
  const maxSev = Math.max(1, ...sevCounts.map((x) => x.n));
  const SEV_COLOUR: Record<string, string> = { critical: '#7a1010', serious: '#b3261e', moderate: '#b26a00', minor: '#5b6b7a', info: '#9aa5b1' };
  const sevChart = bars(sevCounts.map(({ v, n }) => ({ label: sev(v), value: n, max: maxSev, note: String(n), colour: SEV_COLOUR[v] })), t('bySeverity'));
  const overview = `<section id="overview"><h2>${esc(t('groups'))}</h2>${groupChart}<h3>${esc(t('bySeverity'))}</h3>${sevChart}${limitsBox(report, L)}</section>`;

  const toc = `<nav class="toc">${CATEGORIES.map((c) => `<a href="#cat-${c}">${esc(cat(c))}</a>`).join('')}<a href="#issues">${esc(t('issues'))}</a><a href="#deductions">${esc(t('deductions'))}</a><a href="#findings-section">${esc(t('findings'))}</a><a href="#pages">${esc(t('pages'))}</a></nav>`;

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
        { label: t('points'), get: (d) => (d.points < d.wanted ? `−${d.points} (${d.wanted}, ${t('capped')})` : `−${d.points}`) },
        { label: t('basis'), get: (d) => `${d.basis}${d.confirmed ? '' : ` [${t('unconfirmed')}]`}` },
      ],
      subtotals.filter((d) => d.wanted > 0),
    ) || `<p class="muted">${esc(t('none'))}</p>`
  }${s.groups.map((g) => `<span class="badge">${esc(g.title[lang])} −${esc(Math.round(g.lost * 100) / 100)}</span>`).join(' ')}</section>`;

  // One row per issue, worst first: a dead link on 72 pages is one row naming its 72 pages.
  const grouped = groupFindings(report).sort(byImpact);
  const pageList = (g: FindingGroup) =>
    g.pages.length <= 1
      ? link(g.pages[0] ?? '')
      : `<details><summary>${g.pages.length}</summary><ul>${g.pages.slice(0, 100).map((u) => `<li>${link(u)}</li>`).join('')}${g.pages.length > 100 ? `<li>… ${g.pages.length - 100}</li>` : ''}</ul></details>`;
  const shotLink = (g: FindingGroup) => {
    const f = g.findings.map((i) => report.findings[i]).find((x) => shotOf(x));
    return f ? ` <a href="${esc(shotOf(f)!.element ?? shotOf(f)!.page)}">${esc(t('screenshot'))}</a>` : '';
  };
  const issueRows = grouped
    .slice(0, 1000)
    .map(
      (g) => `<tr data-cat="${esc(g.category)}" data-sev="${esc(g.severity)}"><td data-v="${SEVERITIES.indexOf(g.severity)}"><span class="sev sev-${esc(g.severity)}">${esc(sev(g.severity))}</span>${g.veto ? ` <b>${esc(t('veto'))}</b>` : ''}</td>
<td><code>${esc(g.ruleId)}</code><br><span class="muted">${esc(titleOf(g.ruleId))}</span></td><td>${esc(cat(g.category))}</td>
<td class="url">${safeHref(g.target) ? link(g.target) : esc(g.target)}</td><td>${esc(g.message)}${shotLink(g)}${g.templates.length > 1 ? `<br><span class="muted">${esc(t('templates'))}: ${g.templates.length}</span>` : ''}</td>
<td class="num" data-v="${g.pages.length}">${pageList(g)}</td><td class="num" data-v="${g.findings.length}">${g.findings.length}</td><td class="num" data-v="${g.points}">${g.points ? `−${esc(g.points)}` : ''}</td></tr>`,
    )
    .join('\n');
  const issues = `<section id="issues"><h2>${esc(t('issues'))} <span class="badge">${grouped.length}</span></h2><p class="muted">${esc(t('issuesNote'))}</p><div class="scroll"><table class="sortable"><thead><tr>${[
    [t('severity'), 'num'], [t('rule'), 'text'], [t('category'), 'text'], [t('object'), 'text'], [t('message'), 'text'], [t('pagesAffected'), 'num'], [t('occurrences'), 'num'], [t('points'), 'num'],
  ]
    .map(([l, k]) => `<th data-sort="${k}" tabindex="0">${esc(l)}</th>`)
    .join('')}</tr></thead><tbody>${issueRows}</tbody></table></div>${grouped.length > 1000 ? `<p class="more">${esc(L('仅显示前', 'first'))} 1000/${grouped.length}</p>` : ''}</section>`;

  const opt = (v: string, label: string) => `<option value="${esc(v)}">${esc(label)}</option>`;
  const filters = `<div class="filters">
<label>${esc(t('category'))} <select id="f-cat">${opt('', t('all'))}${CATEGORIES.map((c) => opt(c, cat(c))).join('')}</select></label>
<label>${esc(t('severity'))} <select id="f-sev">${opt('', t('all'))}${SEVERITIES.map((v) => opt(v, sev(v))).join('')}</select></label>
${hasBaseline ? `<label>${esc(t('state'))} <select id="f-base">${opt('', t('all'))}${opt('new', t('newFindings'))}${opt('unchanged', t('unchangedFindings'))}</select></label>` : ''}
<label>${esc(t('search'))} <input id="f-q" type="search"></label>
<span>${esc(t('showing'))} <b id="f-count">${report.findings.length}</b> ${esc(t('of'))} ${report.findings.length}</span></div>`;
  const rows = report.findings
    .map((f, i) => {
      const p = points.get(i);
      return `<tr data-cat="${esc(f.category)}" data-sev="${esc(f.severity)}"${f.baseline ? ` data-base="${esc(f.baseline)}"` : ''}>
<td data-v="${SEVERITIES.indexOf(f.severity)}"><span class="sev sev-${esc(f.severity)}">${esc(sev(f.severity))}</span>${f.veto ? ` <b>${esc(t('veto'))}</b>` : ''}${f.baseline === 'new' ? ` <span class="badge">${esc(t('newFindings'))}</span>` : ''}</td>
<td><code>${esc(f.ruleId)}</code><br><span class="muted">${esc(titleOf(f.ruleId))}</span></td>
<td>${esc(cat(f.category))}</td>
<td class="url">${link(f.url)}</td>
<td class="url">${safeHref(f.target) ? link(f.target) : esc(f.target)}</td>
<td>${esc(f.message)}<details><summary>${esc(t('evidence'))}</summary><pre>${esc(evidence(f.evidence))}</pre></details></td>
<td class="num" data-v="${p ?? 0}">${p ? `−${esc(p)}` : ''}</td></tr>`;
    })
    .join('\n');
  const findings = `<section id="findings-section"><h2>${esc(t('findings'))}</h2>${filters}<div class="scroll"><table id="findings" class="sortable"><thead><tr>${[
    [t('severity'), 'num'],
    [t('rule'), 'text'],
    [t('category'), 'text'],
    [t('page'), 'text'],
    [t('object'), 'text'],
    [t('message'), 'text'],
    [t('points'), 'num'],
  ]
    .map(([l, k]) => `<th data-sort="${k}" tabindex="0">${esc(l)}</th>`)
    .join('')}</tr></thead><tbody>${rows}</tbody></table></div></section>`;

  const c = report.crawl;
  const pages = `<section id="pages"><h2>${esc(t('pages'))} <span class="badge">${report.pages.length}</span></h2>
<p>${esc(t('crawl'))}: ${c.pagesFetched} · ${esc(L('渲染', 'rendered'))} ${c.pagesRendered} · ${esc(t('error'))} ${c.errors} · ${(c.durationMs / 1000).toFixed(1)} s${c.partial ? ` · <b>${esc(t('partial'))}</b>` : ''}</p>${table(
    [
      { label: t('page'), get: (p: Report['pages'][number]) => p.url, kind: 'url' },
      { label: t('status'), get: (p) => p.status, kind: 'num' },
      { label: t('depth'), get: (p) => p.depth, kind: 'num' },
      { label: t('pageTitle'), get: (p) => p.title },
      { label: t('error'), get: (p) => p.error },
    ],
    report.pages,
    { limit: 2000, more: L('仅显示前', 'first') },
  )}</section>`;

  const rules = `<section id="rules"><h2>${esc(t('rules'))}</h2>${table(
    [
      { label: 'id', get: (r: Report['rules'][number]) => r.id },
      { label: t('category'), get: (r) => cat(r.category as (typeof CATEGORIES)[number]) },
      { label: t('rule'), get: (r) => r.title },
      { label: t('standards'), get: (r) => r.standards.join('; ') },
    ],
    report.rules,
  )}${report.ruleErrors.length ? `<h3>${esc(t('ruleErrors'))}</h3><ul>${report.ruleErrors.map((e) => `<li><b>${esc(e.ruleId)}</b>: ${esc(e.error)}</li>`).join('')}</ul>` : ''}</section>`;

  return `${documentHead({ lang: lang === 'zh' ? 'zh-CN' : 'en', title: `${esc(t('title'))} · ${esc(report.target.host)} · ${esc(report.asOf)}`, style: STYLE, script: CLIENT_SCRIPT })}<body>
${head}
<main>
${veto}${gate}${baseline}${toc}
${overview}
${sections}
${issues}
${deductions}
${findings}
${pages}
${rules}
</main>
<script>${CLIENT_SCRIPT}</script>
</body></html>
`;
}
