// Memory of a process and all its descendants (Chromium's processes included), in MB, as PSS:
// pages the processes share are counted once, not once per process as RSS would.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';

export function treeMemMb(root = process.pid): number {
  const kids = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      (kids.get(ppid) ?? kids.set(ppid, []).get(ppid)!).push(Number(d));
    } catch {
      /* gone */
    }
  }
  let kb = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* gone */
    }
    stack.push(...(kids.get(pid) ?? []));
  }
  return kb / 1024;
}

/**
 * Time of a fixed single-threaded workload in native code (SHA-256 and deflate): how fast this
 * machine is right now. Native on purpose: a JavaScript loop measured V8's optimisation state
 * instead (99 or 280 ms for the same loop in one process).
 */
export function calibrateMs(): number {
  const buf = Buffer.alloc(1 << 20);
  for (let i = 0; i < buf.length; i++) buf[i] = (i * 2654435761) >>> 24;
  const t = performance.now();
  const h = createHash('sha256');
  for (let i = 0; i < 48; i++) h.update(buf);
  h.digest();
  for (let i = 0; i < 4; i++) deflateSync(buf, { level: 6 });
  return Math.round(performance.now() - t);
}

/** Whole-machine CPU counters (jiffies): total and stolen by the hypervisor. */
function cpuTimes(): { total: number; steal: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: f.slice(0, 8).reduce((a, b) => a + b, 0), steal: f[7] ?? 0 };
}

export interface Measured {
  ms: number;
  peakMb: number;
  /** calibrateMs() just before the command. */
  calibMs: number;
  /** Percentage of CPU time stolen by the hypervisor while it ran. */
  stealPct: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command, sampling its process tree's memory every 200 ms. */
export function runMeasured(cmd: string, args: string[], opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<Measured> {
  const calibMs = calibrateMs();
  const cpu0 = cpuTimes();
  const t0 = performance.now();
  const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, treeMemMb(child.pid))), 200);
  const kill = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30 * 60_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(sample);
      clearTimeout(kill);
      const cpu1 = cpuTimes();
      const stealPct = Math.round((1000 * (cpu1.steal - cpu0.steal)) / Math.max(1, cpu1.total - cpu0.total)) / 10;
      resolve({ ms: performance.now() - t0, peakMb: Math.round(peak), calibMs, stealPct, code, stdout, stderr });
    });
  });
}
