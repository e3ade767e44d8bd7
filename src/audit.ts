// The main job: crawl → rules → score → report. Shared by `audit`, `demo` and tests.
import { rm } from 'node:fs/promises';
import { join, resolve as resolvePath } from 'node:path';
import type { AuditOptions } from './options.js';
import { crawl, type CrawlOptions } from './crawl/crawler.js';
import { crawlSatellites } from './crawl/satellites.js';
import { takeScreenshots } from './crawl/screenshots.js';
import { Checkpoint } from './crawl/checkpoint.js';
import { A11yPass, AXE_VERSION, type A11yOptions } from './crawl/a11y.js';
import { enabledRules, factsNeeded, loadRules, offsiteWanted, runRules } from './rules/engine.js';
import type { PageFact } from './model/types.js';
import { makeProbe, siteLinkChecker } from './rules/probe.js';
import type { LinkChecker } from './crawl/link-check.js';
import pLimit from 'p-limit';
import { assess } from './report/assess.js';
import { buildReport, type Report } from './report/model.js';
import { REPORTERS } from './report/write.js';
import { openStore, type HistoryStore } from './history/store.js';
import { historySummary, monitoringFor, runRecord } from './history/record.js';

/** 4 = the tool itself failed (a bug, a disk error): never confused with a failed audit. */
export const EXIT = { passed: 0, failed: 1, usage: 2, unreachable: 3, internal: 4 } as const;

export interface AuditResult {
  report: Report;
  files: string[];
  exitCode: number;
  outDir: string;
}

export async function runAudit(
  opts: AuditOptions,
  hooks: { onProgress?: Parameters<typeof crawl>[0]['onProgress']; signal?: AbortSignal } = {},
): Promise<AuditResult> {
  // The history store is opened first: a store that cannot be written is a usage error, before any crawl.
  const store = opts.db ? await openStore(opts.db) : undefined;
  try {
    return await auditWith(opts, hooks, store);
  } finally {
    await store?.close();
  }
}

async function auditWith(opts: AuditOptions, hooks: NonNullable<Parameters<typeof runAudit>[1]>, store: HistoryStore | undefined): Promise<AuditResult> {
  const outDir = resolvePath(opts.out);
  const workDir = join(outDir, '.portal-audit');
  const bodyDir = join(workDir, 'bodies');
  const rules = await loadRules();
  // Only the rules that will run decide what the crawl renders and which page facts it gathers.
  const active = enabledRules(rules, opts.rules);
  const renderWhen = active.flatMap((r) => (r.renderWhen ? [r.renderWhen.bind(r)] : []));
  const facts = factsNeeded(active);
  const checkpoint = openCheckpoint(join(workDir, 'crawl.jsonl'), opts, facts);
  // --max-time ends the crawl like a Ctrl-C does: pages in flight finish, the report is partial.
  const deadline = opts.maxTimeMs ? AbortSignal.timeout(opts.maxTimeMs) : undefined;
  const signal = deadline && hooks.signal ? AbortSignal.any([hooks.signal, deadline]) : (deadline ?? hooks.signal);
  const crawlOptions: CrawlOptions = {
    startUrl: opts.url,
    asOf: opts.asOf,
    maxPages: opts.maxPages,
    maxDepth: opts.maxDepth,
    concurrency: opts.concurrency,
    include: opts.include,
    exclude: opts.exclude,
    render: opts.render,
    respectRobots: opts.respectRobots,
    timeoutMs: opts.timeoutMs,
    maxBodyBytes: opts.maxBodyBytes,
    delayMs: opts.delayMs,
    siteHeaders: opts.siteHeaders,
    userAgent: opts.userAgent,
    resolve: opts.resolve,
    resolveOnly: opts.resolveOnly,
    allowPrivate: opts.allowPrivate,
    ca: opts.ca,
    browserPath: opts.browserPath,
    bodyDir,
    facts,
    renderWhen,
    onProgress: hooks.onProgress,
    signal,
    checkpoint,
  };
  // Chromium analyses pages as the crawl finishes them (it would otherwise sit idle while the
  // crawl waits out slow responses): every page with --a11y all, likely template samples otherwise.
  let a11yPass: A11yPass | undefined;
  const a11yOptions = (lang: 'zh' | 'en'): A11yOptions => ({
    mode: opts.a11y, tags: opts.a11yTags, samples: opts.a11ySamples, timeoutMs: opts.timeoutMs, concurrency: Math.min(2, opts.concurrency), locale: opts.lang ?? lang,
  });
  // Rules that check links start on each page as the crawl finishes it (answers kept for their run).
  const prefetchers = active.filter((r) => r.prefetch);
  const prefetchState = new Map(prefetchers.map((r) => [r.id, {} as Record<string, unknown>]));
  let links: LinkChecker | undefined;
  let siteHost: string | undefined;
  const prefetchLimit = pLimit(6);
  if (opts.a11y !== 'none' || prefetchers.length)
    crawlOptions.onPage = (page, { browser, http, siteIntervalMs, readBody }) => {
      if (signal?.aborted) return;
      if (opts.a11y !== 'none') (a11yPass ??= new A11yPass(browser, a11yOptions(/^en/i.test(page.lang ?? '') ? 'en' : 'zh'))).offerDuringCrawl(page, readBody);
      // The first page finished is the start page: its host (after redirects) is the site's.
      siteHost ??= new URL(page.finalUrl).host;
      links ??= siteLinkChecker(http, new Set([new URL(opts.url).host, siteHost]), siteIntervalMs);
      const checker = links;
      for (const r of prefetchers)
        r.prefetch!(page, {
          options: opts.rules[r.id]?.options ?? {},
          siteHost: siteHost!,
          state: prefetchState.get(r.id)!,
          checkLink: (url) => void prefetchLimit(() => checker.check(url)).catch(() => {}),
        });
    };
  const clock = phaseClock();
  const result = await crawl(crawlOptions);
  clock.mark('crawl');
  let satellites: Awaited<ReturnType<typeof crawlSatellites>> | undefined;
  let complete = false;
  try {
    const { snapshot } = result;
    // After the crawl three things overlap: the accessibility pass finishes (Chromium), related
    // hosts are crawled (HTTP), and then the rules run side by side — only those that read the
    // accessibility artifact wait for it.
    // The pass (started during the crawl or not) is always finished or abandoned: its workers wait for its end.
    const pass = opts.a11y !== 'none' ? (a11yPass ?? new A11yPass(result.browser, a11yOptions(snapshot.lang))) : undefined;
    const a11yDone =
      pass && !result.unreachable && !signal?.aborted
        ? pass
            .finish(snapshot)
            // No browser must not cost the report: the accessibility rules say what could not be done.
            .catch((e: Error) => ({ mode: opts.a11y, tags: opts.a11yTags, axeVersion: AXE_VERSION, pages: [], templates: {}, ms: 0, error: e.message.split('\n')[0] }))
            .then((a) => {
              snapshot.a11y = a;
              clock.mark('a11y');
            })
        : (pass?.abandon(), Promise.resolve());
    // Letter systems and service halls on related hosts, for the rules that read them.
    const offsite = offsiteWanted(active);
    if (offsite.length && !result.unreachable && !signal?.aborted) {
      satellites = await crawlSatellites(snapshot, { ...crawlOptions, onPage: undefined, renderWhen, facts }, offsite);
      snapshot.satellites = satellites.satellites;
      clock.mark('satellites');
    }
    if (deadline?.aborted) snapshot.crawl.limits.maxTimeReached = true;
    const startPage = snapshot.pages.find((p) => p.depth === 0);
    if (store) snapshot.monitoring = await monitoringFor(store, [opts.url, startPage?.finalUrl ?? opts.url], opts.asOf);
    const lang = opts.lang ?? snapshot.lang;
    const probe = makeProbe(result, opts.timeoutMs, links);
    // An unreachable site has nothing for rules to look at (the report says so and exits 3), but
    // a monitored week in the store still answers 站点无法访问.
    const run = result.unreachable
      ? await runRules(rules.filter((r) => r.id === 'availability' && snapshot.monitoring), snapshot, probe, lang, withInputs(opts), opts.timeoutMs)
      : await runRules(rules, snapshot, probe, lang, withInputs(opts), opts.timeoutMs, { concurrency: 3, ready: (r) => (r.needsA11y ? a11yDone : undefined) });
    clock.mark('rules');
    await a11yDone;
    // Dated screenshots of the pages behind vetoes (and more, as asked), before the report is written.
    if (!result.unreachable && opts.screenshots !== 'none' && !signal?.aborted)
      await takeScreenshots(run.findings, opts.screenshots, probe, outDir).catch(() => 0);
    clock.mark('screenshots');
    const home = snapshot.pages.find((p) => p.depth === 0);
    // The site's language and domain pick the default profile; --lang only changes messages.
    const assessment = assess(run.findings, { host: new URL(home?.finalUrl ?? snapshot.startUrl).hostname, lang: snapshot.lang, reachable: !result.unreachable }, opts);
    const report = buildReport({
      snapshot,
      reachable: !result.unreachable,
      lang,
      assessment,
      data: run.data,
      rules: rules.filter((r) => run.ran.includes(r.id)),
      ruleErrors: run.errors,
      options: publicOptions(opts),
    });
    report.timings = { ...clock.done(), rules: run.ms, a11y: snapshot.a11y?.phase ?? null };
    // One transaction per run: a crash before it leaves the store as it was. A store that fails
    // now (a restarted server, lost rights) must not cost the audit: the reports are still written.
    if (store)
      report.history = await store
        .recordRun(runRecord(report, opts.batchId))
        .then((diff) => historySummary(store, diff, opts.url))
        .catch((e: Error) => {
          process.stderr.write(`portal-audit: the run could not be recorded in ${store.where}: ${e.message}\n`);
          return undefined;
        });
    const files: string[] = [];
    for (const f of opts.formats) {
      // One format failing (no Chromium to print the PDF) must not cost the others: said, not fatal.
      try {
        files.push(await REPORTERS[f](report, outDir, { lang }));
      } catch (e) {
        process.stderr.write(`portal-audit: could not write the ${f} report: ${(e as Error).message}\n`);
      }
    }
    const exitCode = result.unreachable ? EXIT.unreachable : assessment.gate.passed ? EXIT.passed : EXIT.failed;
    complete = !snapshot.crawl.partial;
    return { report, files, exitCode, outDir };
  } finally {
    await result.close();
    await satellites?.close();
    checkpoint.close();
    // An interrupted or failed run keeps its checkpoint and bodies for --resume.
    if (complete && !opts.keepBodies) await rm(workDir, { recursive: true, force: true });
  }
}

function openCheckpoint(file: string, o: AuditOptions, facts: Set<PageFact>): Checkpoint {
  // Pages recorded with fewer facts than this run needs cannot be replayed into it.
  const key = { startUrl: o.url, asOf: o.asOf, maxPages: o.maxPages, maxDepth: o.maxDepth, include: o.include, exclude: o.exclude, render: o.render, respectRobots: o.respectRobots, facts: [...facts].sort() };
  return Checkpoint.open(file, key, o.resume);
}

/** Rule settings plus what command-line flags feed to rules (evaluator account data, --no-external). */
function withInputs(o: AuditOptions): AuditOptions['rules'] {
  const rules = { ...o.rules };
  const set = (id: string, options: Record<string, unknown>) => (rules[id] = { ...rules[id], options: { ...rules[id]?.options, ...options } });
  if (o.accountInput.length) set('accounts', { input: o.accountInput });
  if (!o.checkExternal) set('links', { external: false });
  return rules;
}

/** Options as recorded in the report: enough to reproduce the run, nothing secret. */
/** When each phase of the job ended (ms from the end of the crawl's start); phases overlap, so these are marks, not durations. */
function phaseClock() {
  const t0 = performance.now();
  const marks: Record<string, number> = {};
  return {
    mark: (name: string) => void (marks[name] = Math.round(performance.now() - t0)),
    done: () => ({ totalMs: Math.round(performance.now() - t0), endedAt: { ...marks } }),
  };
}

function publicOptions(o: AuditOptions): Record<string, unknown> {
  return {
    maxPages: o.maxPages,
    maxDepth: o.maxDepth,
    concurrency: o.concurrency,
    include: o.include,
    exclude: o.exclude,
    render: o.render,
    respectRobots: o.respectRobots,
    checkExternal: o.checkExternal,
    a11y: o.a11y,
    a11yTags: o.a11yTags,
    a11ySamples: o.a11ySamples,
    timeoutMs: o.timeoutMs,
    maxTimeMs: o.maxTimeMs ?? null,
    delayMs: o.delayMs ?? null,
    // Header names only: their values may be credentials.
    siteHeaders: Object.keys(o.siteHeaders),
    resolve: [...o.resolve].map(([h, t]) => `${h}=${t.ip}${t.port ? `:${t.port}` : ''}`),
    resolveOnly: o.resolveOnly,
    allowPrivate: o.allowPrivate,
    formats: o.formats,
    profile: o.profile ?? null,
    scoring: o.scoring ?? null,
    failUnder: o.failUnder ?? null,
    failOn: o.failOn ?? null,
    baseline: o.baseline?.file ?? null,
  };
}
