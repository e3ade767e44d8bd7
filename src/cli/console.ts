// Terminal output: a progress line while crawling (TTY only) and a coloured summary.
import chalk from 'chalk';
import { SEVERITIES, type Severity } from '../model/types.js';
import { messageLang, type Report } from '../report/model.js';
import { reasonText, SEVERITY_LABEL } from '../report/labels.js';

export function progressLine(enabled: boolean) {
  const tty = enabled && process.stderr.isTTY;
  let last = 0;
  return {
    update(p: { done: number; queued: number; errors: number; url: string }) {
      if (!tty || Date.now() - last < 100) return;
      last = Date.now();
      const line = `pages ${p.done} done, ${p.queued} queued, ${p.errors} errors  ${p.url}`;
      process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 100) - 1)}`);
    },
    clear() {
      if (tty) process.stderr.write('\r\x1b[2K');
    },
  };
}

const SEV_COLOUR: Record<Severity, (s: string) => string> = {
  critical: chalk.bgRed.white,
  serious: chalk.red,
  moderate: chalk.yellow,
  minor: chalk.cyan,
  info: chalk.gray,
};

/** Terminal columns: a Chinese character takes two. */
const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);

/** Site text must not drive the terminal (escape sequences could fake a "gate passed" line). */
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '�');

export function summary(report: Report, files: string[]): string {
  const zh = messageLang(report) === 'zh';
  const L = (z: string, e: string) => (zh ? z : e);
  const s = report.score;
  const lines: string[] = [];
  const verdict = !report.target.reachable
    ? chalk.bgRed.white(L(' 无法访问 ', ' UNREACHABLE '))
    : s.passed
      ? chalk.bgGreen.black(L(' 合格 ', ' PASSED '))
      : chalk.bgRed.white(L(' 不合格 ', ' FAILED '));
  lines.push(`${chalk.bold('portal-audit')} ${clean(report.target.url)}  ${L('监测日期', 'as of')} ${report.asOf}`);
  lines.push(`${verdict} ${L('得分', 'score')} ${chalk.bold(String(s.total))}/100${s.grade ? ` ${L('等级', 'grade')} ${s.grade}` : ''} (${L('及格线', 'pass mark')} ${s.passMark}, ${s.profile})`);
  for (const v of s.veto) lines.push(chalk.red(`  ${L('否决', 'veto')}: ${clean(v.reason)}`));
  const c = report.crawl;
  lines.push(
    `${L('页面', 'pages')} ${c.pagesFetched} (${L('渲染', 'rendered')} ${c.pagesRendered}, ${L('错误', 'errors')} ${c.errors}) ${L('用时', 'in')} ${(c.durationMs / 1000).toFixed(1)}s` +
      (c.partial ? chalk.yellow(L('  [未完成]', '  [partial]')) : ''),
  );
  for (const t of c.traps) lines.push(chalk.yellow(`  ${L('爬虫陷阱已截断', 'crawler trap cut off')}: ${t.kind} ${clean(t.key)} (${t.skipped} ${L('个链接未抓取', 'URLs skipped')})`));
  if (c.limits.maxPagesReached) lines.push(chalk.yellow(`  ${L('已达页面上限 --max-pages', '--max-pages reached')}`));
  if (c.limits.maxTimeReached) lines.push(chalk.yellow(`  ${L('已达时间上限 --max-time，报告不完整', '--max-time reached: the report is partial')}`));
  if (c.resumedPages) lines.push(`  ${L(`续跑：${c.resumedPages} 个页面取自检查点`, `resumed: ${c.resumedPages} pages taken from the checkpoint`)}`);
  if (c.partial) lines.push(chalk.yellow(`  ${L('可加 --resume 从检查点继续', 'run again with --resume to continue from the checkpoint')}`));
  const bySev = SEVERITIES.map((sev) => [sev, report.findings.filter((f) => f.severity === sev).length] as const).filter(([, n]) => n);
  const lang = zh ? 'zh' : 'en';
  lines.push(`${L('问题', 'findings')} ${report.findings.length}: ${bySev.map(([sev, n]) => SEV_COLOUR[sev](`${n} ${SEVERITY_LABEL[sev][lang]}`)).join(', ') || '-'}`);
  // Groups by their title (可用性与链接, not availability); one without data says so instead of a score.
  for (const g of s.groups)
    if (g.findings || g.notAssessed) lines.push(`  ${g.title[lang]}${' '.repeat(Math.max(1, 16 - width(g.title[lang])))}${String(g.findings).padStart(4)}  −${g.lost}${g.notAssessed ? chalk.yellow(`  ${L('未评估', 'not assessed')}`) : ''}`);
  const b = report.baseline;
  if (b) {
    lines.push(`${L('基线', 'baseline')} ${b.file}: ${chalk.bold(b.new)} ${L('新增', 'new')}, ${b.fixed.length} ${L('已修复', 'fixed')}, ${b.unchanged} ${L('未变', 'unchanged')}`);
    for (const f of report.findings.filter((x) => x.baseline === 'new').slice(0, 20)) lines.push(`  + ${SEV_COLOUR[f.severity](SEVERITY_LABEL[f.severity][lang])} ${f.ruleId} ${clean(f.target)}`);
  }
  const g = report.gate;
  lines.push(g.passed ? chalk.green(`${L('门禁通过', 'gate passed')}`) : chalk.red(`${L('门禁未通过', 'gate failed')}:`));
  // Verdict reasons (vetoes, pass mark) are already listed above.
  for (const r of g.reasons.filter((x) => !s.reasons.includes(x) || x.startsWith('score')).slice(0, 25)) lines.push(chalk.red(`  ${clean(reasonText(r, zh ? 'zh' : 'en'))}`));
  for (const e of report.ruleErrors) lines.push(chalk.red(`  ${L('规则出错', 'rule failed')} ${e.ruleId}: ${clean(e.error)}`));
  lines.push(`${L('报告', 'report')}: ${files.join(', ')}`);
  return lines.join('\n');
}
