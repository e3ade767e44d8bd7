// The batch file: one portal per row (CSV with a header, or JSON), with url, name, region,
// department and optional per-portal audit options. Every bad row is reported with its row
// number at once, as a usage error, before any audit starts.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { OptionsSchema, type RawOptions } from '../options.js';
import { UsageError } from '../crawl/resolve.js';

export interface BatchPortal {
  /** 1-based row number in the file (data rows, header excluded). */
  row: number;
  url: string;
  name: string;
  region: string | null;
  department: string | null;
  /** Audit options for this portal only (option names as in the config file). */
  options: RawOptions;
}

const KNOWN = ['url', 'name', 'region', 'department', 'options'];
/** Options a row may not set: where reports go and how the batch itself runs are the batch's. */
const BATCH_ONLY = ['out', 'resume', 'quiet', 'format', 'batch'];

const Row = z.object({
  url: z.string().trim().min(1, 'url is missing').refine((u) => u === '' || (/^https?:\/\//i.test(u) && URL.canParse(u)), 'url must be an http(s) URL'),
  name: z.string().trim().optional(),
  region: z.string().trim().optional(),
  department: z.string().trim().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});

export function parseBatchText(text: string, kind: 'csv' | 'json', source = 'batch file'): BatchPortal[] {
  let raw: Record<string, unknown>[];
  try {
    raw = kind === 'json' ? jsonRows(text) : (parse(text, { columns: (h: string[]) => h.map((x) => x.trim()), bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as Record<string, unknown>[]);
  } catch (e) {
    throw new UsageError(`${source}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!raw.length) throw new UsageError(`${source}: no portals in it`);
  const errors: string[] = [];
  const out: BatchPortal[] = [];
  raw.forEach((r, i) => {
    const row = i + 1;
    // CSV: columns other than the known ones are per-portal options (maxPages, asOf, profile …).
    const extra = Object.fromEntries(Object.entries(r).filter(([k, v]) => !KNOWN.includes(k) && v !== '' && v !== undefined));
    const parsedRow = Row.safeParse({ ...r, options: { ...extra, ...((r.options as object) ?? {}) } });
    if (!parsedRow.success) return void errors.push(`row ${row}: ${parsedRow.error.issues.map((x) => x.message).join('; ')}`);
    const v = parsedRow.data;
    const optionErrors = checkOptions(v.options ?? {});
    if (optionErrors) return void errors.push(`row ${row}: ${optionErrors}`);
    out.push({ row, url: v.url, name: v.name || new URL(v.url).hostname, region: v.region || null, department: v.department || null, options: coerce(v.options ?? {}) });
  });
  const seen = new Map<string, number>();
  for (const p of out) {
    const key = p.url.replace(/\/+$/, '').toLowerCase();
    if (seen.has(key)) errors.push(`row ${p.row}: ${p.url} is already row ${seen.get(key)}`);
    seen.set(key, p.row);
  }
  if (errors.length) throw new UsageError(`${source}: ${errors.slice(0, 10).join(' | ')}${errors.length > 10 ? ` | … ${errors.length - 10} more` : ''}`);
  return out;
}

export function readBatchFile(path: string): BatchPortal[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read batch file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const kind = extname(path).toLowerCase() === '.json' || /^\s*[[{]/.test(text) ? 'json' : 'csv';
  return parseBatchText(text, kind, path);
}

function jsonRows(text: string): Record<string, unknown>[] {
  const j = JSON.parse(text) as unknown;
  const rows = Array.isArray(j) ? j : (j as { portals?: unknown }).portals;
  if (!Array.isArray(rows)) throw new Error('expected an array of portals or {"portals": [...]}');
  return rows.map((r) => (typeof r === 'string' ? { url: r } : (r as Record<string, unknown>)));
}

/** CSV cells are strings: numbers and booleans for the option schema. */
function coerce(o: Record<string, unknown>): RawOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = v === 'true' ? true : v === 'false' ? false : v;
  return out as RawOptions;
}

function checkOptions(o: Record<string, unknown>): string | null {
  const banned = Object.keys(o).filter((k) => BATCH_ONLY.includes(k));
  if (banned.length) return `${banned.join(', ')} cannot be set per portal`;
  const r = OptionsSchema.safeParse(coerce(o));
  return r.success ? null : r.error.issues.map((x) => `${x.path.join('.') || 'options'}: ${x.message}`).join('; ');
}
