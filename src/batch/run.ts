// Batch mode on one machine: audits with bounded concurrency (p-limit across portals; per-host
// politeness still applies inside each audit), one output folder per portal. A portal that fails
// — unreachable, bad options, a crash in the tool — is a row with its error, never a lost batch.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { runAudit } from '../audit.js';
import { resolveOptions, type RawOptions } from '../options.js';
import type { Report } from '../report/model.js';
import type { BatchPortal } from './input.js';
import { summaryRow, type SummaryRow } from './summary.js';

export interface BatchOptions {
  out: string;
  /** Portals audited at the same time. */
  portals: number;
  /** Skip portals whose report is already complete in `out` (and resume half-done crawls). */
  resume: boolean;
  /** Options for every portal (command line), under each row's own. */
  raw: RawOptions;
  config?: { path?: string; raw: RawOptions };
  /** Time limit of one portal's audit: it then stops like --max-time, with a partial report. */
  portalTimeoutMs?: number;
  signal?: AbortSignal;
  /** Recorded with each run in the history store (`--db`): which round it belongs to. */
  batchId?: string;
  onProgress?: (e: { done: number; total: number; row: SummaryRow }) => void;
}

/** A portal's folder: row number and a readable, filesystem-safe name. */
export function portalDir(p: BatchPortal): string {
  const host = new URL(p.url).hostname;
  const name = `${p.name}`.normalize('NFKC').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || host;
  return `${String(p.row).padStart(4, '0')}-${name}`;
}

function finished(dir: string): Report | null {
  const file = join(dir, 'report.json');
  if (!existsSync(file)) return null;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as Report;
    // A partial crawl is resumed; an unreachable portal is tried again (it may be back up).
    return r.crawl?.partial || !r.target?.reachable ? null : r;
  } catch {
    return null;
  }
}

/** The row of a portal an earlier run of this batch finished, if any (for --resume). */
export function earlierRow(p: BatchPortal, out: string): SummaryRow | null {
  const previous = finished(join(out, portalDir(p)));
  return previous ? summaryRow(p, portalDir(p), { report: previous, skipped: true }) : null;
}

/** One portal, start to finish, as a summary row: shared by the local batch and queue workers. */
export async function auditPortal(p: BatchPortal, o: Pick<BatchOptions, 'out' | 'resume' | 'raw' | 'config' | 'signal' | 'portalTimeoutMs' | 'batchId'>): Promise<SummaryRow> {
  const folder = portalDir(p);
  const dir = join(o.out, folder);
  const previous = o.resume ? earlierRow(p, o.out) : null;
  if (previous) return previous;
  if (o.signal?.aborted) return summaryRow(p, folder, { error: 'not audited: the batch was interrupted' });
  try {
    const opts = { ...resolveOptions(p.url, { format: ['json', 'html'], ...o.raw, ...p.options, out: dir, quiet: true, resume: o.resume }, o.config), batchId: o.batchId };
    const limits = [o.signal, o.portalTimeoutMs ? AbortSignal.timeout(o.portalTimeoutMs) : undefined].filter((s): s is AbortSignal => !!s);
    const r = await runAudit(opts, { signal: limits.length > 1 ? AbortSignal.any(limits) : limits[0] });
    return summaryRow(p, folder, { report: r.report });
  } catch (e) {
    return summaryRow(p, folder, { error: (e as Error).message.split('\n')[0] });
  }
}

export async function runBatch(portals: BatchPortal[], o: BatchOptions): Promise<SummaryRow[]> {
  const limit = pLimit(o.portals);
  let done = 0;
  return Promise.all(
    portals.map((p) =>
      limit(async () => {
        const row = await auditPortal(p, o);
        o.onProgress?.({ done: ++done, total: portals.length, row });
        return row;
      }),
    ),
  );
}
