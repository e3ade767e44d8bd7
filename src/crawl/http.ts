// The HTTP tier: undici with manual redirects, time limits, a body cap and `--resolve`.
import { isIP } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, rootCertificates } from 'node:tls';
import { Agent, buildConnector, request, errors } from 'undici';
import { isLoopbackHost, type ResolveMap } from './resolve.js';
import type { NetGuard } from './net-guard.js';

export interface HttpOptions {
  resolve: ResolveMap;
  /** Refuse every host that is neither mapped by --resolve nor a loopback address. */
  resolveOnly: boolean;
  timeoutMs: number;
  maxBodyBytes: number;
  userAgent: string;
  headers?: Record<string, string>;
  /** Extra headers (auth, cookies for staging) sent only to these hosts: never leaked to other sites. */
  siteHeaders?: { hosts: string[]; headers: Record<string, string> };
  /** Refuses non-public addresses (see net-guard.ts); absent = no address policy (unit tests). */
  guard?: NetGuard;
  /** Extra trusted CA certificates (PEM) for the certificate check: an intranet's own CA. */
  ca?: string;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  truncated: boolean;
  ttfbMs: number;
  totalMs: number;
}

/** The certificate and handshake of an https origin, as a visitor's browser would judge them. */
export interface TlsInfo {
  host: string;
  /** Chain verifies against the trusted roots (Node's store plus NODE_EXTRA_CA_CERTS). */
  trusted: boolean;
  /** Why not: DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED, UNABLE_TO_VERIFY_LEAF_SIGNATURE … */
  trustError: string | null;
  /** The certificate names the host (subjectAltName / CN). */
  hostnameMatches: boolean;
  validFrom: string;
  validTo: string;
  /** Whole days from now until validTo (negative once expired). */
  daysLeft: number;
  subject: string;
  issuer: string;
  protocol: string | null;
}

export class FetchError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export class HttpClient {
  private agent: Agent;

  constructor(readonly opts: HttpOptions) {
    const base = buildConnector({ timeout: opts.timeoutMs, rejectUnauthorized: false });
    this.agent = new Agent({
      connections: 16,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      connect: (o, cb) => {
        const host = o.hostname.toLowerCase();
        const mapped = opts.resolve.get(host);
        if (!mapped && opts.resolveOnly && !isLoopbackHost(host)) {
          cb(new FetchError(`host ${host} is not mapped with --resolve (resolve-only mode)`, 'ERESOLVEONLY'), null);
          return;
        }
        this.address(host, o.port, `${o.protocol}//${o.host}`).then(
          (a) => base({ ...o, hostname: a.address, port: a.port, servername: o.servername ?? o.hostname }, cb),
          (e: Error) => cb(e, null),
        );
      },
    });
  }

  /** Where to connect for `host`: --resolve mapping, resolve-only, then the guard's checked
   * address (connecting to the very address it approved, so no second DNS answer slips in). */
  private async address(host: string, port: string, origin: string): Promise<{ address: string; port: string }> {
    const mapped = this.opts.resolve.get(host);
    if (!mapped && this.opts.resolveOnly && !isLoopbackHost(host)) throw new FetchError(`host ${host} is not mapped with --resolve (resolve-only mode)`, 'ERESOLVEONLY');
    const p = mapped?.port ? String(mapped.port) : port;
    if (!this.opts.guard) return { address: mapped?.ip ?? host, port: p };
    const v = await this.opts.guard.check(host, 'http', origin).catch((e: NodeJS.ErrnoException) => {
      throw new FetchError(`DNS: ${host}: ${e.code ?? e.message}`, e.code ?? 'ENOTFOUND');
    });
    if (!v.ok) throw new FetchError(v.reason, 'EREFUSEDADDR');
    return { address: v.address, port: p };
  }

  /** TLS handshake with an https origin (no request sent): trust, host name, validity, protocol. */
  async tlsInfo(url: string): Promise<TlsInfo> {
    const u = new URL(url);
    const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const a = await this.address(host, u.port || '443', u.origin);
    return new Promise((resolve, reject) => {
      const ca = this.opts.ca ? [...rootCertificates, this.opts.ca] : undefined;
      const socket = tlsConnect({ host: a.address, port: Number(a.port), servername: isIP(host) ? undefined : host, rejectUnauthorized: false, timeout: this.opts.timeoutMs, ca });
      const fail = (e: Error) => {
        socket.destroy();
        reject(e instanceof FetchError ? e : new FetchError(`TLS: ${(e as NodeJS.ErrnoException).code ?? e.message}`, (e as NodeJS.ErrnoException).code ?? 'ETLS'));
      };
      socket.once('timeout', () => fail(new FetchError(`timeout after ${this.opts.timeoutMs} ms`, 'ETIMEDOUT')));
      socket.once('error', fail);
      socket.once('secureConnect', () => {
        const cert = socket.getPeerCertificate();
        const validTo = new Date(cert.valid_to);
        resolve({
          host,
          trusted: socket.authorized,
          trustError: socket.authorized ? null : String(socket.authorizationError ?? 'untrusted'),
          hostnameMatches: !checkServerIdentity(host, cert),
          validFrom: new Date(cert.valid_from).toISOString(),
          validTo: validTo.toISOString(),
          daysLeft: Math.floor((validTo.getTime() - Date.now()) / 86_400_000),
          subject: cert.subject?.CN ? String(cert.subject.CN) : '',
          issuer: [cert.issuer?.O, cert.issuer?.CN].filter(Boolean).join(' / '),
          protocol: socket.getProtocol(),
        });
        socket.end();
      });
    });
  }

  private siteHeadersFor(url: string): Record<string, string> {
    const s = this.opts.siteHeaders;
    if (!s || !Object.keys(s.headers).length) return {};
    try {
      return s.hosts.includes(new URL(url).host.toLowerCase()) ? s.headers : {};
    } catch {
      return {};
    }
  }

  /** One request, no redirects followed. `bodyless` reads headers only (status checks). */
  async fetch(url: string, init: { method?: 'GET' | 'HEAD'; bodyless?: boolean; headers?: Record<string, string> } = {}): Promise<HttpResponse> {
    const started = performance.now();
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    let res;
    try {
      res = await request(url, {
        method: init.method ?? 'GET',
        dispatcher: this.agent,
        signal,
        headers: {
          'user-agent': this.opts.userAgent,
          accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
          'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
          ...this.opts.headers,
          ...this.siteHeadersFor(url),
          ...init.headers,
        },
      });
    } catch (e) {
      throw toFetchError(e, this.opts.timeoutMs);
    }
    const ttfbMs = performance.now() - started;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
    // Destroying an undici body emits 'error'; without a listener that would crash the process.
    res.body.on('error', () => {});
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    if (init.bodyless || init.method === 'HEAD') {
      res.body.destroy();
    } else {
      try {
        for await (const chunk of res.body) {
          const b = chunk as Buffer;
          if (size + b.length > this.opts.maxBodyBytes) {
            chunks.push(b.subarray(0, this.opts.maxBodyBytes - size));
            size = this.opts.maxBodyBytes;
            truncated = true;
            res.body.destroy();
            break;
          }
          chunks.push(b);
          size += b.length;
        }
      } catch (e) {
        throw toFetchError(e, this.opts.timeoutMs);
      }
    }
    return { url, status: res.statusCode, headers, body: Buffer.concat(chunks), truncated, ttfbMs, totalMs: performance.now() - started };
  }

  /** Retries once on connection-level failures; not on time-outs, which would double a slow server's load. */
  async fetchWithRetry(url: string, init: Parameters<HttpClient['fetch']>[1] = {}): Promise<HttpResponse> {
    try {
      return await this.fetch(url, init);
    } catch (e) {
      if (!(e instanceof FetchError) || !RETRYABLE.has(e.code)) throw e;
      await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
      return this.fetch(url, init);
    }
  }

  async close(): Promise<void> {
    await this.agent.destroy().catch(() => {});
  }
}

const RETRYABLE = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNREFUSED', 'EAI_AGAIN']);
const RETRY_DELAY_MS = 300;

function toFetchError(e: unknown, timeoutMs: number): FetchError {
  if (e instanceof FetchError) return e;
  const err = e as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (
    err.name === 'TimeoutError' ||
    err.name === 'AbortError' ||
    e instanceof errors.HeadersTimeoutError ||
    e instanceof errors.BodyTimeoutError ||
    e instanceof errors.ConnectTimeoutError
  )
    return new FetchError(`timeout after ${timeoutMs} ms`, 'ETIMEDOUT');
  const code = err.code ?? err.cause?.code ?? 'ENETWORK';
  const msg = err.cause?.message ?? err.message ?? String(e);
  return new FetchError(`${code}: ${msg}`, code);
}
