// Where a queue worker's reports end up. `shared`: the worker writes straight into the batch's
// output folder (a network share all machines mount). `redis`: the worker audits into its own
// temp folder, then hands the report files over in a Redis hash the batch command unpacks into
// its output folder — for workers that share nothing but the Redis.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../report/write.js';

export type ReportStore = 'shared' | 'redis';

/** The subset of ioredis both sides use (a Queue's or Worker's client). */
interface RedisLike {
  hgetallBuffer(key: string): Promise<Record<string, Buffer>>;
  del(key: string): Promise<number>;
  multi(): { del(key: string): unknown; hset(key: string, data: Record<string, Buffer>): unknown; expire(key: string, s: number): unknown; exec(): Promise<unknown> };
}

/** Reports wait this long for the batch command to collect them (it may be restarted with --resume). */
const KEEP_SECONDS = 7 * 24 * 3600;

export const reportsKey = (jobId: string) => `portal-audit:reports:${jobId}`;

/** Worker side: a portal's report files (not the hidden checkpoint) into Redis, then off the disk. */
export async function pushReports(client: RedisLike, jobId: string, dir: string): Promise<number> {
  const names = (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
  const files: Record<string, Buffer> = {};
  for (const n of names) files[n] = await readFile(join(dir, n));
  const key = reportsKey(jobId);
  const tx = client.multi();
  tx.del(key);
  if (names.length) tx.hset(key, files);
  tx.expire(key, KEEP_SECONDS);
  await tx.exec();
  await rm(dir, { recursive: true, force: true });
  return names.length;
}

/** Batch side: the files a worker pushed, written atomically into the portal's folder. */
export async function pullReports(client: RedisLike, jobId: string, dir: string): Promise<string[]> {
  const key = reportsKey(jobId);
  const files = await client.hgetallBuffer(key);
  const names = Object.keys(files).filter((n) => /^[\w.-]+$/.test(n) && !n.startsWith('.'));
  for (const n of names) await writeAtomic(join(dir, n), files[n]);
  await client.del(key);
  return names;
}
