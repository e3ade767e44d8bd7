// Markdown summary for pull-request and merge-request comments: verdict, gate, baseline diff,
// scores by group and the worst findings. Site text is escaped (comments render HTML).
import { SEVERITIES, type Lang } from '../model/types.js';
import type { Report } from './model.js';
import { labels } from './labels.js';

const MAX_ROWS = 50;

export function mdText(v: unknown): string {
  return String(v ?? '')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]|<>#!~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))
    // A zero-width space stops @user pings, #123 references and bare-URL autolinks.
    .replace(/([@#])/g, '$1\u200b')
    .replace(/(https?):\/\//gi, '$1:\u200b//')
    .slice(0, 300);
}

export function renderMarkdown(report: Report, lang: Lang): string {
  const { t, sev, cat } = labels(lang);
  const s = report.score;
  const out: string[] = [];
  const verdict = !report.target.reachable ? t('unreachable') : s.passed ? t('passed') : t('failed');
  out.push(`## ${report.gate.passed && report.target.reachable ? '✅' : '❌'} portal-audit: ${mdText(report.target.url)} — ${verdict} ${s.total}/100${s.grade ? ` (${s.grade})` : ''}`);
  out.push('');
  out.push(`${t('profile')} \`${s.profile}\` · ${t('passMark')} ${s.passMark} · ${t('asOf')} ${report.asOf} · ${report.pages.length} ${t('pages')}`);
  if (s.veto.length) {
    out.push('', `**${t('veto')}**`, '');
    for (const v of s.veto) out.push(`- \`${v.ruleId}\` ${mdText(v.reason)}`);
  }
  out.push('', `**${t('gate')}: ${report.gate.passed ? t('gatePassed') : t('gateFailed')}**`);
  for (const r of report.gate.reasons) out.push(`- ${mdText(r)}`);
  const b = report.baseline;
  if (b) {
    out.push('', `**${t('baseline')}** (${mdText(b.file)}, ${b.asOf}): ${b.new} ${t('newFindings')}, ${b.fixed.length} ${t('fixedFindings')}, ${b.unchanged} ${t('unchangedFindings')}; ${t('score')} ${b.total} → ${s.total}`);
    if (b.fixed.length) {
      out.push('', `<details><summary>${t('fixedFindings')} (${b.fixed.length})</summary>`, '');
      for (const f of b.fixed.slice(0, MAX_ROWS)) out.push(`- \`${f.ruleId}\` ${mdText(f.target)}`);
      out.push('', '</details>');
    }
  }
  out.push('', `| ${t('group')} | ${t('score')} | ${t('findings')} |`, '| --- | ---: | ---: |');
  for (const g of s.groups)
    out.push(`| ${mdText(g.title[lang])} | ${g.notAssessed ? `${t('notAssessed')} (${g.score}/${s.profile === 'general' ? 100 : g.points})` : `${g.score}/${s.profile === 'general' ? 100 : g.points}`} | ${g.findings} |`);
  const pick = (b ? report.findings.filter((f) => f.baseline === 'new') : report.findings)
    .filter((f) => f.severity !== 'info')
    .sort((x, y) => SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity));
  out.push('', `**${b ? `${t('findings')} (${t('newFindings')})` : t('findings')}**: ${pick.length}`);
  if (pick.length) {
    out.push('', `| ${t('severity')} | ${t('rule')} | ${t('category')} | ${t('object')} | ${t('message')} |`, '| --- | --- | --- | --- | --- |');
    for (const f of pick.slice(0, MAX_ROWS)) {
      out.push(`| ${sev(f.severity)}${f.veto ? ` (${t('veto')})` : ''} | \`${f.ruleId}\` | ${cat(f.category)} | ${mdText(f.target)} | ${mdText(f.message)} |`);
    }
    if (pick.length > MAX_ROWS) out.push('', `… ${pick.length - MAX_ROWS} more in report.html / report.json`);
  }
  return out.join('\n') + '\n';
}
