// Every report file is written atomically: a reader (or a killed run) never sees half a file.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Lang } from '../model/types.js';
import type { Report } from './model.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './md.js';
import { renderSarif } from './sarif.js';
import { buildScoreSheet } from './scoresheet.js';
import { printPdf, renderScoreSheetHtml } from './scoresheet-html.js';
import { renderScoreSheetXlsx } from './scoresheet-xlsx.js';

export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

export type Reporter = (report: Report, outDir: string, ctx: { lang: Lang }) => Promise<string>;

const file = (name: string, render: (r: Report, lang: Lang) => string): Reporter => async (report, outDir, { lang }) => {
  const path = join(outDir, name);
  await writeAtomic(path, render(report, lang));
  return path;
};

/** Format name → reporter; `--format` accepts these names. */
export const REPORTERS: Record<string, Reporter> = {
  json: file('report.json', (r) => JSON.stringify(r, null, 2) + '\n'),
  html: file('report.html', renderHtml),
  md: file('report.md', renderMarkdown),
  junit: file('report.junit.xml', renderJunit),
  sarif: file('report.sarif', renderSarif),
  csv: file('findings.csv', (r, lang) => renderCsv(r, lang)),
  // The national score sheet (国办秘函〔2019〕19号): a workbook, and a PDF Chromium prints from its page.
  xlsx: async (report, outDir, { lang }) => {
    const path = join(outDir, 'scoresheet.xlsx');
    await writeAtomic(path, await renderScoreSheetXlsx(buildScoreSheet(report, lang)));
    return path;
  },
  pdf: async (report, outDir, { lang }) => {
    const html = join(outDir, 'scoresheet.html');
    await writeAtomic(html, renderScoreSheetHtml(buildScoreSheet(report, lang)));
    const path = join(outDir, 'scoresheet.pdf');
    const tmp = `${path}.${process.pid}.tmp`;
    await printPdf(html, tmp);
    await rename(tmp, path);
    return path;
  },
};
