// The crawl's fetch stage toward the audited site: one request at a time through a spacing gate
// (--delay, robots.txt Crawl-delay), and a server that answers 429/503 is waited out once (its
// Retry-After, up to 30 s) and gets twice the spacing from then on.
import type { HttpClient, HttpResponse } from './http.js';
import { retryAfterMs } from './link-check.js';

export class PoliteFetch {
  private lastRequest = 0;

  constructor(
    private readonly http: HttpClient,
    /** Minimum gap between requests, ms (0 = none). */
    public intervalMs: number,
    private readonly signal?: AbortSignal,
  ) {}

  /** robots.txt asks for a Crawl-delay (seconds): honoured up to 30 s. */
  crawlDelay(seconds: number): void {
    this.intervalMs = Math.max(this.intervalMs, Math.min(seconds, 30) * 1000);
  }

  private async gate(): Promise<void> {
    if (this.intervalMs <= 0) return;
    const wait = this.lastRequest + this.intervalMs - Date.now();
    this.lastRequest = Math.max(Date.now(), this.lastRequest + this.intervalMs);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }

  async get(url: string, bodyless: boolean): Promise<HttpResponse> {
    await this.gate();
    const res = await this.http.fetchWithRetry(url, { bodyless });
    if (res.status !== 429 && res.status !== 503) return res;
    const wait = retryAfterMs(res.headers['retry-after']);
    this.intervalMs = Math.min(Math.max(this.intervalMs * 2, 1000), 10_000);
    if (wait === null || wait > 30_000 || this.signal?.aborted) return res;
    await new Promise((r) => setTimeout(r, wait));
    await this.gate();
    return this.http.fetchWithRetry(url, { bodyless });
  }
}
