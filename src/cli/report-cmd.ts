// `portal-audit report <report.json>`: re-render any format from a saved report, optionally
// re-scored (--profile, config `scoring`) and compared with a baseline, without re-crawling.
import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { EXIT } from '../audit.js';
import { UsageError } from '../crawl/resolve.js';
import { assess } from '../report/assess.js';
import type { ScoringSettings } from '../score/types.js';
import { messageLang, SCHEMA_VERSION, type Report } from '../report/model.js';
import { validateReport } from '../report/validate.js';
import { REPORTERS } from '../report/write.js';
import { FORMATS, loadBaseline, loadConfig, parseOptions } from '../options.js';
import { summary } from './console.js';

export function reportCommand(program: Command, setCode: (c: number) => void): void {
  program
    .command('report')
    .description('re-render reports from a saved report.json (no crawl); re-scores and diffs when asked')
    .argument('<report>', 'path to report.json')
    .option('-f, --format <list>', `formats to write: ${FORMATS.join(',')} or all (default html)`)
    .option('-o, --out <dir>', 'output directory (default: the report\'s directory)')
    .addOption(new Option('--lang <lang>', 'report language: must be the one its messages were written in (audit with --lang to change it)').choices(['zh', 'en']))
    .addOption(new Option('--profile <id>', 're-score with this profile').choices(['gov-cn', 'general']))
    .option('--baseline <report.json>', 'mark findings new/unchanged/fixed against an earlier report')
    .option('--fail-under <score>', 'exit 1 when the score is below this')
    .addOption(new Option('--fail-on <level>', 'exit 1 on any (new) finding at this level or worse').choices(['veto', 'critical', 'serious', 'moderate', 'minor']))
    .option('--config <file>', 'config file whose `scoring` settings apply (default: discovered upward from cwd)')
    .option('-q, --quiet', 'no summary output')
    .action(async (file: string, o: Record<string, string | boolean | undefined>) => {
      let report: Report;
      try {
        report = JSON.parse(readFileSync(file, 'utf8')) as Report;
      } catch (e) {
        throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      // Reports of schema 1.0 (before scoring profiles) are upgraded by re-assessing them.
      const legacy = /^1\.0\./.test(String(report?.schemaVersion)) && Array.isArray(report.findings) && !!report.target;
      const errors = legacy ? [] : validateReport(report);
      if (errors.length) throw new UsageError(`${file} is not a valid report: ${errors.slice(0, 3).join('; ')}`);
      const config = await loadConfig(o.config as string | undefined);
      const fromFile = config.path ? parseOptions(config.raw, `config ${config.path}`) : {};
      const flags = parseOptions(
        Object.fromEntries(Object.entries({ profile: o.profile, failUnder: o.failUnder, failOn: o.failOn, format: o.format, lang: o.lang }).filter(([, v]) => v !== undefined)),
        'option',
      );
      const formats = flags.format ?? ['html'];
      const unknown = formats.filter((f) => f !== 'all' && !FORMATS.includes(f));
      if (unknown.length) throw new UsageError(`unknown --format ${unknown.join(',')}; available: ${FORMATS.join(', ')}`);
      const fileGate = { failUnder: fromFile.failUnder ?? fromFile.minScore, failOn: fromFile.failOn };
      const rescore = legacy || flags.profile || o.baseline || flags.failUnder !== undefined || flags.failOn || fromFile.scoring || fromFile.profile || fileGate.failUnder !== undefined || fileGate.failOn;
      if (rescore) {
        // Unless told otherwise, keep the profile and scoring settings the report was made with.
        const saved = report.options as { scoring?: ScoringSettings | null };
        const a = assess(report.findings, report.target, {
          profile: flags.profile ?? fromFile.profile ?? fromFile.scoring?.profile ?? (legacy ? undefined : report.score.profile),
          scoring: fromFile.scoring ?? saved.scoring ?? undefined,
          failUnder: flags.failUnder ?? fileGate.failUnder,
          failOn: flags.failOn ?? fileGate.failOn,
          baseline: o.baseline ? loadBaseline(o.baseline as string) : undefined,
        });
        report = { ...report, schemaVersion: SCHEMA_VERSION, score: a.score, gate: a.gate, baseline: a.baseline, findings: a.findings };
      }
      const outDir = resolvePath((o.out as string | undefined) ?? dirname(file));
      // Findings' messages, rule titles and axe's texts were written at audit time in one language:
      // labels in another would make a report of two languages.
      if (flags.lang && flags.lang !== messageLang(report))
        throw new UsageError(`--lang ${flags.lang}: this report's messages were written in ${messageLang(report)}; audit again with --lang ${flags.lang} for a report in that language`);
      const lang = messageLang(report);
      const written: string[] = [];
      for (const f of formats.includes('all') ? FORMATS : formats) {
        // Never overwrite the input with a re-scored copy unless asked to write json elsewhere.
        if (f === 'json' && resolvePath(outDir, 'report.json') === resolvePath(file)) continue;
        written.push(await REPORTERS[f](report, outDir, { lang }));
      }
      if (!o.quiet) console.log(summary(report, written));
      setCode(report.target.reachable ? (report.gate.passed ? EXIT.passed : EXIT.failed) : EXIT.unreachable);
    });
}
