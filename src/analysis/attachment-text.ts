// Text of notice attachments (subsidy lists as XLSX/DOCX/PDF/CSV), where personal data leaks
// most often. Tables come back as HTML so the PII scanner can use column headers as context.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';

export type AttachmentKind = 'pdf' | 'docx' | 'xlsx' | 'csv' | 'txt';
type Extracted = { html: string } | { text: string };

const KINDS: Record<string, AttachmentKind> = { pdf: 'pdf', docx: 'docx', xlsx: 'xlsx', csv: 'csv', txt: 'txt' };
const MAX_PDF_PAGES = 200;
/** Per-worker heap cap: a zip bomb becomes an error, not a crashed audit. */
const MAX_HEAP_MB = 512;

/** By file extension of the URL path (case-insensitive; .csv/.txt; .doc/.xls/.wps/.et are legacy binary formats with no maintained parser → null). */
export function attachmentKind(url: string): AttachmentKind | null {
  let path: string;
  try {
    path = new URL(url, 'http://x/').pathname; // drops ?query and #hash; relative URLs too
  } catch {
    path = url.split(/[?#]/)[0];
  }
  const m = /\.([a-z0-9]+)$/i.exec(path);
  return (m && KINDS[m[1].toLowerCase()]) || null;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function cellText(v: unknown): string {
  if (v == null) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v);
}

/** One <table>, first row as <th> (the header the PII scanner reads as column context). */
export function rowsToTable(rows: unknown[][], caption?: string): string {
  const body = rows.map((row, i) => {
    const tag = i === 0 ? 'th' : 'td';
    return '<tr>' + row.map((c) => `<${tag}>${esc(cellText(c))}</${tag}>`).join('') + '</tr>';
  });
  return `<table>${caption ? `<caption>${esc(caption)}</caption>` : ''}${body.join('')}</table>`;
}

/** UTF-8 (BOM or strictly valid), UTF-16 with BOM (Excel's "Unicode text"), else GB18030, a superset of GBK. */
function decodeText(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf-16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf.subarray(2), 'utf-16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'gb18030');
  }
}

/** RFC 4180 (quoted delimiters, doubled quotes, line breaks in fields) via csv-parse; ragged rows and blank lines allowed. */
export function parseCsv(text: string, delim = ','): string[][] {
  return parse(text, { delimiter: delim, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true }) as string[][];
}

function csvTable(body: Buffer): string {
  const text = decodeText(body);
  // Tab-separated when the first line has tabs but no commas (Excel's "Unicode text" export).
  const first = text.slice(0, text.search(/[\r\n]|$/));
  return rowsToTable(parseCsv(text, first.includes('\t') && !first.includes(',') ? '\t' : ','));
}

// DOCX/XLSX/PDF are parsed in a worker thread: read-excel-file and mammoth parse synchronously, so
// a timer on this thread could not fire before a big file was done (and the crawl would stall
// meanwhile). Terminating the worker is the only reliable time limit. Plain JS in a string so the
// same code runs from src under vitest and from dist.
const WORKER_JS = `
const { parentPort, workerData: w } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
async function run(body) {
  if (w.kind === 'docx') return { html: (await require(w.mods.mammoth).convertToHtml({ buffer: body })).value };
  // parseNumber keeps numeric cells as written (else 330100195603120218 → 330100195603120200).
  if (w.kind === 'xlsx') return { sheets: await require(w.mods.xlsx).default(body, { parseNumber: (s) => s }) };
  const pdfjs = await import(pathToFileURL(w.mods.pdfjs).href);
  const task = pdfjs.getDocument({
    data: new Uint8Array(body), isEvalSupported: false, useSystemFonts: false, disableFontFace: true,
    verbosity: 0, cMapUrl: w.mods.cmaps, cMapPacked: true, standardFontDataUrl: w.mods.fonts,
  });
  try {
    const doc = await task.promise;
    const pages = [];
    for (let n = 1; n <= Math.min(doc.numPages, w.maxPages); n++) {
      const { items } = await (await doc.getPage(n)).getTextContent();
      pages.push(items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\\n' : '') : '')).join(''));
    }
    return { text: pages.join('\\n') };
  } finally {
    await task.destroy();
  }
}
run(Buffer.from(w.body)).then(
  (ok) => parentPort.postMessage({ ok }),
  (e) => parentPort.postMessage({ error: String((e && e.message) || e) }),
);
`;

let mods: Record<string, string> | undefined;
/** Absolute paths resolved from this module. pdfjs's CMaps are needed for non-embedded CJK fonts (UniGB-UCS2-H etc.). */
function modulePaths(): Record<string, string> {
  if (mods) return mods;
  const req = createRequire(import.meta.url);
  const pdfDir = dirname(req.resolve('pdfjs-dist/package.json'));
  return (mods = {
    mammoth: req.resolve('mammoth'),
    xlsx: req.resolve('read-excel-file/node'),
    pdfjs: join(pdfDir, 'legacy/build/pdf.mjs'),
    cmaps: join(pdfDir, 'cmaps') + '/',
    fonts: join(pdfDir, 'standard_fonts') + '/',
  });
}

type Sheets = { sheets: { sheet: string; data: unknown[][] }[] };
class TimeoutError extends Error {}

function inWorker(body: Buffer, kind: 'pdf' | 'docx' | 'xlsx', timeoutMs: number): Promise<Extracted | Sheets> {
  const copy = new ArrayBuffer(body.byteLength); // transferred, so the caller's Buffer stays usable
  new Uint8Array(copy).set(body);
  const worker = new Worker(WORKER_JS, {
    eval: true,
    workerData: { kind, body: copy, mods: modulePaths(), maxPages: MAX_PDF_PAGES },
    transferList: [copy],
    resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB },
    stdout: true, // parser chatter stays out of the audit's console
    stderr: true,
  });
  let timer: NodeJS.Timeout | undefined;
  return new Promise<Extracted | Sheets>((resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${kind} extraction timed out after ${timeoutMs} ms`)), timeoutMs);
    worker.once('message', (m: { ok?: Extracted | Sheets; error?: string }) => (m.ok ? resolve(m.ok) : reject(new Error(m.error))));
    worker.once('error', reject); // e.g. ERR_WORKER_OUT_OF_MEMORY
    worker.once('exit', (code) => reject(new Error(`parser exited with code ${code}`)));
  }).finally(() => {
    clearTimeout(timer);
    void worker.terminate();
  });
}

/** Extract an attachment's content for scanning. Rejects with a short message on corrupt input or after `timeoutMs` (default 15 s). */
export async function extractAttachment(body: Buffer, kind: AttachmentKind, opts: { timeoutMs?: number } = {}): Promise<Extracted> {
  try {
    if (kind === 'txt') return { text: decodeText(body) };
    if (kind === 'csv') return { html: csvTable(body) };
    const out = await inWorker(body, kind, opts.timeoutMs ?? 15_000);
    return 'sheets' in out ? { html: out.sheets.map((s) => rowsToTable(s.data, s.sheet)).join('\n') } : out;
  } catch (e) {
    if (e instanceof TimeoutError) throw e;
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
    throw new Error(`unreadable ${kind} attachment: ${msg}`, { cause: e });
  }
}
