// Audits a CMS gallery site (fixtures/cms) through the real CLI, on loopback under its own host names.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
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

const OFF = { enabled: false };
/** Rules a one-rule gallery test turns off: search and transport security need Chromium or TLS probes; links and navigation judge other things. */
export const OFF_TOPIC_RULES = { search: OFF, 'transport-security': OFF, links: OFF, navigation: OFF };

/** Audits of a site for a whole test file, one per options object, in order: the gallery starts before its tests and closes after them. */
export function galleryAuditOnce(siteId: string, ...runs: Parameters<typeof auditGallery>[2][]): (run?: number) => GalleryAudit {
  let g: Gallery | undefined;
  const audits: GalleryAudit[] = [];
  beforeAll(async () => {
    g = await startTestGallery();
    for (const opts of runs.length ? runs : [{}]) audits.push(await auditGallery(g, siteId, opts));
  });
  afterAll(() => g?.close());
  return (run = 0) => audits[run];
}
