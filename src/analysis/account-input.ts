// Evaluator input: what platform back-ends export (platform, name, url, lastPost, lastReply),
// as CSV or JSON. It overrides or completes what the crawl found online.
import { readFileSync } from 'node:fs';
import { UsageError } from '../crawl/resolve.js';

export interface AccountInputRow {
  platform: string;
  name: string;
  url: string | null;
  lastPost: string | null;
  lastReply: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') (cur += '"'), i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) out.push(cur.trim()), (cur = '');
    else cur += c;
  }
  out.push(cur.trim());
  return out;
}

export function loadAccountInput(path: string): AccountInputRow[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\ufeff/, '');
  } catch (e) {
    throw new UsageError(`cannot read --accounts file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let rows: Record<string, string | null | undefined>[];
  if (/\.json$/i.test(path) || /^\s*[[{]/.test(text)) {
    try {
      rows = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`--accounts ${path} is not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(rows)) throw new UsageError(`--accounts ${path}: expected an array of rows`);
  } else {
    const lines = text.split(/\r?\n/).filter((l) => l.trim());
    const head = splitCsvLine(lines[0] ?? '');
    rows = lines.slice(1).map((l) => Object.fromEntries(splitCsvLine(l).map((v, i) => [head[i], v])));
  }
  return rows.map((r, i) => {
    const row = { platform: r.platform ?? '', name: r.name ?? '', url: r.url || null, lastPost: r.lastPost || null, lastReply: r.lastReply || null };
    if (!row.platform || !row.name) throw new UsageError(`--accounts ${path} row ${i + 1}: platform and name are required`);
    for (const k of ['lastPost', 'lastReply'] as const)
      if (row[k] && !DATE.test(row[k]!)) throw new UsageError(`--accounts ${path} row ${i + 1}: ${k} must be YYYY-MM-DD`);
    return row;
  });
}
