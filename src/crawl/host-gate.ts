// Per-host politeness: at most `concurrency` requests in flight per host and at least
// `intervalMs` between the starts of two requests to the same host. Hosts never wait on
// each other, so one slow server does not hold the rest back.
export class HostGate {
  private hosts = new Map<string, { active: number; last: number; waiting: (() => void)[]; pauseUntil: number }>();

  constructor(
    private readonly concurrency: number,
    /** A number for every host, or per host (the audited site keeps the crawl's own pace). */
    private readonly intervalMs: number | ((host: string) => number),
  ) {}

  /** Run `fn` under the host's limits. */
  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const h = this.state(host);
    while (h.active >= this.concurrency) await new Promise<void>((r) => h.waiting.push(r));
    h.active++;
    try {
      const interval = typeof this.intervalMs === 'number' ? this.intervalMs : this.intervalMs(host);
      const start = Math.max(h.last + interval, h.pauseUntil);
      h.last = Math.max(Date.now(), start);
      const wait = start - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // Timers fire late under load: space the next request from when this one really started.
      h.last = Math.max(h.last, Date.now());
      return await fn();
    } finally {
      h.active--;
      h.waiting.shift()?.();
    }
  }

  /** Hold every request to the host until `ms` from now (a server's Retry-After). */
  pause(host: string, ms: number): void {
    const h = this.state(host);
    h.pauseUntil = Math.max(h.pauseUntil, Date.now() + ms);
  }

  private state(host: string) {
    let h = this.hosts.get(host);
    if (!h) this.hosts.set(host, (h = { active: 0, last: 0, waiting: [], pauseUntil: 0 }));
    return h;
  }
}
