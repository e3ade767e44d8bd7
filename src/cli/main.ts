// The `portal-audit` command line.
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { runAudit, EXIT } from '../audit.js';
import { UsageError } from '../crawl/resolve.js';
import { loadRules } from '../rules/engine.js';
import { validateReport } from '../report/validate.js';
import { TOOL_VERSION } from '../version.js';
import { loadConfig, resolveOptions, type RawOptions } from '../options.js';
import { reportCommand } from './report-cmd.js';
import { initCommand } from './init.js';
import { progressLine, summary } from './console.js';
import { batchCommand, workerCommand } from './batch-cmd.js';
import { historyCommand, monitorCommand } from './history-cmd.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Options shared by `audit` and `demo`. */
export function auditOptions(cmd: Command): Command {
  return cmd
    .option('-o, --out <dir>', 'output directory (default ./portal-audit-report)')
    .option('-f, --format <list>', 'report formats, comma-separated: json,html,md,junit,sarif,csv,xlsx,pdf or all (json is always written; xlsx and pdf are the national score sheet)')
    .option('--as-of <date>', 'monitoring date YYYY-MM-DD for every date-based rule (default: today)')
    .option('--max-pages <n>', 'stop after this many URLs (default 500)')
    .option('--max-depth <n>', 'do not follow links deeper than this many clicks (default 8)')
    .option('-c, --concurrency <n>', 'parallel requests (default 4)')
    .option('--include <glob>', 'only crawl paths matching the glob (repeatable)', collect)
    .option('--exclude <glob>', 'skip paths matching the glob (repeatable)', collect)
    .addOption(new Option('--render <mode>', 'when to render pages in Chromium (default auto)').choices(['auto', 'always', 'never']))
    .option('--browser-path <path>', 'Chromium executable (default: PORTAL_AUDIT_CHROMIUM, Playwright\'s, Debian\'s chromium-headless-shell, /usr/bin/chromium)')
    .option('--config <file>', 'config file (.json or .mjs; default: nearest portal-audit.config.{json,mjs} upward from cwd); flags override it')
    .option('--resolve <host=ip[:port]>', 'serve a hostname from another address, like curl --resolve (repeatable)', collect)
    .option('--resolve-only', 'refuse every host not mapped with --resolve (sandboxed audits)')
    .option('--allow-private', 'let links lead to loopback, private, link-local and cloud-metadata addresses (refused unless the start URL is one)')
    .option('--timeout <ms>', 'per-request time limit in ms (default 20000)')
    .option('--max-time <duration>', 'stop the crawl cleanly after this long (90s, 30m, 2h) and report what it covered')
    .option('--delay <ms>', 'minimum delay between requests in ms (default 200, 0 for a site on loopback; robots.txt Crawl-delay applies)')
    .option('--header <header>', 'extra request header for the audited site only, "Name: value" (repeatable; staging auth)', collect)
    .option('--cookie <cookies>', 'Cookie header for the audited site only, "a=b; c=d"')
    .option('--contact <url>', 'contact URL or e-mail put in the User-Agent so site owners can reach you')
    .option('--no-robots', 'ignore robots.txt (for site owners auditing their own site)')
    .addOption(new Option('--a11y <mode>', 'accessibility analysis: every page, a few per DOM template, or none (default templates)').choices(['all', 'templates', 'none']))
    .option('--a11y-tags <list>', 'axe tags to run (default wcag2a,wcag2aa,wcag21a,wcag21aa,wcag22aa; add best-practice)')
    .option('--a11y-samples <n>', 'pages analysed per template in templates mode (default 2)')
    .addOption(new Option('--screenshots <which>', 'dated screenshots of the pages behind vetoes, serious findings too, every finding, or none (default vetoes), under <out>/evidence/').choices(['none', 'vetoes', 'serious', 'all']))
    .option('--no-external', 'do not check links to other sites (same-site links and resources are still checked)')
    .addOption(new Option('--profile <id>', 'scoring profile (default: gov-cn for .gov.cn or Chinese sites, else general)').choices(['gov-cn', 'general']))
    .option('--fail-under <score>', 'exit 1 when the score is below this')
    .addOption(new Option('--min-score <score>', 'old name of --fail-under').hideHelp())
    .addOption(new Option('--fail-on <level>', 'exit 1 on any (new, with --baseline) finding at this level or worse').choices(['veto', 'critical', 'serious', 'moderate', 'minor']))
    .option('--baseline <report.json>', 'earlier report: findings are marked new/unchanged/fixed and only new ones fail the run')
    .option('--db <file|url>', 'history store: record this run (SQLite file, or postgres://…) and judge availability from its monitor probes')
    .option('--accounts <file>', 'evaluator input: CSV or JSON rows platform,name,url,lastPost,lastReply from platform back-ends')
    .option('--keep-bodies', 'keep fetched page bodies under <out>/.portal-audit')
    .option('--ca-file <pem>', 'extra trusted CA certificates (PEM) for the certificate check, e.g. an intranet\'s own CA')
    .option('--resume', 'continue an interrupted audit (Ctrl-C, --max-time, a crash, a kill) from its checkpoint in --out: finished pages are not fetched again')
    .option('--max-body-bytes <bytes>', 'cap on a response body; longer ones are truncated and the page says so (default 10485760)')
    .addOption(new Option('--lang <lang>', 'message language (default: the target\'s lang, else zh)').choices(['zh', 'en']))
    .option('-q, --quiet', 'no progress or summary output');
}

/** Commander's camelCase option names → our option schema. */
export function rawOptions(o: Record<string, unknown>): RawOptions {
  const raw: Record<string, unknown> = {};
  const map: Record<string, string> = { robots: 'robots' };
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || k === 'config') continue;
    // Negatable flags are true by default in commander: only record an explicit --no-robots / --no-external.
    if ((k === 'robots' || k === 'external') && v === true) continue;
    raw[map[k] ?? k] = v;
  }
  return raw as RawOptions;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('portal-audit')
    .description('Audit government web portals: search, freshness, accounts, navigation, links, accessibility, interaction, services, security.')
    .version(TOOL_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  let code: number = EXIT.passed;

  auditOptions(program.command('audit').description('crawl a portal and write scored reports').argument('<url>', 'start page (home page) of the portal')).action(
    async (url: string, o: Record<string, unknown>) => {
      const opts = resolveOptions(url, rawOptions(o), await loadConfig(o.config as string | undefined));
      const progress = progressLine(!opts.quiet);
      const ac = new AbortController();
      const onSignal = () => (ac.signal.aborted ? process.exit(130) : ac.abort());
      process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
      try {
        const r = await runAudit(opts, { onProgress: (p) => progress.update(p), signal: ac.signal });
        progress.clear();
        if (!opts.quiet) console.log(summary(r.report, r.files));
        code = r.exitCode;
      } finally {
        process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      }
    },
  );

  auditOptions(program.command('demo').description('audit the bundled sample portal on a loopback port and write reports')).action(
    async (o: Record<string, unknown>) => {
      // The demo reads only an explicit --config: a project's config is about its own portal.
      // Loaded on use: the sample portal's modules are not needed by any other command.
      const { runDemo } = await import('./demo.js');
      await runDemo(rawOptions(o), o.config ? await loadConfig(o.config as string) : undefined);
      code = EXIT.passed;
    },
  );

  reportCommand(program, (c) => (code = c));
  batchCommand(program, auditOptions, rawOptions, (c) => (code = c));
  workerCommand(program);
  monitorCommand(program, (c) => (code = c));
  historyCommand(program, (c) => (code = c));
  initCommand(program);

  program
    .command('rules')
    .description('list the rules (id, category, title, standards)')
    .option('--json', 'machine-readable output')
    .addOption(new Option('--lang <lang>', 'title language').choices(['zh', 'en']).default('zh'))
    .action(async (o: { json?: boolean; lang: 'zh' | 'en' }) => {
      const rules = await loadRules();
      if (o.json) {
        console.log(JSON.stringify(rules.map(({ run: _r, renderWhen: _w, ...meta }) => meta), null, 2));
        return;
      }
      for (const r of rules) console.log(`${r.id.padEnd(24)} ${r.category.padEnd(14)} ${r.title[o.lang]}  [${r.standards.join('; ')}]`);
    });

  program
    .command('validate')
    .description('check a report.json against the published JSON Schema')
    .argument('<report>', 'path to report.json')
    .action((file: string) => {
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
      }
      const errors = validateReport(data);
      if (errors.length) {
        for (const e of errors) console.error(e);
        code = EXIT.failed;
      } else console.log(`${file}: valid`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is a usage error.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : EXIT.usage;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`portal-audit: ${e.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`portal-audit: internal error: ${(e as Error).stack ?? (e as Error).message}\n`);
    return EXIT.internal;
  }
}
