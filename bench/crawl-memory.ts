// npm run bench:crawl [-- pages]: a whole `portal-audit audit` (no accessibility pass) of a
// generated portal on loopback, as a child process: wall time, pages/s and the CLI's peak
// resident memory (VmHWM), to check that a 10 000-page crawl stays within a fixed memory bound.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveGenerated } from './portal.js';

const PAGES = Number(process.argv[2] ?? 10_000);
const BIN = fileURLToPath(new URL('../../bin/portal-audit.js', import.meta.url));

const site = await serveGenerated(PAGES);
const out = mkdtempSync(join(tmpdir(), 'pa-bench-crawl-'));
const started = Date.now();
const child = spawn(process.execPath, [BIN, 'audit', site.url, '--out', out, '--a11y', 'none', '--quiet', '--max-pages', String(site.count + 10), '--concurrency', '8'], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
let peakKb = 0;
const sample = setInterval(() => {
  try {
    peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0));
  } catch {
    /* exited */
  }
}, 100);
const code = await new Promise<number | null>((r) => child.on('close', r));
clearInterval(sample);
const seconds = (Date.now() - started) / 1000;
const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
const result = {
  date: new Date().toISOString(),
  pages: report.pages.length,
  seconds: Math.round(seconds * 10) / 10,
  pagesPerSecond: Math.round((report.pages.length / seconds) * 10) / 10,
  peakRssMb: Math.round(peakKb / 1024),
  exitCode: code,
  node: process.version,
};
console.log(JSON.stringify(result));
writeFileSync(new URL('../../bench/crawl-results.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
rmSync(out, { recursive: true, force: true });
await site.close();
