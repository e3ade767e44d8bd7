// `portal-audit monitor` and `portal-audit history`: the history store's two commands.
import { Command, Option } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { parseResolve, UsageError } from '../crawl/resolve.js';
import { openStore, siteKey } from '../history/store.js';
import { buildTrend } from '../history/trend.js';
import { durationMs, today } from '../options.js';
import { renderHistoryHtml } from '../report/history-html.js';
import { runMonitor } from '../monitor/run.js';
import { PROBE_LIMIT_MS } from '../monitor/probe.js';
import { TOOL_VERSION } from '../version.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

function urlArg(u: string): string {
  try {
    const x = new URL(u);
    if (x.protocol === 'http:' || x.protocol === 'https:') return x.toString();
  } catch {
    /* below */
  }
  throw new UsageError(`not an http(s) URL: ${u}`);
}

export function monitorCommand(program: Command, setCode: (c: number) => void): void {
  program
    .command('monitor')
    .description('probe home pages on a schedule (≥ 20 a day by default) and record each probe in the history store')
    .argument('<url...>', 'home pages to probe (what 站点无法访问 judges)')
    .option('--key-page <url>', 'a key page to probe and record too (repeatable; never counted for the veto)', collect)
    .requiredOption('--db <file|url>', 'history store (SQLite file or postgres://…)')
    .option('--every <duration>', 'time between rounds, jittered ±20 % (default 30m: 48 probes a day)', '30m')
    .option('--once', 'one round, then exit (for cron or a systemd timer)')
    .option('--rounds <n>', 'stop after this many rounds')
    .option('--limit <ms>', `a probe fails when the page has not fully arrived by then (default ${PROBE_LIMIT_MS}, the indicator's 15 s; probes under another limit are recorded but never judged)`)
    .option('--resolve <host=ip[:port]>', 'serve a hostname from another address, like curl --resolve (repeatable)', collect)
    .option('--resolve-only', 'refuse every host not mapped with --resolve')
    .option('--allow-private', 'allow loopback and private addresses')
    .addOption(new Option('--simulate-from <iso>', 'replay the schedule in simulated time from this instant (tests)').hideHelp())
    .option('-q, --quiet', 'no line per probe')
    .action(async (urls: string[], o: Record<string, string | boolean | string[] | undefined>) => {
      const targets = urls.map(urlArg);
      const everyMs = durationMs(String(o.every), '--every');
      const rounds = o.rounds === undefined ? undefined : Number(o.rounds);
      if (rounds !== undefined && !(Number.isInteger(rounds) && rounds > 0)) throw new UsageError(`--rounds ${o.rounds}: expected a positive whole number`);
      const limitMs = o.limit === undefined ? PROBE_LIMIT_MS : Number(o.limit);
      if (!Number.isInteger(limitMs) || limitMs < 1000 || limitMs > 60_000) throw new UsageError(`--limit ${o.limit}: expected milliseconds from 1000 to 60000`);
      // Simulated time writes a "week" in seconds: only for tests, which say so in the environment.
      if (o.simulateFrom && process.env.PORTAL_AUDIT_TEST_CLOCK !== '1') throw new UsageError('--simulate-from is for tests only (set PORTAL_AUDIT_TEST_CLOCK=1); its probes never count as a real week');
      const simulateFrom = o.simulateFrom ? new Date(String(o.simulateFrom)) : undefined;
      if (simulateFrom && Number.isNaN(simulateFrom.getTime())) throw new UsageError(`--simulate-from ${o.simulateFrom}: not a date-time`);
      if (simulateFrom && !o.once && rounds === undefined) throw new UsageError('--simulate-from needs --rounds or --once');
      const store = await openStore(String(o.db));
      const ac = new AbortController();
      // SIGTERM/SIGINT end the wait between rounds; the round in progress is finished and recorded.
      const stop = () => ac.abort();
      process.on('SIGINT', stop).on('SIGTERM', stop);
      try {
        const r = await runMonitor(
          store,
          {
            urls: targets, keyPages: ((o.keyPage as string[] | undefined) ?? []).map(urlArg), everyMs, once: !!o.once, rounds, jitter: 0.2, limitMs,
            resolve: parseResolve((o.resolve as string[] | undefined) ?? []), resolveOnly: !!o.resolveOnly, allowPrivate: !!o.allowPrivate,
            userAgent: `portal-audit/${TOOL_VERSION} (availability monitor)`, simulateFrom,
            onProbe: (p) => {
              if (!o.quiet) console.log(`${p.at}  ${p.ok ? 'ok  ' : 'FAIL'}  ${p.url}  ${p.status ?? '-'}  ttfb ${p.ttfbMs ?? '-'} ms  load ${p.loadMs ?? '-'} ms${p.reason ? `  ${p.reason}: ${p.detail}` : ''}${p.certDays !== null ? `  cert ${p.certDays} d` : ''}`);
            },
          },
          ac.signal,
        );
        if (!o.quiet) console.log(`monitor: ${r.rounds} rounds, ${r.probes} probes, ${r.failed} failed, recorded in ${store.where}`);
        setCode(0);
      } finally {
        process.off('SIGINT', stop).off('SIGTERM', stop);
        await store.close();
      }
    });
}

export function historyCommand(program: Command, setCode: (c: number) => void): void {
  program
    .command('history')
    .description('the trend of a portal: score per audit, findings new and fixed, availability per day, response times')
    .argument('<url>', 'the portal (its host names the history)')
    .requiredOption('--db <file|url>', 'history store (SQLite file or postgres://…)')
    .option('-o, --out <dir>', 'write history.html and history.json here (default ./portal-audit-history)')
    .option('--as-of <date>', 'last day of the availability table (default today)')
    .option('--days <n>', 'days of availability shown (default 30)', '30')
    .option('--json', 'print the model as JSON instead of tables')
    .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('zh'))
    .action(async (url: string, o: { db: string; out?: string; asOf?: string; days: string; json?: boolean; lang: 'zh' | 'en' }) => {
      const site = siteKey(urlArg(url));
      const days = Number(o.days);
      if (!Number.isInteger(days) || days < 1 || days > 366) throw new UsageError(`--days ${o.days}: expected 1–366`);
      if (o.asOf && !(/^\d{4}-\d{2}-\d{2}$/.test(o.asOf) && !Number.isNaN(Date.parse(`${o.asOf}T00:00:00Z`)) && new Date(`${o.asOf}T00:00:00Z`).toISOString().startsWith(o.asOf))) throw new UsageError(`--as-of ${o.asOf}: expected a real date YYYY-MM-DD`);
      const store = await openStore(o.db, { mustExist: true });
      try {
        const trend = await buildTrend(store, site, o.asOf ?? today(), days);
        const out = resolvePath(o.out ?? './portal-audit-history');
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, 'history.json'), JSON.stringify(trend, null, 2));
        writeFileSync(join(out, 'history.html'), renderHistoryHtml(trend, o.lang));
        if (o.json) console.log(JSON.stringify(trend, null, 2));
        else console.log(historyTable(trend, o.lang));
        console.log(`${o.lang === 'zh' ? '已写入' : 'written'}: ${join(out, 'history.html')}`);
        // Nothing recorded for the site is an answer, not a failure: the table says so.
        setCode(0);
      } finally {
        await store.close();
      }
    });
}

export function historyTable(t: Awaited<ReturnType<typeof buildTrend>>, lang: 'zh' | 'en'): string {
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const lines = [L(`历史：${t.site}（${t.store}）`, `History: ${t.site} (${t.store})`)];
  if (!t.runs.length && !t.probes) return `${lines[0]}\n${L('历史库中没有该站点的记录', 'the store has nothing for this site')}`;
  lines.push(['as-of     ', 'score', '  Δ   ', L('结论  ', 'verdict'), L('否决', 'vetoes'), L('问题', 'findings'), L('新增', 'new'), L('修复', 'fixed')].join('  '));
  for (const r of t.runs)
    lines.push([r.asOf, String(r.score ?? '–').padStart(5), (r.delta === null ? '' : r.delta > 0 ? `+${r.delta}` : String(r.delta)).padStart(6), (r.passed ? L('合格', 'passed') : L('不合格', 'failed')).padEnd(6), String(r.vetoes.length).padStart(4), String(r.findings).padStart(5), String(r.new).padStart(4), String(r.fixed).padStart(5)].join('  '));
  const days = t.days.filter((d) => d.probes);
  if (days.length) {
    lines.push('', L('可访问性（每日）', 'Availability per day'));
    for (const d of days) lines.push(`${d.day}  ${String(d.probes).padStart(4)} ${L('次', 'probes')}  ${String(d.failed).padStart(3)} ${L('失败', 'failed')}  ${((d.availability ?? 0) * 100).toFixed(1).padStart(5)}%  ttfb p50 ${d.ttfbP50 ?? '–'} ms`);
    const r = t.response;
    if (r.ttfbMs) lines.push(`TTFB p50/p90/p95 ${r.ttfbMs.p50}/${r.ttfbMs.p90}/${r.ttfbMs.p95} ms; ${L('完整加载', 'load')} p50/p90/p95 ${r.loadMs?.p50}/${r.loadMs?.p90}/${r.loadMs?.p95} ms`);
  }
  return lines.join('\n');
}
