// `portal-audit monitor`: probe home pages on a schedule and record every probe in the history
// store. Rounds are spaced `every` apart with ±20 % jitter (probes at fixed clock times would
// always meet the same cron jobs or backups on the server); `once` is for cron and systemd timers.
import { HttpClient } from '../crawl/http.js';
import { NetGuard } from '../crawl/net-guard.js';
import type { ResolveMap } from '../crawl/resolve.js';
import type { HistoryStore, ProbeRecord } from '../history/store.js';
import { PROBE_LIMIT_MS, probeOnce } from './probe.js';

export interface MonitorOptions {
  /** Home pages: what 站点无法访问 judges. */
  urls: string[];
  /** Key pages: probed and recorded, never counted for the veto. */
  keyPages?: string[];
  everyMs: number;
  once: boolean;
  /** Stop after this many rounds (default: until stopped). */
  rounds?: number;
  jitter: number;
  limitMs: number;
  resolve: ResolveMap;
  resolveOnly: boolean;
  allowPrivate: boolean;
  userAgent: string;
  /**
   * Replay a schedule in simulated time: round i is recorded at start + i × every (no jitter)
   * and nobody waits between rounds. The probes themselves are real requests. For tests and for
   * checking a schedule's verdict quickly; never for a real monitoring week.
   */
  simulateFrom?: Date;
  onProbe?(p: ProbeRecord): void;
}

export async function runMonitor(store: HistoryStore, o: MonitorOptions, signal?: AbortSignal): Promise<{ rounds: number; probes: number; failed: number }> {
  const targets = [...new Map([...(o.keyPages ?? []).map((u) => [u, false] as const), ...o.urls.map((u) => [u, true] as const)])];
  const clients = new Map(
    targets.map(([url]) => [
      url,
      new HttpClient({
        guard: new NetGuard({ startUrl: url, resolve: o.resolve, allowPrivate: o.allowPrivate }),
        resolve: o.resolve,
        resolveOnly: o.resolveOnly,
        timeoutMs: o.limitMs,
        maxBodyBytes: 5 * 1024 * 1024,
        userAgent: o.userAgent,
      }),
    ]),
  );
  let rounds = 0;
  let probes = 0;
  let failed = 0;
  const limit = o.once ? 1 : (o.rounds ?? Infinity);
  while (rounds < limit && !signal?.aborted) {
    const at = o.simulateFrom ? new Date(o.simulateFrom.getTime() + rounds * o.everyMs) : new Date();
    // Portals of one round are probed side by side: a slow one must not delay the others' time stamps.
    const results = await Promise.all(targets.map(([url, home]) => probeOnce(clients.get(url)!, url, at, { limitMs: o.limitMs, home, simulated: !!o.simulateFrom })));
    // Every site of a round unreachable at the network level says more about our network than theirs.
    const sites = new Set(results.map((p) => p.site));
    if (sites.size >= 2 && results.every((p) => p.reason === 'dns' || p.reason === 'connect'))
      for (const p of results) Object.assign(p, { reason: 'monitor-offline', detail: `every probed site failed at the network level this round (${p.reason}: ${p.detail})` });
    for (const p of results) {
      await record(store, p);
      probes++;
      if (!p.ok) failed++;
      o.onProbe?.(p);
    }
    rounds++;
    if (rounds >= limit || o.simulateFrom) continue;
    const wait = o.everyMs * (1 + o.jitter * (Math.random() * 2 - 1));
    await sleep(Math.max(0, wait - (Date.now() - at.getTime())), signal);
  }
  return { rounds, probes, failed };
}

/** A week of monitoring must not end on one failed write: a few tries, then said on stderr and skipped. */
async function record(store: HistoryStore, p: ProbeRecord): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      return await store.recordProbe(p);
    } catch (e) {
      if (i >= 3) return void process.stderr.write(`portal-audit monitor: could not record the probe of ${p.url} at ${p.at}: ${(e as Error).message}\n`);
      await sleep(500 * 2 ** i);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export { PROBE_LIMIT_MS };
