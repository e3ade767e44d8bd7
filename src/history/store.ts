// The history store: every audit's summary and findings, and the availability probes of
// `monitor`, kept per site so that runs can be compared over time. One interface, two engines:
// a single SQLite file (default, no server) and PostgreSQL for many workers writing one history.
import { existsSync } from 'node:fs';
import { UsageError } from '../crawl/resolve.js';

export interface RunRecord {
  site: string;
  url: string;
  asOf: string;
  toolVersion: string;
  profile: string;
  reachable: boolean;
  score: number | null;
  passed: boolean;
  vetoes: { ruleId: string; target: string; reason: string }[];
  /** Group id → score within the group (gov-cn points, or 0–100 for general). */
  groups: Record<string, number>;
  pages: number;
  limits: Record<string, unknown>;
  batch?: string | null;
  findings: { fingerprint: string; ruleId: string; category: string; severity: string; veto: boolean; url: string; target: string; message: string }[];
}

export interface RunRow extends Omit<RunRecord, 'findings'> {
  id: number;
  recordedAt: string;
  findings: number;
  /** Compared with the site's run before it: findings first seen, still there, gone. */
  new: number;
  still: number;
  fixed: number;
}

/** What changed since the site's previous run (null when this is its first). */
export interface RunDiff {
  runId: number;
  previous: { runId: number; asOf: string; score: number | null } | null;
  new: number;
  still: number;
  fixed: { fingerprint: string; ruleId: string; target: string; message: string }[];
}

/**
 * Why a probe failed. `refused` (our own network guard), `blocked` (403/429: the site turned the
 * monitor away, not necessarily its visitors) and `monitor-offline` (every site of the round
 * failed to connect: our network, not theirs) are recorded but never counted against the site.
 */
export type ProbeReason = 'dns' | 'connect' | 'tls' | 'timeout' | 'http-5xx' | 'http-4xx' | 'soft-error' | 'redirect-loop' | 'bad-redirect' | 'refused' | 'blocked' | 'monitor-offline' | 'error';
export const NOT_COUNTED: ReadonlySet<ProbeReason> = new Set(['refused', 'blocked', 'monitor-offline']);

export interface ProbeRecord {
  site: string;
  url: string;
  /** ISO instant of the probe. */
  at: string;
  ok: boolean;
  status: number | null;
  ttfbMs: number | null;
  /** Time until the whole page had arrived (null when it never did). */
  loadMs: number | null;
  reason: ProbeReason | null;
  detail: string | null;
  certDays: number | null;
  /** A home page (judged for 站点无法访问), or a key page (recorded only). */
  home: boolean;
  /** The probe's time limit: only the indicator's 15 s counts for the veto. */
  limitMs: number;
  /** Recorded at a simulated time (`monitor --simulate-from`, tests): never evidence of a real week. */
  simulated: boolean;
}

export interface HistoryStore {
  /** Where it is, for messages (a file path, or a URL without its password). */
  readonly where: string;
  recordRun(run: RunRecord): Promise<RunDiff>;
  /** A site's runs, oldest first. */
  runs(site: string): Promise<RunRow[]>;
  /** Findings recorded for a run; `state` is new or still. */
  runFindings(runId: number): Promise<(RunRecord['findings'][number] & { state: string })[]>;
  fixedIn(runId: number): Promise<RunDiff['fixed']>;
  recordProbe(p: ProbeRecord): Promise<void>;
  /** Probes of a site with from ≤ at < to, oldest first. */
  probes(site: string, from: string, to: string): Promise<ProbeRecord[]>;
  /** The sites the store knows, with their last run. */
  sites(): Promise<{ site: string; runs: number; probes: number; lastAsOf: string | null }[]>;
  /** Runs recorded under a batch id. */
  batchRuns(batch: string): Promise<RunRow[]>;
  close(): Promise<void>;
}

/** One history per site: the host, lowercased, without a default port (http://X/ and https://x/index.html are one site). */
export function siteKey(url: string): string {
  const u = new URL(url);
  return u.host.toLowerCase();
}

/**
 * `--db history.db` (a file) or `--db postgres://user@host/db`. Errors are usage errors (exit 2,
 * before any crawl). `mustExist`: a reader (`history`) does not create an empty store from a typo.
 */
export async function openStore(spec: string, o: { mustExist?: boolean } = {}): Promise<HistoryStore> {
  if (/^postgres(ql)?:\/\//i.test(spec)) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(spec);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) throw new UsageError(`--db ${redactUrl(spec)}: expected a file path or postgres://…`);
  if (o.mustExist && !existsSync(spec)) throw new UsageError(`--db ${spec}: no such history file`);
  const { openSqlite } = await import('./sqlite.js');
  return openSqlite(spec);
}

/** A database URL without its password (user info and ?password=), for messages and reports. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    if (u.searchParams.has('password')) u.searchParams.set('password', '***');
    return u.toString();
  } catch {
    return `${url.split(':')[0]}://… (not a URL that can be shown safely)`;
  }
}

/** Findings of this run against the previous run's: which are new, which still there, which gone. */
export function diffFindings(before: RunDiff['fixed'] | null, now: RunRecord['findings']): { state: Map<string, 'new' | 'still'>; new: number; still: number; fixed: RunDiff['fixed'] } {
  const had = new Set((before ?? []).map((b) => b.fingerprint));
  const state = new Map<string, 'new' | 'still'>();
  for (const f of now) state.set(f.fingerprint, had.has(f.fingerprint) ? 'still' : 'new');
  const values = [...state.values()];
  const fixed = (before ?? []).filter((b) => !state.has(b.fingerprint));
  return { state, new: values.filter((s) => s === 'new').length, still: values.filter((s) => s === 'still').length, fixed };
}
