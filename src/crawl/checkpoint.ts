// Crawl checkpoint: one JSON line per finished page, appended in small batches next to the page
// bodies (a SIGKILL loses at most the pages in flight and the last batch, which are fetched again).
// A batch is written only after the bodies its records point at: the crawler flushes both.
// `--resume` replays these records instead of fetching the pages again; the crawl's own logic then
// rebuilds the frontier exactly as it was.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from '../model/types.js';
import { UsageError } from './resolve.js';

/** What makes two runs the same crawl: a checkpoint of another is not resumed. */
export interface CheckpointKey {
  startUrl: string;
  asOf: string;
  maxPages: number;
  maxDepth: number;
  include?: string[];
  exclude?: string[];
  render: string;
  respectRobots: boolean;
  facts?: string[];
}

export interface PageRecord {
  key: string;
  page: Page;
  /** URL keys that redirected to this entry (registered as aliases). */
  aliases: string[];
  /** Scope host after the start page's redirects. */
  scopeHost?: string;
  /** A redirect to another page of the site, offered in place of following it. */
  redirectOffer?: string;
}

/** A checkpoint of another audit: a usage error (exit 2), never silently mixed in. */
export class CheckpointError extends UsageError {}

export class Checkpoint {
  /** Kept open: one write(2) per page, not open/write/close (measured: ~0.4 ms a page saved). */
  private fd: number | null = null;

  private constructor(
    readonly file: string,
    readonly done: Map<string, PageRecord>,
  ) {}

  /** A new checkpoint (any earlier one is discarded), or with `resume` the earlier one's records. */
  static open(file: string, key: CheckpointKey, resume: boolean): Checkpoint {
    mkdirSync(dirname(file), { recursive: true });
    const header = JSON.stringify({ checkpoint: 1, key });
    if (!resume || !existsSync(file)) {
      writeFileSync(file, header + '\n');
      return new Checkpoint(file, new Map());
    }
    const lines = readFileSync(file, 'utf8').split('\n');
    const first = safeParse(lines[0]) as { checkpoint?: number; key?: CheckpointKey } | null;
    if (first?.checkpoint !== 1 || JSON.stringify(first.key) !== JSON.stringify(key))
      throw new CheckpointError(`${file} is a checkpoint of a different audit (${describeDiff(first?.key, key)}); run without --resume to start over`);
    const done = new Map<string, PageRecord>();
    // The last line may be cut short by a kill mid-write: unreadable lines are pages to fetch again.
    for (const line of lines.slice(1)) {
      const rec = safeParse(line) as PageRecord | null;
      if (rec?.key && rec.page) done.set(rec.key, rec);
    }
    return new Checkpoint(file, done);
  }

  private pending: string[] = [];
  private lastFlush = Date.now();

  record(rec: PageRecord): void {
    this.pending.push(JSON.stringify(rec) + '\n');
  }

  /** Time to write a batch: 32 records, or half a second since the last one. */
  due(): boolean {
    return this.pending.length >= 32 || (this.pending.length > 0 && Date.now() - this.lastFlush >= 500);
  }

  flush(): void {
    this.lastFlush = Date.now();
    if (!this.pending.length) return;
    this.fd ??= openSync(this.file, 'a');
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
  }

  close(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function safeParse(line: string | undefined): unknown {
  if (!line) return null;
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

function describeDiff(was: CheckpointKey | undefined, now: CheckpointKey): string {
  if (!was) return 'unreadable header';
  const diff = (Object.keys(now) as (keyof CheckpointKey)[]).filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]));
  return diff.map((k) => `${k} was ${JSON.stringify(was[k])}, now ${JSON.stringify(now[k])}`).join('; ');
}
