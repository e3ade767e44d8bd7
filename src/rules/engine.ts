// Loads every rule module in rules/ and runs them over a snapshot. Adding a rule means
// adding a file there: nothing is registered by hand.
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { CATEGORIES, PAGE_FACTS, SEVERITIES, type Finding, type Link, type PageFact, type Severity, type Snapshot, type Lang } from '../model/types.js';
import pLimit from 'p-limit';
import type { Probe, Rule } from './types.js';

export const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

export async function loadRules(dir = RULES_DIR): Promise<Rule[]> {
  const files = (await readdir(dir)).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')).sort();
  const rules: Rule[] = [];
  const ids = new Set<string>();
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default?: Rule };
    const r = mod.default;
    if (!r || typeof r.run !== 'function') throw new Error(`rules/${f} has no default-exported rule`);
    if (!CATEGORIES.includes(r.category)) throw new Error(`rule ${r.id}: unknown category ${r.category}`);
    if (!SEVERITIES.includes(r.severity)) throw new Error(`rule ${r.id}: unknown severity ${r.severity}`);
    if (ids.has(r.id)) throw new Error(`rule id ${r.id} is defined twice`);
    ids.add(r.id);
    rules.push(r);
  }
  return rules;
}

export interface RuleSettings {
  enabled?: boolean;
  severity?: Severity;
  options?: Record<string, unknown>;
}

export interface RuleRun {
  findings: Finding[];
  /** Tables for reporters, by category: `data.freshness.columns`. */
  data: Record<string, Record<string, unknown>>;
  errors: { ruleId: string; error: string }[];
  ran: string[];
  /** Wall time of each rule, ms. */
  ms: Record<string, number>;
}

/** The rules the settings leave on. */
export function enabledRules(rules: Rule[], settings: Record<string, RuleSettings> = {}): Rule[] {
  return rules.filter((r) => settings[r.id]?.enabled !== false);
}

/** The page facts a crawl must gather for these rules. */
/** For each enabled rule that reads related hosts, the links it wants followed (empty when none does). */
export function offsiteWanted(rules: Rule[]): ((l: Link) => boolean)[] {
  return rules.flatMap((r) => (r.offsite ? [r.offsite.bind(r)] : []));
}

export function factsNeeded(rules: Rule[]): Set<PageFact> {
  return new Set(rules.flatMap((r) => r.facts ?? PAGE_FACTS));
}

export interface RunOptions {
  /** Rules run at once: most wait on the network (search, accounts, links), so they overlap. */
  concurrency?: number;
  /** What a rule must wait for before it runs (the accessibility pass for the rules that read it). */
  ready?: (rule: Rule) => Promise<unknown> | undefined;
}

export async function runRules(
  rules: Rule[],
  snapshot: Snapshot,
  probe: Probe,
  lang: Lang,
  settings: Record<string, RuleSettings> = {},
  timeoutMs = 20_000,
  run: RunOptions = {},
): Promise<RuleRun> {
  const out: RuleRun = { findings: [], data: {}, errors: [], ran: [], ms: {} };
  const limit = pLimit(Math.max(1, run.concurrency ?? 1));
  const enabled = rules.filter((r) => (settings[r.id] ?? {}).enabled !== false);
  // Rules run side by side; their outputs are merged in rule order, so the report does not depend on timing.
  const outputs = await Promise.all(
    enabled.map(async (rule) => {
      await run.ready?.(rule);
      return limit(async () => {
        const t0 = performance.now();
        try {
          const s = settings[rule.id] ?? {};
          const output = await rule.run({ snapshot, asOf: snapshot.asOf, lang, siteLang: snapshot.lang, options: s.options ?? {}, probe, timeoutMs, t: (text) => text[lang] });
          return { rule, output, ms: performance.now() - t0 };
        } catch (e) {
          return { rule, error: e as Error, ms: performance.now() - t0 };
        }
      });
    }),
  );
  for (const r of outputs) {
    out.ms[r.rule.id] = Math.round(r.ms);
    // One broken rule must not cost the whole report. The first line says what failed; Playwright appends whole launch logs after it.
    if ('error' in r) {
      out.errors.push({ ruleId: r.rule.id, error: (r.error?.message ?? String(r.error)).split('\n')[0] });
      continue;
    }
    const { rule, output } = r;
    const s = settings[rule.id] ?? {};
    const found = Array.isArray(output) ? output : output.findings;
    if (!Array.isArray(output) && output.data) Object.assign((out.data[rule.category] ??= {}), output.data);
    for (const { check, severity, category, ...f } of found) {
      const ruleId = check ? `${rule.id}/${check}` : rule.id;
      // `rules["links/broken"]` tunes one check; `rules.links` the whole rule.
      const c = check ? (settings[ruleId] ?? {}) : {};
      if (c.enabled === false) continue;
      out.findings.push({ ...f, ruleId, category: category ?? rule.category, severity: c.severity ?? s.severity ?? severity ?? rule.severity });
    }
    out.ran.push(rule.id);
  }
  return out;
}
