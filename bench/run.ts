// npm run bench [-- --pages 1000 --big 10000 --mem 1000 --runs 3]: portal-audit against the tools a user would
// pick instead, side by side on the same generated portal (bench/portal-full.ts) in one run:
//   full audit (defaults)           portal-audit alone (its targets: ≤ 60 s, ≤ 1 GB)
//   accessibility on every page     portal-audit --a11y all   vs  pa11y-ci (axe runner, concurrency 2)
//   link checking                   portal-audit --a11y none  vs  linkinator --recurse
//   big portal                      portal-audit --a11y none on --big pages (≤ 5 min, ≤ 1 GB)
//   memory of axe on every page     portal-audit --a11y all on --mem pages (≤ 800 MB)
// Peers are installed on demand into a temporary folder (never project dependencies) and drive
// the same Debian Chromium. Nothing but 127.0.0.1 is contacted: the peers skip other hosts and
// Chromium gets a host-resolver rule that resolves nothing else.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS, findChromium } from '../src/crawl/browser.js';
import { HANG_PATH, serveBenchPortal } from './portal-full.js';
import { runMeasured, type Measured } from './proc.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const PAGES = arg('pages', 1000);
const BIG = arg('big', 10_000);
const MEM = arg('mem', 1000);
const RUNS = arg('runs', 3);
const BIN = fileURLToPath(new URL('../../bin/portal-audit.js', import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL('../../bench/', import.meta.url));
const PEERS = { 'pa11y-ci': '4.1.1', linkinator: '7.6.1' } as const;
const PEERS_DIR = join(tmpdir(), `portal-audit-bench-peers-${Object.values(PEERS).join('-')}`);
const CHROMIUM = findChromium() ?? '/usr/bin/chromium';
// pa11y's WCAG2AA standard with the axe runner runs these tags: both tools run the same rules.
const TAGS = 'wcag2a,wcag21a,wcag2aa,wcag21aa,best-practice';

function ensurePeers(): void {
  if (Object.keys(PEERS).every((p) => existsSync(join(PEERS_DIR, 'node_modules', '.bin', p)))) return;
  mkdirSync(PEERS_DIR, { recursive: true });
  writeFileSync(join(PEERS_DIR, 'package.json'), '{"name":"portal-audit-bench-peers","private":true}\n');
  console.log(`installing ${Object.entries(PEERS).map(([p, v]) => `${p}@${v}`).join(', ')} into ${PEERS_DIR} …`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...Object.entries(PEERS).map(([p, v]) => `${p}@${v}`)], {
    cwd: PEERS_DIR,
    stdio: 'inherit',
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: '1' },
  });
}
const peer = (name: keyof typeof PEERS) => join(PEERS_DIR, 'node_modules', '.bin', name);

interface Row {
  job: string;
  tool: string;
  run: number;
  seconds: number;
  peakMb: number;
  pages: number;
  perSecond: number;
  findings: number;
  /** The fixed workload's time just before the job, and CPU time stolen by the hypervisor during it. */
  calibMs: number;
  stealPct: number;
  note?: string;
  extra?: Record<string, unknown>;
}

const machineNow = (m: Measured) => ({ calibMs: m.calibMs, stealPct: m.stealPct });

async function audit(url: string, out: string, extra: string[]): Promise<{ m: Measured; report: Record<string, any> }> {
  const m = await runMeasured(process.execPath, [BIN, 'audit', url, '--out', out, '--quiet', '--resolve-only', '--max-pages', String(PAGES * 20), '--max-depth', '30', ...extra]);
  if (![0, 1].includes(m.code ?? -1)) throw new Error(`portal-audit failed (${m.code}): ${m.stderr.slice(0, 500)}`);
  return { m, report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) };
}

/** Axe node instances per rule: portal-audit's one finding per element counts once per page it stands for. */
function byRulePa(report: Record<string, any>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of report.findings) {
    if (!f.ruleId.startsWith('axe/') || f.severity === 'info') continue;
    const rule = f.ruleId.slice(4);
    out[rule] = (out[rule] ?? 0) + (f.evidence?.pageCount ?? 1);
  }
  return out;
}

/** Elements flagged per page and axe rule (`url<TAB>rule` → count): every page an element's finding was seen on. */
function byPagePa(report: Record<string, any>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of report.findings) {
    if (!f.ruleId.startsWith('axe/') || f.severity === 'info') continue;
    for (const page of (f.evidence?.analysedOn ?? [f.url]) as string[]) out[`${page}\t${f.ruleId.slice(4)}`] = (out[`${page}\t${f.ruleId.slice(4)}`] ?? 0) + 1;
  }
  return out;
}

/**
 * Per-page, per-rule agreement on the pages both tools analysed: the share of (page, rule) pairs
 * either tool flagged whose element counts are equal.
 */
function agreement(ours: Record<string, number>, theirs: Record<string, number>, pages: Set<string>): { pairs: number; equal: number; share: number; differing: string[] } {
  const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])].filter((k) => pages.has(k.split('\t')[0]));
  const differing = keys.filter((k) => (ours[k] ?? 0) !== (theirs[k] ?? 0));
  return { pairs: keys.length, equal: keys.length - differing.length, share: keys.length ? Math.round(((keys.length - differing.length) / keys.length) * 10000) / 10000 : 1, differing: differing.slice(0, 10).map((k) => `${k} ${ours[k] ?? 0}/${theirs[k] ?? 0}`) };
}

async function pa11y(urls: string[], dir: string): Promise<{ m: Measured; byRule: Record<string, number>; byPage: Record<string, number>; analysed: string[]; pages: number; failed: number }> {
  const config = {
    defaults: {
      runners: ['axe'],
      standard: 'WCAG2AA',
      concurrency: 2,
      timeout: 60_000,
      // pa11y-ci's default (a fresh incognito context per URL) loses about a third of the results with
      // this Chromium ("Target.closeTarget: No target with given id found"); a shared context works.
      useIncognitoBrowserContext: false,
      chromeLaunchConfig: { executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] },
    },
    urls,
  };
  const file = join(dir, 'pa11yci.json');
  writeFileSync(file, JSON.stringify(config));
  const m = await runMeasured(peer('pa11y-ci'), ['--config', file, '--json'], { cwd: dir, env: { PUPPETEER_SKIP_DOWNLOAD: '1' } });
  const json = JSON.parse(m.stdout.slice(m.stdout.indexOf('{')));
  const byRule: Record<string, number> = {};
  const byPage: Record<string, number> = {};
  const analysed: string[] = [];
  let failed = 0;
  for (const [url, issues] of Object.entries(json.results as Record<string, { code?: string; type?: string; message?: string }[]>)) {
    // A page pa11y-ci could not test is one entry with only a message.
    if (Array.isArray(issues) && issues.length === 1 && !issues[0].code && issues[0].message) {
      failed++;
      continue;
    }
    analysed.push(url);
    for (const i of Array.isArray(issues) ? issues : [])
      if (i.code && i.type === 'error') {
        byRule[i.code] = (byRule[i.code] ?? 0) + 1;
        byPage[`${url}\t${i.code}`] = (byPage[`${url}\t${i.code}`] ?? 0) + 1;
      }
  }
  return { m, byRule, byPage, analysed, pages: urls.length - failed, failed };
}

async function linkinator(url: string, port: number): Promise<{ m: Measured; links: number; broken: number }> {
  // No page cap, so the endless calendar is skipped for it; other hosts are never requested.
  const m = await runMeasured(peer('linkinator'), [url, '--recurse', '--format', 'json', '--skip', `^(?!http://127\\.0\\.0\\.1:${port}/)`, '--skip', 'calendar'], {});
  const json = JSON.parse(m.stdout.slice(m.stdout.indexOf('{')));
  const links = json.links as { url: string; state: string }[];
  return { m, links: new Set(links.map((l) => l.url)).size, broken: new Set(links.filter((l) => l.state === 'BROKEN').map((l) => l.url)).size };
}

const sec = (m: Measured) => Math.round(m.ms / 100) / 10;

/** Where the job's time went (report.timings): phase end marks, and the accessibility pass's wall, busy and idle tab time. */
function phases(report: Record<string, any>): Record<string, number> | null {
  const t = report.timings;
  if (!t) return null;
  const a = t.a11y;
  return {
    totalS: t.totalMs / 1000,
    ...Object.fromEntries(Object.entries(t.endedAt as Record<string, number>).map(([k, v]) => [`${k}EndS`, v / 1000])),
    ...(a ? { a11yWallS: a.wallMs / 1000, a11yBusyS: a.busyMs / 1000, a11yIdleS: Math.max(0, (a.wallMs * a.workers - a.busyMs) / 1000), a11yStartedDuringCrawl: a.startedDuringCrawl } : {}),
  };
}

async function main() {
  ensurePeers();
  const rows: Row[] = [];
  const srv = await serveBenchPortal(PAGES);
  const work = mkdtempSync(join(tmpdir(), 'pa-bench-'));
  console.log(`portal: ${srv.portal.pages.size} pages at ${srv.url}; Chromium ${CHROMIUM}; ${cpus().length} cores`);
  try {
    // The URL list pa11y-ci gets: the HTML pages portal-audit's crawl found (calendar cut by its trap guard).
    const listing = await audit(srv.url, join(work, 'list'), ['--a11y', 'none']);
    // Link checking alone: every other rule off, as a link checker would be used.
    const ids = (JSON.parse(execFileSync(process.execPath, [BIN, 'rules', '--json'], { encoding: 'utf8' })) as { id: string }[]).map((r) => r.id);
    const linksOnly = join(work, 'links-only.json');
    writeFileSync(linksOnly, JSON.stringify({ rules: Object.fromEntries(ids.filter((id) => id !== 'links').map((id) => [id, { enabled: false }])) }));
    // Every page an axe finding was seen on, not the first 50: the per-page comparison needs them all.
    const axeAllPages = join(work, 'axe-all-pages.json');
    writeFileSync(axeAllPages, JSON.stringify({ rules: { axe: { options: { maxPages: 1_000_000 } } } }));
    const urls = (listing.report.pages as { url: string; status: number; error: string | null; contentType: string | null }[])
      .filter((p) => p.status === 200 && !p.error && /html/.test(p.contentType ?? ''))
      .map((p) => p.url);
    // The stalled page is in both tools' way: our crawl meets it, and pa11y-ci gets it in its list.
    urls.push(new URL(HANG_PATH, srv.url).href);
    for (let run = 1; run <= RUNS; run++) {
      // Alternate who goes first, so warm caches favour neither side.
      const jobs: (() => Promise<void>)[] = [
        async () => {
          const { m, report } = await audit(srv.url, join(work, `full-${run}`), []);
          rows.push({ job: 'full audit', tool: 'portal-audit', run, seconds: sec(m), peakMb: m.peakMb, ...machineNow(m), pages: report.pages.length, perSecond: report.pages.length / (m.ms / 1000), findings: report.findings.length, extra: { phases: phases(report), crawlSeconds: report.crawl.durationMs / 1000 } });
        },
        async () => {
          const { m, report } = await audit(srv.url, join(work, `a11y-${run}`), ['--a11y', 'all', '--a11y-tags', TAGS, '--config', axeAllPages]);
          const a = report.data.accessibility;
          const notAnalysed = new Set((a.notAnalysed ?? []).map((x: { url: string }) => x.url));
          rows.push({ job: 'axe on every page', tool: 'portal-audit --a11y all', run, seconds: sec(m), peakMb: m.peakMb, ...machineNow(m), pages: a.pagesAnalysed, perSecond: a.pagesAnalysed / (m.ms / 1000), findings: Object.values(byRulePa(report)).reduce((x, y) => x + y, 0), extra: { byRule: byRulePa(report), byPage: byPagePa(report), analysed: urls.filter((u) => !notAnalysed.has(u)), axeMs: a.ms, phases: phases(report) } });
        },
        async () => {
          const r = await pa11y(urls, work);
          rows.push({ job: 'axe on every page', tool: 'pa11y-ci (axe)', run, seconds: sec(r.m), peakMb: r.m.peakMb, ...machineNow(r.m), pages: r.pages, perSecond: r.pages / (r.m.ms / 1000), findings: Object.values(r.byRule).reduce((x, y) => x + y, 0), ...(r.failed ? { note: `${r.failed} pages failed in pa11y-ci` } : {}), extra: { byRule: r.byRule, byPage: r.byPage, analysed: r.analysed, failedPages: r.failed } });
        },
        async () => {
          const { m, report } = await audit(srv.url, join(work, `links-${run}`), ['--a11y', 'none', '--no-external', '--config', linksOnly]);
          const l = report.data.links;
          rows.push({ job: 'link checking', tool: 'portal-audit links only', run, seconds: sec(m), peakMb: m.peakMb, ...machineNow(m), pages: report.pages.length, perSecond: l.checked / (m.ms / 1000), findings: l.broken, note: 'crawl + links rule (other rules off); perSecond = link targets checked per second', extra: { targetsChecked: l.checked } });
        },
        async () => {
          const { m, report } = await audit(srv.url, join(work, `none-${run}`), ['--a11y', 'none']);
          rows.push({ job: 'all rules, no accessibility', tool: 'portal-audit --a11y none', run, seconds: sec(m), peakMb: m.peakMb, ...machineNow(m), pages: report.pages.length, perSecond: report.pages.length / (m.ms / 1000), findings: report.findings.length });
        },
        async () => {
          const r = await linkinator(srv.url, srv.port);
          rows.push({ job: 'link checking', tool: 'linkinator --recurse', run, seconds: sec(r.m), peakMb: r.m.peakMb, ...machineNow(r.m), pages: r.links, perSecond: r.links / (r.m.ms / 1000), findings: r.broken, note: 'calendar excluded (no page cap); perSecond = distinct URLs checked per second', extra: { urlsChecked: r.links } });
        },
      ];
      for (const job of run % 2 ? jobs : [...jobs].reverse()) await job();
      console.log(`run ${run}/${RUNS} done`);
    }
  } finally {
    await srv.close();
  }

  const big = await serveBenchPortal(BIG);
  try {
    const { m, report } = await audit(big.url, join(work, 'big'), ['--a11y', 'none']);
    rows.push({ job: `big portal (${big.portal.pages.size} pages)`, tool: 'portal-audit --a11y none', run: 1, seconds: sec(m), peakMb: m.peakMb, ...machineNow(m), pages: report.pages.length, perSecond: report.pages.length / (m.ms / 1000), findings: report.findings.length });
  } finally {
    await big.close();
  }
  // Memory of axe on every page of a larger portal: the pass must stay flat as pages go by.
  const mem = await serveBenchPortal(MEM);
  try {
    const { m, report } = await audit(mem.url, join(work, 'mem'), ['--a11y', 'all', '--a11y-tags', TAGS]);
    const a = report.data.accessibility;
    rows.push({ job: `axe on every page (${mem.portal.pages.size} pages)`, tool: 'portal-audit --a11y all', run: 1, seconds: sec(m), peakMb: m.peakMb, ...machineNow(m), pages: a.pagesAnalysed, perSecond: a.pagesAnalysed / (m.ms / 1000), findings: report.findings.length, extra: { phases: phases(report) } });
  } finally {
    await mem.close();
    rmSync(work, { recursive: true, force: true });
  }
  report(rows);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function report(rows: Row[]): void {
  const round = (x: number) => Math.round(x * 10) / 10;
  const pick = (tool: string, job: string) => rows.filter((r) => r.tool === tool && r.job === job);
  // Ratios pair by pair on whole-job wall time (process start to report written): run k of
  // portal-audit against run k of the peer, same process, same portal, same page list.
  const ratio = (job: string, ours: string, theirs: string) =>
    pick(ours, job).map((r) => {
      const p = pick(theirs, job).find((x) => x.run === r.run)!;
      return Math.round((p.seconds / r.seconds) * 100) / 100;
    });
  const spread = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs });
  const full = pick('portal-audit', 'full audit');
  const big = rows.find((r) => r.job.startsWith('big portal'))!;
  const memRow = rows.find((r) => r.job.startsWith('axe on every page (') && r.run === 1);
  const a11yRuns = pick('portal-audit --a11y all', 'axe on every page');
  const paRules = (a11yRuns[0]?.extra?.byRule ?? {}) as Record<string, number>;
  const peerRules = (pick('pa11y-ci (axe)', 'axe on every page')[0]?.extra?.byRule ?? {}) as Record<string, number>;
  const rules = [...new Set([...Object.keys(paRules), ...Object.keys(peerRules)])].sort();
  const ruleTable = rules.map((r) => ({ rule: r, portalAudit: paRules[r] ?? 0, pa11yCi: peerRules[r] ?? 0 }));
  // Per page and rule, run by run, on the pages both tools analysed.
  const perPage = a11yRuns.map((r) => {
    const peer = pick('pa11y-ci (axe)', 'axe on every page').find((x) => x.run === r.run);
    const both = new Set(((r.extra?.analysed ?? []) as string[]).filter((u) => ((peer?.extra?.analysed ?? []) as string[]).includes(u)));
    return { run: r.run, pagesBoth: both.size, ...agreement((r.extra?.byPage ?? {}) as Record<string, number>, (peer?.extra?.byPage ?? {}) as Record<string, number>, both) };
  });
  const within5 = ruleTable.every((r) => Math.abs(r.portalAudit - r.pa11yCi) <= Math.max(1, 0.05 * Math.max(r.portalAudit, r.pa11yCi)));
  const targets = {
    fullAuditSeconds: { target: '≤ 60', got: median(full.map((r) => r.seconds)), met: median(full.map((r) => r.seconds)) <= 60 },
    fullAuditPeakMb: { target: '≤ 1024', got: Math.max(...full.map((r) => r.peakMb)), met: Math.max(...full.map((r) => r.peakMb)) <= 1024 },
    axeWholeJobRatio: { target: 'median ≥ 6', got: spread(ratio('axe on every page', 'portal-audit --a11y all', 'pa11y-ci (axe)')), met: median(ratio('axe on every page', 'portal-audit --a11y all', 'pa11y-ci (axe)')) >= 6 },
    defaultAuditOverCrawl: {
      target: 'median whole job ≤ crawl × 1.25',
      got: spread(full.map((r) => Math.round((r.seconds / Number(r.extra?.crawlSeconds ?? r.seconds)) * 100) / 100)),
      met: median(full.map((r) => r.seconds / Number(r.extra?.crawlSeconds ?? r.seconds))) <= 1.25,
    },
    sameViolations: { target: 'per rule within 5 %', got: { within5, pa11yFailedPages: pick('pa11y-ci (axe)', 'axe on every page').map((r) => r.extra?.failedPages ?? 0) }, met: within5 },
    perPageAgreement: { target: 'per page and rule ≥ 99 % on pages both analysed', got: perPage, met: perPage.length > 0 && perPage.every((x) => x.share >= 0.99) },
    linkWholeJobRatio: { target: 'median ≥ 1.5', got: spread(ratio('link checking', 'portal-audit links only', 'linkinator --recurse')), met: median(ratio('link checking', 'portal-audit links only', 'linkinator --recurse')) >= 1.5 },
    bigSeconds: { target: '≤ 300', got: big.seconds, met: big.seconds <= 300 },
    bigPeakMb: { target: '≤ 1024', got: big.peakMb, met: big.peakMb <= 1024 },
    axeAllPeakMb: { target: `≤ 800 with --a11y all on ${MEM} pages`, got: memRow?.peakMb ?? null, met: !!memRow && memRow.peakMb <= 800 },
    growth: {
      target: 'no worse than linear from 1 000 to 10 000 pages',
      got: (() => {
        const small = pick('portal-audit --a11y none', 'all rules, no accessibility');
        return { pages: round(big.pages / median(small.map((r) => r.pages))), time: round(big.seconds / median(small.map((r) => r.seconds))), memory: round(big.peakMb / median(small.map((r) => r.peakMb))) };
      })(),
      met: false,
    },
  };
  targets.growth.met = targets.growth.got.time <= targets.growth.got.pages && targets.growth.got.memory <= targets.growth.got.pages;
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, chromium: chromiumVersion(), date: new Date().toISOString() };
  // The per-page tables are summarised in targets.perPageAgreement; results.json keeps rows small.
  const results = { machine, pages: PAGES, big: BIG, runs: RUNS, peers: PEERS, rows: rows.map(({ extra, ...r }) => ({ ...r, perSecond: round(r.perSecond), extra: extra && Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'byPage' && k !== 'analysed')) })), axeByRule: ruleTable, targets };
  writeFileSync(join(RESULTS_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const table = [
    '| job | tool | run | wall s | pages | per s | peak MB (process tree) | findings | machine: fixed work ms / steal % | note |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.job} | ${r.tool} | ${r.run} | ${r.seconds} | ${r.pages} | ${round(r.perSecond)} | ${r.peakMb} | ${r.findings} | ${r.calibMs} / ${r.stealPct} | ${r.note ?? ''} |`),
  ].join('\n');
  const md = `# Benchmark results

Generated by \`npm run bench\` (${new Date().toISOString().slice(0, 10)}). Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GiB, Node ${machine.node}, ${machine.chromium}.
Portal: bench/portal-full.ts, ${PAGES} pages (paginated columns, service guides, letters, planted broken links, five planted axe rules, a page that stalls for 60 s, an endless calendar); big portal ${BIG} pages; memory of \`--a11y all\` on ${MEM} pages. ${RUNS} runs, tools alternating. Peers: ${Object.entries(PEERS).map(([p, v]) => `${p} ${v}`).join(', ')}, installed on demand, same Chromium.

${table}

Machine: the time of a fixed single-threaded workload run just before each job (lower is faster) and the share of CPU time the hypervisor took during it: on a shared virtual machine the same job's speed drifts with them.

Wall time is the whole job, process start to report written, for every tool; ratios are peer wall time / ours, run by run, with their median and spread. Per second: pages analysed by axe over the whole job (axe rows), link targets / distinct URLs checked (link rows), pages (others). Both axe tools run pa11y's WCAG2AA tag set (\`${TAGS}\`) and count violations only (axe's "incomplete" results on neither side). The page list pa11y-ci gets is the HTML pages our crawl found plus the page that stalls for 60 s. linkinator has no page cap, so the calendar is excluded for it.

## Where the time went (portal-audit, from report.timings)

| job | run | total s | crawl ended s | accessibility ended s | rules ended s | pass wall s | tabs busy s | tabs idle s | pages begun during the crawl |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.filter((r) => r.extra?.phases).map((r) => { const p = r.extra!.phases as Record<string, number>; return `| ${r.tool} | ${r.run} | ${p.totalS} | ${p.crawlEndS} | ${p.a11yEndS ?? '–'} | ${p.rulesEndS} | ${p.a11yWallS ?? '–'} | ${p.a11yBusyS ?? '–'} | ${p.a11yIdleS ?? '–'} | ${p.a11yStartedDuringCrawl ?? '–'} |`; }).join('\n')}

## Targets

| target | wanted | got | met |
| --- | --- | --- | --- |
${Object.entries(targets).map(([k, v]) => `| ${k} | ${v.target} | ${JSON.stringify(v.got)} | ${v.met ? 'yes' : '**no**'} |`).join('\n')}

## Axe node instances per rule (portal-audit run 1 vs pa11y-ci run 1)

| rule | portal-audit | pa11y-ci |
| --- | --- | --- |
${ruleTable.map((r) => `| ${r.rule} | ${r.portalAudit} | ${r.pa11yCi} |`).join('\n')}
`;
  writeFileSync(join(RESULTS_DIR, 'RESULTS.md'), md);
  console.log(md);
}

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'Chromium (version unknown)';
  }
}

await main();
