// `portal-audit batch <portals.csv|json>`: audit many portals on this machine, then write the
// league table (summary.json, summary.csv, summary.html) next to one folder per portal.
import type { Command } from 'commander';
import { resolve as resolvePath } from 'node:path';
import { EXIT } from '../audit.js';
import { readBatchFile } from '../batch/input.js';
import { runBatch } from '../batch/run.js';
import type { SummaryRow } from '../batch/summary.js';
import { buildSummary, writeSummary } from '../batch/summary.js';
import { UsageError } from '../crawl/resolve.js';
import { TOOL_VERSION } from '../version.js';
import { loadConfig, parseOptions, resolveOptions, type RawOptions } from '../options.js';
import { checkStore, withPrevious } from '../batch/over-time.js';

// BullMQ and ioredis load only when a queue is used: every other command starts faster.
const loadQueue = () => import('../batch/queue.js');

export function batchCommand(program: Command, withAuditOptions: (c: Command) => Command, raw: (o: Record<string, unknown>) => RawOptions, setCode: (c: number) => void): void {
  withAuditOptions(
    program
      .command('batch')
      .description('audit every portal of a CSV/JSON list (url,name,region,department[,option columns]) and write a ranked summary')
      .argument('<portals>', 'portals file: CSV with a header row, or JSON (array or {"portals": [...]})')
      .option('--portals <n>', 'portals audited at the same time (default 2)')
      .option('--queue <redis-url>', 'hand the portals to `portal-audit worker` processes over BullMQ on this Redis (redis://host:port[/db]); --out must be a folder the workers share')
      .option('--attempts <n>', 'with --queue: tries per portal before it is a failed row (default 3)')
      .option('--portal-timeout <minutes>', 'time limit of one portal\'s audit; it then stops with a partial report, marked in the summary (default 60)')
      .option('--store <where>', 'with --queue: shared (workers write into --out, a folder they all mount) or redis (workers hand the reports back through Redis) (default shared)'),
  ).action(async (file: string, o: Record<string, unknown>) => {
    const portals = readBatchFile(file);
    const config = await loadConfig(o.config as string | undefined);
    // The config file's "batch" section gives defaults; flags win.
    const fromConfig = parseOptions(config.raw, `config file ${config.path}`).batch ?? {};
    const { portals: parallel = fromConfig.portals, queue = fromConfig.queue, attempts = fromConfig.attempts, store = fromConfig.store ?? 'shared', portalTimeout = fromConfig.portalTimeout ?? 60, ...rest } = o;
    const cli = raw(rest);
    if (store !== 'shared' && store !== 'redis') throw new UsageError('--store must be shared or redis');
    if (queue && !/^rediss?:\/\//.test(String(queue))) throw new UsageError(`--queue ${String(queue)}: expected redis://host:port`);
    const minutes = Number(portalTimeout);
    if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) throw new UsageError('--portal-timeout must be minutes from 0.1 to 1440');
    const n = parallel === undefined ? 2 : Number(parallel);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--portals must be a whole number from 1 to 64');
    // Validates the shared options (and the output directory) once, before any portal starts.
    const shared0 = resolveOptions(portals[0].url, cli, config);
    const out = resolvePath(shared0.out);
    const db = shared0.db;
    if (db) await checkStore(db);
    const quiet = !!cli.quiet;
    const ac = new AbortController();
    const onSignal = () => (ac.signal.aborted ? process.exit(130) : ac.abort());
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
    try {
      if (!quiet) console.log(`batch: ${portals.length} portals, ${n} at a time → ${out}`);
      const onProgress = ({ done, total, row }: { done: number; total: number; row: SummaryRow }) => {
        if (quiet) return;
        const what = row.status === 'audited' ? `${row.score} ${row.passed ? '合格' : '不合格'}${row.partial ? ' (partial: stopped early)' : ''}` : `${row.status}: ${row.error}`;
        console.log(`[${done}/${total}] ${row.name} ${row.url} — ${what}${row.skipped ? ' (earlier run)' : ''}`);
      };
      const shared = { out, resume: !!cli.resume, raw: cli, config, signal: ac.signal, onProgress, portalTimeoutMs: Math.round(minutes * 60_000) };
      const tries = attempts === undefined ? undefined : Number(attempts);
      if (tries !== undefined && (!Number.isInteger(tries) || tries < 1 || tries > 20)) throw new UsageError('--attempts must be a whole number from 1 to 20');
      const rows = queue
        ? await (await loadQueue()).enqueueAndWait(String(queue), portals, { ...shared, store, tuning: tries ? { attempts: tries } : {} })
        : await runBatch(portals, { ...shared, portals: n, batchId: `local-${new Date().toISOString()}` });
      // With a history store, each row says how its score and rank moved since the previous round.
      const summary = buildSummary(rows, TOOL_VERSION);
      if (db) summary.rows = await withPrevious(summary.rows, db);
      const files = await writeSummary(summary, out);
      if (!quiet) console.log(`${summary.audited}/${summary.portals} audited, ${summary.passed} passed, ${summary.unreachable} unreachable, ${summary.errors} errors\nsummary: ${files.join(', ')}`);
      setCode(summary.audited === 0 && summary.unreachable > 0 ? EXIT.unreachable : EXIT.passed);
    } finally {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    }
  });
}

/** `portal-audit worker --queue redis://…`: take portal jobs until stopped (SIGINT/SIGTERM finish the jobs in hand). */
export function workerCommand(program: Command): void {
  program
    .command('worker')
    .description('audit portals handed out by `portal-audit batch --queue` (run any number, on any machine that shares the batch output folder or, with batch --store redis, only the Redis)')
    .requiredOption('--queue <redis-url>', 'the Redis the batch uses (redis://host:port[/db])')
    .option('--jobs <n>', 'portals this worker audits at the same time (default 1)')
    .option('--lock-ms <ms>', 'job lock without renewal; a dead worker\'s job is retried after it (default 30000)')
    .option('--stalled-ms <ms>', 'how often to look for jobs of dead workers (default 15000)')
    .option('-q, --quiet', 'no per-job lines')
    .action(async (o: { queue: string; jobs?: string; lockMs?: string; stalledMs?: string; quiet?: boolean }) => {
      const num = (v: string | undefined, name: string, min: number, max: number) => {
        if (v === undefined) return undefined;
        const n = Number(v);
        if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}`);
        return n;
      };
      const jobs = num(o.jobs, '--jobs', 1, 16) ?? 1;
      const tuning = { ...(o.lockMs ? { lockMs: num(o.lockMs, '--lock-ms', 1000, 3_600_000) } : {}), ...(o.stalledMs ? { stalledMs: num(o.stalledMs, '--stalled-ms', 500, 600_000) } : {}) };
      const worker = (await loadQueue()).startWorker(o.queue, {
        jobs,
        tuning: tuning as { lockMs?: number; stalledMs?: number },
        onEvent: (e) => {
          if (o.quiet) return;
          const p = e.job.data.portal;
          if (e.kind === 'start') console.log(`start ${e.job.id} ${p.name} ${p.url} (attempt ${e.job.attemptsMade + 1})`);
          else if (e.kind === 'done') console.log(`done ${e.job.id} ${p.name}: ${e.row?.status} ${e.row?.score ?? ''}`);
          else console.log(`failed ${e.job.id} ${p.name}: ${e.error}`);
        },
      });
      await worker.waitUntilReady().catch((e: Error) => {
        throw new UsageError(`--queue ${o.queue}: ${e.message}`);
      });
      if (!o.quiet) console.log(`worker ready on ${o.queue} (${jobs} at a time)`);
      await new Promise<void>((resolve) => {
        const stop = () => void worker.close().then(resolve);
        process.once('SIGINT', stop).once('SIGTERM', stop);
      });
    });
}
