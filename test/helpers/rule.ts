// Crawls a fixture folder with the real crawler and runs one rule over the snapshot.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { crawl } from '../../src/crawl/crawler.js';
import { DEFAULT_A11Y_TAGS, gatherA11y } from '../../src/crawl/a11y.js';
import type { A11yMode, PageFact } from '../../src/model/types.js';
import { loadRules, runRules, type RuleSettings } from '../../src/rules/engine.js';
import { makeProbe } from '../../src/rules/probe.js';
import { serveFolder } from '../../fixtures/static.js';
import { tempDir } from './cli.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/rules/', import.meta.url));

export interface RuleRunOptions {
  asOf?: string;
  host?: string;
  settings?: Record<string, RuleSettings>;
  maxPages?: number;
  exclude?: string[];
  /** Extra --resolve entries (host → loopback port), e.g. platform hosts on the fixture's TLS port. */
  resolve?: Record<string, number>;
  /** Start over https (the server must speak TLS). */
  https?: boolean;
  /** Run the accessibility gatherer before the rule (default: not run). */
  a11y?: A11yMode;
  timeoutMs?: number;
  /** Extra trusted CA (PEM) for the certificate check. */
  ca?: string;
  /** Page facts the crawl gathers (default: all). */
  facts?: ReadonlySet<PageFact>;
}

export async function runRuleOnFolder(ruleId: string, folder: string, opts: RuleRunOptions = {}) {
  const srv = await serveFolder(join(FIXTURES, folder));
  try {
    return await runRuleOnServer(ruleId, srv.port, opts);
  } finally {
    await srv.close();
  }
}

/** Crawl a loopback server (under `host` via --resolve when given) and run one rule with a real probe. */
export async function runRuleOnServer(ruleId: string, port: number, opts: RuleRunOptions = {}) {
  const resolve = new Map([
    ...(opts.host ? [[opts.host, { ip: '127.0.0.1', port }] as const] : []),
    ...Object.entries(opts.resolve ?? {}).map(([h, p]) => [h, { ip: '127.0.0.1', port: p }] as const),
  ]);
  const scheme = opts.https ? 'https' : 'http';
  const start = opts.host ? `${scheme}://${opts.host}/` : `${scheme}://127.0.0.1:${port}/`;
  const result = await crawl({
    startUrl: start,
    asOf: opts.asOf ?? '2026-11-22',
    maxPages: opts.maxPages ?? 50,
    maxDepth: 5,
    concurrency: 2,
    exclude: opts.exclude,
    render: 'never',
    respectRobots: true,
    timeoutMs: opts.timeoutMs ?? 3000,
    maxBodyBytes: 1e7,
    delayMs: 0,
    userAgent: 'portal-audit-test',
    resolve,
    resolveOnly: true,
    ca: opts.ca,
    facts: opts.facts,
    bodyDir: join(tempDir(), 'bodies'),
  });
  try {
    if (opts.a11y && opts.a11y !== 'none')
      result.snapshot.a11y = await gatherA11y(result.snapshot, result.browser, { mode: opts.a11y, tags: DEFAULT_A11Y_TAGS, samples: 2, timeoutMs: opts.timeoutMs ?? 3000, concurrency: 2 });
    const rules = (await loadRules()).filter((r) => r.id === ruleId);
    return await runRules(rules, result.snapshot, makeProbe(result, 3000), result.snapshot.lang, opts.settings, 3000);
  } finally {
    await result.close();
  }
}
