// Markdown summary for pull-request and merge-request comments: verdict, gate, baseline diff,
// scores by group and the worst findings. Site text is escaped (comments render HTML).
import type { Lang } from '../model/types.js';
import { byImpact, groupFindings } from './groups.js';
import { displayUrl } from './urls.js';
import { pageCounts, type Report } from './model.js';
import { labels, reasonText } from './labels.js';

const MAX_ROWS = 50;

/** Text as a code span: never a link, a ping or markup, and copied as it is (no hidden characters). */
export function mdCode(v: unknown): string {
  const t = String(v ?? '').replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|').slice(0, 300);
  const fence = t.includes('`') ? '``' : '`';
  return t ? `${fence}${fence === '``' ? ' ' : ''}${t}${fence === '``' ? ' ' : ''}${fence}` : '';
}

/** A URL for reading (decoded) as a code span, whole: a comment has no hover, so it must copy as it is. */
export const mdUrl = (u: unknown) => mdCode(typeof u === 'string' && /^https?:\/\//i.test(u) ? displayUrl(u) : u);

/**
 * Site text in a comment: markup escaped, URLs as code spans (no autolink), and a zero-width space
 * after @ and # only in prose, so no @user ping or #123 reference fires.
 */
export function mdText(v: unknown): string {
  const text = String(v ?? '').replace(/[\r\n]+/g, ' ').slice(0, 300);
  return text
    .split(/(https?:\/\/[^\s，。；、）)”"]+)/gi)
    .map((part, i) =>
      i % 2
        ? mdUrl(part)
        : part.replace(/[\\`*_[\]|<>#!~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`)).replace(/([@#])/g, '$1\u200b'),
    )
    .join('');
}

export function renderMarkdown(report: Report, lang: Lang): string {
  const { t, sev } = labels(lang);
  const s = report.score;
  const out: string[] = [];
  const verdict = !report.target.reachable ? t('unreachable') : s.passed ? t('passed') : t('failed');
  out.push(`## ${report.gate.passed && report.target.reachable ? '✅' : '❌'} portal-audit: ${mdText(report.target.url)} — ${verdict} ${s.total}/100${s.grade ? ` (${s.grade})` : ''}`);
  out.push('');
  out.push(`${t('profile')} \`${s.profile}\` · ${t('passMark')} ${s.passMark} · ${t('asOf')} ${report.asOf} · ${pageSummary(report, lang)}`);
  if (s.veto.length) {
    out.push('', `**${t('veto')}**`, '');
    for (const v of s.veto) out.push(`- \`${v.ruleId}\` ${mdText(v.reason)} ${mdUrl(v.url)}`);
  }
  out.push('', `**${t('gate')}: ${report.gate.passed ? t('gatePassed') : t('gateFailed')}**`);
  // Vetoes once: the gate's veto reasons are the list above.
  const vetoes = report.gate.reasons.filter((r) => s.veto.some((v) => r === `veto ${v.ruleId}: ${v.reason}`)).length;
  if (vetoes) out.push(`- ${t('veto')}: ${vetoes}`);
  for (const r of report.gate.reasons) if (!s.veto.some((v) => r === `veto ${v.ruleId}: ${v.reason}`)) out.push(`- ${mdText(reasonText(r, lang))}`);
  const b = report.baseline;
  if (b) {
    out.push('', `**${t('baseline')}** (${mdText(b.file)}, ${b.asOf}): ${b.new} ${t('newFindings')}, ${b.fixed.length} ${t('fixedFindings')}, ${b.unchanged} ${t('unchangedFindings')}; ${t('score')} ${b.total} → ${s.total}`);
    if (b.fixed.length) {
      out.push('', `<details><summary>${t('fixedFindings')} (${b.fixed.length})</summary>`, '');
      for (const f of b.fixed.slice(0, MAX_ROWS)) out.push(`- \`${f.ruleId}\` ${mdUrl(f.target)}`);
      out.push('', '</details>');
    }
  }
  out.push('', `| ${t('group')} | ${t('score')} | ${t('findings')} |`, '| --- | ---: | ---: |');
  for (const g of s.groups)
    out.push(`| ${mdText(g.title[lang])} | ${g.notAssessed || !report.target.reachable ? `${t('notAssessed')} (${g.score}/${s.profile === 'general' ? 100 : g.points})` : `${g.score}/${s.profile === 'general' ? 100 : g.points}`} | ${g.findings} |`);
  // The issues that cost the most, grouped (a dead link on 72 pages is one row); vetoes are listed above.
  const groups = groupFindings(report)
    .filter((g) => g.severity !== 'info' && !g.veto && (!b || g.findings.some((i) => report.findings[i].baseline === 'new')))
    .sort(byImpact);
  out.push('', `**${b ? `${t('issues')} (${t('newFindings')})` : t('issues')}**: ${groups.length}`);
  if (groups.length) {
    out.push('', `| ${t('points')} | ${t('severity')} | ${t('rule')} | ${t('object')} | ${t('pagesAffected')} | ${t('message')} |`, '| ---: | --- | --- | --- | ---: | --- |');
    for (const g of groups.slice(0, MAX_ROWS))
      out.push(`| ${g.points ? `−${g.points}` : ''} | ${sev(g.severity)} | \`${g.ruleId}\` | ${mdUrl(g.target)} | ${g.pageCount} | ${mdText(g.message)} |`);
    if (groups.length > MAX_ROWS) out.push('', `… ${groups.length - MAX_ROWS} ${t('moreIssues')}`);
  }
  out.push('', `${t('fullReport')}: [report.html](report.html) · report.json`);
  return out.join('\n') + '\n';
}

/** Pages by outcome, not every URL tried as a page crawled. */
function pageSummary(report: Report, lang: Lang): string {
  const { ok, notFound, failed } = pageCounts(report);
  return lang === 'zh' ? `页面：正常 ${ok}，404 ${notFound}，出错 ${failed}` : `pages: ${ok} ok, ${notFound} not found, ${failed} failed`;
}
