// Every report file is written atomically: a reader (or a killed run) never sees half a file.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Report } from './model.js';

export async function writeAtomic(path: string, data: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

export type Reporter = (report: Report, outDir: string) => Promise<string>;

export const REPORTERS: Record<string, Reporter> = {
  json: async (report, outDir) => {
    const file = join(outDir, 'report.json');
    await writeAtomic(file, JSON.stringify(report, null, 2) + '\n');
    return file;
  },
};
