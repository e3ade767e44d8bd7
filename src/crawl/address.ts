// Which addresses an audit may connect to. A page must not steer the crawler (or the browser)
// into the runner's own network: loopback, private, link-local, cloud-metadata and other
// non-public addresses are refused unless the start URL itself lives there or --allow-private.
import { isIP } from 'node:net';

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'unspecified' | 'multicast' | 'reserved';

/** Cloud metadata endpoints (AWS/GCP/Azure/Huawei 169.254.169.254, Alibaba 100.100.100.200, Tencent 169.254.0.23, AWS IPv6). */
const METADATA = new Set(['169.254.169.254', '100.100.100.200', '169.254.0.23', '169.254.170.2', 'fd00:ec2::254']);

/** inet_aton spellings: 2130706433, 0x7f000001, 0177.0.0.1, 127.1 — URL parsers normalise
 * these, but a classifier must not depend on its caller having done so. */
export function parseIPv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length === 0 || parts.length > 4 || parts.some((p) => p === '')) return null;
  const nums: number[] = [];
  for (const p of parts) {
    const m = /^0x[0-9a-f]*$/i.test(p) ? parseInt(p.slice(2) || '0', 16) : /^0[0-7]*$/.test(p) ? parseInt(p, 8) : /^[1-9]\d*$/.test(p) ? Number(p) : NaN;
    if (!Number.isFinite(m)) return null;
    nums.push(m);
  }
  const last = nums.pop()!;
  if (nums.some((n) => n > 255) || last >= 256 ** (4 - nums.length)) return null;
  const bytes = [...nums];
  for (let i = 3 - nums.length; i >= 0; i--) bytes.push(Math.floor(last / 256 ** i) % 256);
  return bytes;
}

function classifyV4([a, b, c, d]: number[]): AddressClass {
  const ip = `${a}.${b}.${c}.${d}`;
  if (METADATA.has(ip)) return 'metadata';
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240 || (a === 192 && b === 0 && c === 0) || (a === 198 && (b === 18 || b === 19)) || (a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'reserved';
  return 'public';
}

/** IPv6 text → 8 groups, or null. */
function parseIPv6(s: string): number[] | null {
  let text = s.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  if (isIP(text) !== 6) return null;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const b = parseIPv4(v4[1])!;
    text = text.slice(0, -v4[1].length) + `${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.length === 8 ? groups.map((g) => parseInt(g, 16)) : null;
}

function classifyV6(g: number[]): AddressClass {
  const embedded = () => classifyV4([g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255]);
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return embedded(); // ::ffff:a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return embedded(); // NAT64
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) return 'metadata';
  if ((g[0] & 0xfe00) === 0xfc00) return 'private';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'reserved';
  return 'public';
}

/** Class of an address literal (any IPv4 spelling, IPv6 with or without brackets); null if not an IP. */
export function classifyAddress(host: string): AddressClass | null {
  const h = host.trim().replace(/\.$/, '');
  const v4 = /^[0-9a-fx.]+$/i.test(h) ? parseIPv4(h) : null;
  if (v4) return classifyV4(v4);
  const v6 = parseIPv6(h);
  return v6 ? classifyV6(v6) : null;
}

/** Canonical text of an address literal (for comparisons): 2130706433 → 127.0.0.1. */
export function canonicalAddress(host: string): string {
  const v4 = /^[0-9a-fx.]+$/i.test(host) ? parseIPv4(host) : null;
  if (v4) return v4.join('.');
  const v6 = parseIPv6(host);
  return v6 ? v6.map((x) => x.toString(16)).join(':') : host.toLowerCase();
}
