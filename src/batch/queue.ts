// Batch mode on many machines, over BullMQ on Redis: `batch --queue redis://…` enqueues one job
// per portal and waits; `worker --queue redis://…` (any number, anywhere) audits them into the
// shared output folder and returns the summary row. A worker that dies mid-job stops renewing its
// lock; another worker's stalled-job check puts the job back and it is audited again (resuming
// the crawl from the dead worker's checkpoint). Failed attempts are retried with backoff.
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { RawOptions } from '../options.js';
import { UsageError } from '../crawl/resolve.js';
import type { BatchPortal } from './input.js';
import { auditPortal, earlierRow, portalDir } from './run.js';
import { pullReports, pushReports, type ReportStore } from './store.js';
import { summaryRow, type SummaryRow } from './summary.js';

export const QUEUE_NAME = 'portal-audit';

export interface AuditJob {
  batchId: string;
  portal: BatchPortal;
  out: string;
  raw: RawOptions;
  config?: { path?: string; raw: RawOptions };
  /** The batch was started with --resume: reuse finished portals' reports. */
  resume: boolean;
  /** shared: write into `out` (mounted by every worker); redis: hand the files back through Redis. */
  store: ReportStore;
  /** The job's time limit: the audit then stops with a partial report (not a failure to retry). */
  portalTimeoutMs?: number;
}

export interface QueueTuning {
  /** How long a job's lock lasts without renewal: a dead worker's job is free again after it. */
  lockMs: number;
  /** How often workers look for stalled jobs. */
  stalledMs: number;
  attempts: number;
  backoffMs: number;
}
export const DEFAULT_TUNING: QueueTuning = { lockMs: 30_000, stalledMs: 15_000, attempts: 3, backoffMs: 10_000 };

export function connectionFor(url: string): ConnectionOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`--queue ${url}: not a redis:// URL`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new UsageError(`--queue ${url}: expected redis://host:port`);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ workers block on Redis; ioredis must not give up on their commands.
    maxRetriesPerRequest: null,
  };
}

/** Same file, same output, same portals → same batch id, so --resume re-attaches to its jobs. */
export function batchId(out: string, portals: BatchPortal[], resume: boolean): string {
  const h = createHash('sha1').update(out).update(JSON.stringify(portals)).digest('hex').slice(0, 12);
  return resume ? h : `${h}-${Date.now().toString(36)}`;
}

export async function enqueueAndWait(
  queueUrl: string,
  portals: BatchPortal[],
  o: {
    out: string;
    resume: boolean;
    raw: RawOptions;
    config?: AuditJob['config'];
    store?: ReportStore;
    portalTimeoutMs?: number;
    tuning?: Partial<QueueTuning>;
    signal?: AbortSignal;
    onProgress?: (e: { done: number; total: number; row: SummaryRow }) => void;
  },
): Promise<SummaryRow[]> {
  const t = { ...DEFAULT_TUNING, ...o.tuning };
  const store = o.store ?? 'shared';
  const queue = new Queue<AuditJob, SummaryRow>(QUEUE_NAME, { connection: connectionFor(queueUrl) });
  try {
    await queue.waitUntilReady().catch((e: Error) => {
      throw new UsageError(`--queue ${queueUrl}: ${e.message}`);
    });
    const id = batchId(o.out, portals, o.resume);
    const rows = new Map<number, SummaryRow>();
    const settle = (p: BatchPortal, row: SummaryRow) => {
      rows.set(p.row, row);
      o.onProgress?.({ done: rows.size, total: portals.length, row });
    };
    // Portals an earlier run finished are rows at once; only the rest become jobs.
    const todo = portals.filter((p) => {
      const earlier = o.resume ? earlierRow(p, o.out) : null;
      if (earlier) settle(p, earlier);
      return !earlier;
    });
    await queue.addBulk(
      todo.map((p) => ({
        name: 'audit',
        data: { batchId: id, portal: p, out: o.out, raw: o.raw, config: o.config, resume: o.resume, store, portalTimeoutMs: o.portalTimeoutMs },
        opts: { jobId: `${id}-${p.row}`, attempts: t.attempts, backoff: { type: 'exponential', delay: t.backoffMs }, removeOnComplete: false, removeOnFail: false },
      })),
    );
    const client = store === 'redis' ? new Redis(connectionFor(queueUrl) as RedisOptions) : null;
    try {
    while (rows.size < portals.length) {
      if (o.signal?.aborted) break;
      for (const p of todo) {
        if (rows.has(p.row)) continue;
        const jobId = `${id}-${p.row}`;
        const job = await queue.getJob(jobId);
        const state = job ? await job.getState() : 'unknown';
        let row: SummaryRow | null = null;
        if (state === 'completed' && job?.returnvalue) {
          row = job.returnvalue;
          if (store === 'redis') {
            const files = await pullReports(client!, jobId, join(o.out, row.folder));
            if (!files.length && row.status !== 'error') row = { ...row, error: 'the worker\'s report files are no longer in Redis' };
          }
        } else if (state === 'failed' && job && job.attemptsMade >= t.attempts) row = summaryRow(p, portalDir(p), { error: `worker failed ${job.attemptsMade}×: ${job.failedReason}` });
        if (row) settle(p, row);
      }
      if (rows.size < portals.length) await new Promise((r) => setTimeout(r, 500));
    }
    } finally {
      client?.disconnect();
    }
    return portals.map((p) => rows.get(p.row) ?? summaryRow(p, portalDir(p), { error: 'not audited: the batch was interrupted' }));
  } finally {
    await queue.close();
  }
}

export function startWorker(
  queueUrl: string,
  o: { jobs: number; tuning?: Partial<QueueTuning>; onEvent?: (e: { kind: 'start' | 'done' | 'failed'; job: Job<AuditJob>; row?: SummaryRow; error?: string }) => void },
): Worker<AuditJob, SummaryRow> {
  const t = { ...DEFAULT_TUNING, ...o.tuning };
  let client: Redis | undefined;
  const worker = new Worker<AuditJob, SummaryRow>(
    QUEUE_NAME,
    async (job) => {
      o.onEvent?.({ kind: 'start', job });
      // A retried or stalled job resumes the crawl the previous attempt checkpointed in the shared folder.
      // (With the redis store the checkpoint is on the dead worker's disk: a retry elsewhere starts over.)
      const retry = job.attemptsMade > 0 || (job.attemptsStarted ?? 1) > 1;
      const local = job.data.store === 'redis';
      const out = local ? join(tmpdir(), 'portal-audit-worker', job.data.batchId) : job.data.out;
      const row = await auditPortal(job.data.portal, { out, raw: job.data.raw, config: job.data.config, resume: job.data.resume || retry, portalTimeoutMs: job.data.portalTimeoutMs, batchId: job.data.batchId });
      if (local) await pushReports((client ??= new Redis(connectionFor(queueUrl) as RedisOptions)), job.id!, join(out, row.folder));
      o.onEvent?.({ kind: 'done', job, row });
      return row;
    },
    { connection: connectionFor(queueUrl), concurrency: o.jobs, lockDuration: t.lockMs, stalledInterval: t.stalledMs, maxStalledCount: t.attempts },
  );
  worker.on('failed', (job, err) => job && o.onEvent?.({ kind: 'failed', job, error: err.message }));
  worker.on('closed', () => client?.disconnect());
  return worker;
}
