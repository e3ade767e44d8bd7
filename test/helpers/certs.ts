// Certificates made at test time, so "expires in 10 days" stays true whenever the suite runs.
import { generate } from 'selfsigned';

const DAY = 86_400_000;
export interface Pem {
  cert: string;
  key: string;
}

export async function testCa(): Promise<Pem> {
  const r = await generate([{ name: 'commonName', value: 'portal-audit test CA' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - DAY),
    notAfterDate: new Date(Date.now() + 3650 * DAY),
    extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }],
  });
  return { cert: r.cert, key: r.private };
}

/** A server certificate for `host`, signed by `ca` (self-signed without it), valid from/to days relative to now. */
export async function serverCert(host: string, opts: { ca?: Pem; fromDays?: number; toDays?: number } = {}): Promise<Pem> {
  const r = await generate([{ name: 'commonName', value: host }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() + (opts.fromDays ?? -1) * DAY),
    notAfterDate: new Date(Date.now() + (opts.toDays ?? 365) * DAY),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: host }] }, { name: 'extKeyUsage', serverAuth: true }],
    ...(opts.ca ? { ca: { cert: opts.ca.cert, key: opts.ca.key } } : {}),
  });
  return { cert: r.cert, key: r.private };
}
