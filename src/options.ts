// Audit options: CLI flags over the config file over defaults, validated with zod so a bad
// value is a one-line usage error (exit 2), never a stack trace.
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { parseResolve, UsageError, type ResolveMap } from './crawl/resolve.js';
import { CATEGORIES, SEVERITIES, type Lang, type Severity } from './model/types.js';
import { GOV_CN_GROUPS } from './score/gov-cn-table.js';
import type { RuleSettings } from './rules/engine.js';
import { TOOL_VERSION } from './version.js';
import { DEFAULT_A11Y_TAGS } from './crawl/a11y.js';
import { loadAccountInput, type AccountInputRow } from './analysis/account-input.js';
import { PROFILES, type ProfileId, type ScoringSettings } from './score/types.js';
import { FAIL_ON, type FailOn } from './score/gate.js';
import type { OldReport } from './report/baseline.js';

export interface AuditOptions {
  url: string;
  out: string;
  formats: string[];
  asOf: string;
  maxPages: number;
  maxDepth: number;
  concurrency: number;
  include: string[];
  exclude: string[];
  render: 'auto' | 'always' | 'never';
  browserPath?: string;
  resolve: ResolveMap;
  resolveOnly: boolean;
  /** Let pages lead the audit to loopback/private/link-local/metadata addresses. */
  allowPrivate: boolean;
  quiet: boolean;
  lang?: Lang;
  timeoutMs: number;
  /** Whole-crawl time limit: stop cleanly after it, report what was covered (partial). */
  maxTimeMs?: number;
  respectRobots: boolean;
  /** Accessibility analysis in Chromium: every page, a few per template, or none. */
  a11y: 'all' | 'templates' | 'none';
  a11yTags: string[];
  a11ySamples: number;
  /** Dated screenshots (截图取证) of the pages of vetoes, of serious findings too, of every finding, or none. */
  screenshots: 'none' | 'vetoes' | 'serious' | 'all';
  /** Check links to other sites (the links rule). */
  checkExternal: boolean;
  /** Unset: 200 ms, or 0 for a site on loopback. */
  delayMs?: number;
  /** Extra request headers for the audited site only (staging auth, cookies). */
  siteHeaders: Record<string, string>;
  maxBodyBytes: number;
  userAgent: string;
  /** Scoring profile; default by the target's domain and language. */
  profile?: ProfileId;
  scoring?: ScoringSettings;
  failUnder?: number;
  failOn?: FailOn;
  baseline?: { file: string; report: OldReport };
  /** History store: an SQLite file or postgres:// URL (`--db`, or `history.db` in the config). */
  db?: string;
  /** Set by `batch`: the round this audit belongs to, recorded with its run. */
  batchId?: string;
  keepBodies: boolean;
  /** Extra trusted CA certificates (PEM text of --ca-file). */
  ca?: string;
  /** Continue from the checkpoint an interrupted run left in the output directory. */
  resume: boolean;
  rules: Record<string, RuleSettings>;
  /** Evaluator input for the accounts rule (--accounts). */
  accountInput: AccountInputRow[];
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real date');
/** "90" (seconds), "90s", "30m", "2h" → milliseconds. */
const duration = z
  .union([z.number(), z.string()])
  .transform((v, ctx) => {
    const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(String(v).trim());
    if (!m) {
      ctx.addIssue({ code: 'custom', message: 'expected a duration such as 90, 90s, 30m or 2h' });
      return z.NEVER;
    }
    const unit = (m[2] ?? 's').toLowerCase();
    return Math.round(Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h']);
  })
  .refine((ms) => ms >= 1000, 'must be at least 1 s');
/** A duration flag ("30m", "90s", "2h") in ms; a usage error otherwise. */
export function durationMs(v: string, flag: string): number {
  const r = duration.safeParse(v);
  if (!r.success) throw new UsageError(`${flag} ${v}: ${r.error.issues[0]?.message ?? 'not a duration'}`);
  return r.data;
}
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const list = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

const GROUP_IDS = GOV_CN_GROUPS.map((g) => g.id);
function groupSum(over: Record<string, number>): number {
  return GOV_CN_GROUPS.reduce((n, g) => n + (over[g.id] ?? g.points), 0);
}

const points = z.number().min(0).max(100);
const ScoringSchema = z
  .object({
    profile: z.enum(PROFILES),
    passMark: points,
    groups: z.record(z.string(), points),
    points: z.record(z.string(), points),
    weights: z.partialRecord(z.enum(CATEGORIES), points),
    severityPoints: z.partialRecord(z.enum(SEVERITIES), points),
    grades: z.record(z.string().regex(/^[A-Z][+-]?$/, 'grades are letters such as A or B+'), points),
  })
  .partial()
  .strict()
  .refine((s) => !s.groups || Object.keys(s.groups).every((g) => GROUP_IDS.includes(g)), { message: `scoring.groups: known groups are ${GROUP_IDS.join(', ')}` })
  .refine((s) => !s.groups || Math.abs(groupSum(s.groups) - 100) < 1e-6, { message: 'scoring.groups must add up to 100 (with the groups not listed at their defaults)' });

/** Everything a config file or the command line may set. Keys mirror the long flags. */
export const OptionsSchema = z
  .object({
    out: z.string().min(1),
    format: list,
    asOf: isoDate,
    maxPages: int(1, 1_000_000),
    maxDepth: int(0, 100),
    concurrency: int(1, 64),
    include: list,
    exclude: list,
    render: z.enum(['auto', 'always', 'never']),
    browserPath: z.string().min(1),
    resolve: z.array(z.string()),
    resolveOnly: z.boolean(),
    allowPrivate: z.boolean(),
    quiet: z.boolean(),
    lang: z.enum(['zh', 'en']),
    timeout: int(100, 600_000),
    maxTime: duration,
    robots: z.boolean(),
    external: z.boolean(),
    a11y: z.enum(['all', 'templates', 'none']),
    a11yTags: list,
    a11ySamples: int(1, 100),
    screenshots: z.enum(['none', 'vetoes', 'serious', 'all']),
    delay: int(0, 60_000),
    header: z.array(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+:\s*[^\r\n]*$/, 'expected "Name: value"')),
    cookie: z.string().regex(/^[^\r\n]+$/, 'one line: a=b; c=d'),
    contact: z.string().min(3).regex(/^[^\r\n()]+$/, 'a URL or e-mail address, no parentheses'),
    maxBodyBytes: int(1024, 1024 ** 3),
    userAgent: z.string().min(1),
    profile: z.enum(PROFILES),
    failUnder: z.coerce.number().min(0).max(100),
    /** Old name of failUnder. */
    minScore: z.coerce.number().min(0).max(100),
    failOn: z.enum(FAIL_ON),
    baseline: z.string().min(1),
    db: z.string().min(1),
    history: z.object({ db: z.string().min(1) }).partial().strict(),
    scoring: ScoringSchema,
    keepBodies: z.boolean(),
    caFile: z.string().min(1),
    resume: z.boolean(),
    accounts: z.string().min(1),
    // Only for `batch`/`worker`: how many portals at once, where the queue is, where reports go.
    batch: z
      .object({ portals: int(1, 64), queue: z.string().regex(/^rediss?:\/\//, 'expected redis://host:port'), attempts: int(1, 20), store: z.enum(['shared', 'redis']), portalTimeout: z.number().positive().max(1440) })
      .partial()
      .strict(),
    rules: z.record(
      z.string(),
      z.object({ enabled: z.boolean().optional(), severity: z.enum(SEVERITIES).optional(), options: z.record(z.string(), z.unknown()).optional() }).strict(),
    ),
  })
  .partial()
  .strict();
export type RawOptions = z.input<typeof OptionsSchema>;

export const FORMATS = ['json', 'html', 'md', 'junit', 'sarif', 'csv', 'xlsx', 'pdf'];
export const CONFIG_NAMES = ['portal-audit.config.json', 'portal-audit.config.mjs'];

/** The config file: `--config`, else the nearest portal-audit.config.{json,mjs} upward from cwd. */
export async function loadConfig(explicit?: string, cwd = process.cwd()): Promise<{ path?: string; raw: RawOptions }> {
  const path = explicit ? resolvePath(explicit) : findConfig(cwd);
  if (!path) return { raw: {} };
  if (!existsSync(path)) throw new UsageError(`cannot read config file ${path}: ENOENT`);
  if (/\.m?js$/.test(path)) {
    try {
      const mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
      return { path, raw: (mod.default ?? {}) as RawOptions };
    } catch (e) {
      throw new UsageError(`config file ${path} cannot be loaded: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read config file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return { path, raw: JSON.parse(text) as RawOptions };
  } catch (e) {
    throw new UsageError(`config file ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

export function findConfig(cwd: string): string | undefined {
  for (let dir = resolvePath(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    if (dirname(dir) === dir) return undefined;
  }
}

export function loadBaseline(file: string): { file: string; report: OldReport } {
  let data: OldReport;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as OldReport;
  } catch (e) {
    throw new UsageError(`--baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!data || !Array.isArray(data.findings) || typeof data.asOf !== 'string' || typeof data.score?.total !== 'number') {
    throw new UsageError(`--baseline ${file}: not a portal-audit report.json`);
  }
  return { file, report: data };
}

function parse(raw: RawOptions, where: string) {
  const r = OptionsSchema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const key = issue.path.join('.') || '(root)';
  throw new UsageError(`${where}: ${key}: ${issue.message}`);
}

export function parseOptions(raw: RawOptions, where: string) {
  return parse(raw, where);
}

function siteHeaders(lines: string[], cookie?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    out[l.slice(0, i).trim()] = l.slice(i + 1).trim();
  }
  if (cookie) out.cookie = cookie;
  return out;
}

/** An output directory we cannot write is a usage error now, not a lost report after the crawl. */
function checkWritable(dir: string): void {
  try {
    makeDir(resolvePath(dir));
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new UsageError(`--out ${dir}: not a writable directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

// Not mkdirSync({recursive}): Node 20 spins forever on it under /proc, so walk up one level at a time.
function makeDir(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    return;
  }
  const parent = dirname(dir);
  if (parent !== dir) makeDir(parent);
  mkdirSync(dir);
}

function readCa(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--ca-file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!/-----BEGIN CERTIFICATE-----/.test(pem)) throw new UsageError(`--ca-file ${file}: no PEM certificate in it`);
  return pem;
}

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Paths in a config file are relative to the file, wherever the run starts. */
function relativeToFile<T extends Partial<Record<'out' | 'baseline' | 'accounts' | 'browserPath', string>>>(o: T, file: string): T {
  const dir = dirname(file);
  const out = { ...o };
  for (const k of ['out', 'baseline', 'accounts', 'browserPath'] as const) if (typeof out[k] === 'string') out[k] = resolvePath(dir, out[k]!) as T[typeof k];
  // A history file too (a postgres:// URL is no path).
  const h = (out as { history?: { db?: string } }).history;
  if (h?.db && !/^[a-z][a-z0-9+.-]*:\/\//i.test(h.db)) (out as { history?: { db?: string } }).history = { ...h, db: resolvePath(dir, h.db) };
  const d = (out as { db?: string }).db;
  if (d && !/^[a-z][a-z0-9+.-]*:\/\//i.test(d)) (out as { db?: string }).db = resolvePath(dir, d);
  return out;
}

export function resolveOptions(url: string, cli: RawOptions, config: { path?: string; raw: RawOptions } = { raw: {} }): AuditOptions {
  const fromFile = config.path ? relativeToFile(parse(config.raw, `config ${config.path}`), config.path) : {};
  const fromCli = parse(cli, 'option');
  const o = { ...fromFile, ...fromCli, rules: { ...fromFile.rules, ...fromCli.rules } };
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new UsageError(`not a URL: ${url}`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new UsageError(`only http(s) URLs can be audited: ${url}`);
  if (o.browserPath && !existsSync(o.browserPath)) throw new UsageError(`--browser-path: no such file: ${o.browserPath}`);
  const formats = o.format ?? ['json'];
  const unknown = formats.filter((f) => f !== 'all' && !FORMATS.includes(f));
  if (unknown.length) throw new UsageError(`unknown --format ${unknown.join(',')}; available: ${FORMATS.join(', ')}`);
  const out = o.out ?? './portal-audit-report';
  checkWritable(out);
  return {
    url: target.toString(),
    out,
    formats: formats.includes('all') ? FORMATS : [...new Set(['json', ...formats])],
    asOf: o.asOf ?? today(),
    maxPages: o.maxPages ?? 500,
    maxDepth: o.maxDepth ?? 8,
    concurrency: o.concurrency ?? 4,
    include: o.include ?? [],
    exclude: o.exclude ?? [],
    render: o.render ?? 'auto',
    browserPath: o.browserPath,
    resolve: parseResolve(o.resolve ?? []),
    resolveOnly: o.resolveOnly ?? false,
    allowPrivate: o.allowPrivate ?? false,
    quiet: o.quiet ?? false,
    lang: o.lang,
    timeoutMs: o.timeout ?? 20_000,
    maxTimeMs: o.maxTime,
    respectRobots: o.robots ?? true,
    checkExternal: o.external ?? true,
    a11y: o.a11y ?? 'templates',
    a11yTags: o.a11yTags ?? DEFAULT_A11Y_TAGS,
    a11ySamples: o.a11ySamples ?? 2,
    screenshots: o.screenshots ?? 'vetoes',
    delayMs: o.delay,
    siteHeaders: siteHeaders(o.header ?? [], o.cookie),
    maxBodyBytes: o.maxBodyBytes ?? 10 * 1024 * 1024,
    // Honest by default: the tool, its version, what it does, and whom to contact (--contact).
    userAgent: o.userAgent ?? `portal-audit/${TOOL_VERSION} (government website audit${o.contact ? `; +${o.contact}` : ''})`,
    profile: o.profile,
    scoring: o.scoring,
    failUnder: o.failUnder ?? o.minScore,
    failOn: o.failOn,
    baseline: o.baseline ? loadBaseline(o.baseline) : undefined,
    db: o.db ?? o.history?.db,
    keepBodies: o.keepBodies ?? false,
    resume: o.resume ?? false,
    ca: o.caFile ? readCa(o.caFile) : undefined,
    rules: o.rules ?? {},
    accountInput: o.accounts ? loadAccountInput(o.accounts) : [],
  };
}

export type { Severity };
