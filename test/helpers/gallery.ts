// Audits a CMS gallery site (fixtures/cms) through the real CLI, on loopback under its own host names.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGallery, type Gallery } from '../../fixtures/cms/gallery.js';
import { runCli, tempDir, type CliRun } from './cli.js';

export const GALLERY_AS_OF = '2026-12-07';

export interface GalleryAudit {
  run: CliRun;
  out: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  report: any;
}

/** Rules that need Chromium or probe the world; a gallery test turns on only what it is about. */
export async function auditGallery(g: Gallery, siteId: string, opts: { args?: string[]; rules?: Record<string, unknown>; asOf?: string } = {}): Promise<GalleryAudit> {
  const out = tempDir('pa-cms-');
  const args = ['audit', g.startUrl(siteId), '--out', out, '--as-of', opts.asOf ?? GALLERY_AS_OF, '--a11y', 'none', '--quiet', '--resolve-only', ...g.resolve.flatMap((r) => ['--resolve', r])];
  if (opts.rules) {
    const config = join(out, 'config.json');
    writeFileSync(config, JSON.stringify({ rules: opts.rules }));
    args.push('--config', config);
  }
  const run = await runCli([...args, ...(opts.args ?? [])]);
  let report: unknown = null;
  try {
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  } catch {
    throw new Error(`no report.json (exit ${run.code}): ${run.stderr.slice(0, 2000)}`);
  }
  return { run, out, report };
}

export const startTestGallery = () => startGallery({ asOf: GALLERY_AS_OF });
