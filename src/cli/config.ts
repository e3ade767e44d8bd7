// Audit options: CLI flags over the config file over defaults, validated with zod so a bad
// value is a one-line usage error (exit 2), never a stack trace.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseResolve, UsageError, type ResolveMap } from '../crawl/resolve.js';
import { SEVERITIES, type Lang, type Severity } from '../model/types.js';
import type { RuleSettings } from '../rules/engine.js';
import { TOOL_VERSION } from '../version.js';
import { DEFAULT_A11Y_TAGS } from '../crawl/a11y.js';
import { loadAccountInput, type AccountInputRow } from '../analysis/account-input.js';

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
  quiet: boolean;
  lang?: Lang;
  timeoutMs: number;
  respectRobots: boolean;
  /** Accessibility analysis in Chromium: every page, a few per template, or none. */
  a11y: 'all' | 'templates' | 'none';
  a11yTags: string[];
  a11ySamples: number;
  /** Check links to other sites (the links rule). */
  checkExternal: boolean;
  delayMs: number;
  maxBodyBytes: number;
  userAgent: string;
  minScore?: number;
  keepBodies: boolean;
  rules: Record<string, RuleSettings>;
  /** Evaluator input for the accounts rule (--accounts). */
  accountInput: AccountInputRow[];
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real date');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const list = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

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
    quiet: z.boolean(),
    lang: z.enum(['zh', 'en']),
    timeout: int(100, 600_000),
    robots: z.boolean(),
    external: z.boolean(),
    a11y: z.enum(['all', 'templates', 'none']),
    a11yTags: list,
    a11ySamples: int(1, 100),
    delay: int(0, 60_000),
    maxBodyBytes: int(1024, 1024 ** 3),
    userAgent: z.string().min(1),
    minScore: z.coerce.number().min(0).max(100),
    keepBodies: z.boolean(),
    accounts: z.string().min(1),
    rules: z.record(
      z.string(),
      z.object({ enabled: z.boolean().optional(), severity: z.enum(SEVERITIES).optional(), options: z.record(z.string(), z.unknown()).optional() }).strict(),
    ),
  })
  .partial()
  .strict();
export type RawOptions = z.input<typeof OptionsSchema>;

export const FORMATS = ['json'];

export function loadConfigFile(path: string): RawOptions {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read config file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text) as RawOptions;
  } catch (e) {
    throw new UsageError(`config file ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

function parse(raw: RawOptions, where: string) {
  const r = OptionsSchema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const key = issue.path.join('.') || '(root)';
  throw new UsageError(`${where}: ${key}: ${issue.message}`);
}

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function resolveOptions(url: string, cli: RawOptions, configPath?: string): AuditOptions {
  const fromFile = configPath ? parse(loadConfigFile(configPath), `config ${configPath}`) : {};
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
  return {
    url: target.toString(),
    out: o.out ?? './portal-audit-report',
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
    quiet: o.quiet ?? false,
    lang: o.lang,
    timeoutMs: o.timeout ?? 20_000,
    respectRobots: o.robots ?? true,
    checkExternal: o.external ?? true,
    a11y: o.a11y ?? 'templates',
    a11yTags: o.a11yTags ?? DEFAULT_A11Y_TAGS,
    a11ySamples: o.a11ySamples ?? 2,
    delayMs: o.delay ?? 0,
    maxBodyBytes: o.maxBodyBytes ?? 10 * 1024 * 1024,
    userAgent: o.userAgent ?? `portal-audit/${TOOL_VERSION} (government website audit)`,
    minScore: o.minScore,
    keepBodies: o.keepBodies ?? false,
    rules: o.rules ?? {},
    accountInput: o.accounts ? loadAccountInput(o.accounts) : [],
  };
}

export type { Severity };
