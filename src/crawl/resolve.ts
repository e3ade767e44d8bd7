// `--resolve host=ip[:port]`: serve a hostname from another address, for the HTTP client
// and for Chromium alike — to audit staging under the production name, and to let tests
// serve real platform hostnames from loopback fixture servers.
import { isIP } from 'node:net';

export interface ResolveTarget {
  ip: string;
  port?: number;
}
export type ResolveMap = Map<string, ResolveTarget>;

export class UsageError extends Error {}

export function parseResolve(entries: string[]): ResolveMap {
  const map: ResolveMap = new Map();
  for (const e of entries) {
    const m = /^([^=\s]+)=(\[[0-9a-f:.]+\]|[^:\s]+)(?::(\d{1,5}))?$/i.exec(e.trim());
    const ip = m?.[2].replace(/^\[|\]$/g, '');
    if (!m || !ip || !isIP(ip)) throw new UsageError(`--resolve expects host=ip[:port], got "${e}"`);
    const port = m[3] ? Number(m[3]) : undefined;
    if (port !== undefined && (port < 1 || port > 65535)) throw new UsageError(`--resolve port out of range in "${e}"`);
    map.set(m[1].toLowerCase(), { ip, port });
  }
  return map;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** Chromium's `--host-resolver-rules` value; with `only`, every other name fails to resolve. */
export function hostResolverRules(map: ResolveMap, only: boolean): string | null {
  const rules = [...map].map(([host, t]) => {
    const addr = isIP(t.ip) === 6 ? `[${t.ip}]` : t.ip;
    return `MAP ${host} ${addr}${t.port ? `:${t.port}` : ''}`;
  });
  if (only) rules.push('MAP * ~NOTFOUND', 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1');
  return rules.length ? rules.join(', ') : null;
}
