// Memory of a process and all its descendants (Chromium's processes included), in MB, as PSS:
// pages the processes share are counted once, not once per process as RSS would.
import { spawn } from 'node:child_process';
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

export interface Measured {
  ms: number;
  peakMb: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command, sampling its process tree's memory every 200 ms. */
export function runMeasured(cmd: string, args: string[], opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<Measured> {
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
      resolve({ ms: performance.now() - t0, peakMb: Math.round(peak), code, stdout, stderr });
    });
  });
}
