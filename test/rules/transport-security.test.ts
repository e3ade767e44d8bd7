// transport-security against loopback HTTPS servers whose certificates are made at test time:
// each case's findings must match the server's certificate and headers exactly.
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer } from 'node:https';
import { beforeAll, describe, expect, it } from 'vitest';
import { dualProtocol, listenLoopback } from '../../fixtures/listen.js';
import { runRuleOnServer } from '../helpers/rule.js';
import { serverCert, testCa, type Pem } from '../helpers/certs.js';

const HOST = 'www.secure.gov.cn';
const GOOD_HEADERS = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'content-security-policy': "default-src 'self'",
};
const PAGE = '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>示范</title></head><body><a href="/a.html">一</a><a href="/old.html">旧</a></body></html>';

function site(headers: Record<string, string>, downgrade = false): RequestListener {
  return (req, res) => {
    if (req.url === '/old.html' && downgrade) return void res.writeHead(301, { location: `http://${HOST}/old.html` }).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(PAGE);
  };
}

async function audit(cert: Pem, headers: Record<string, string>, opts: { ca?: Pem; downgrade?: boolean } = {}) {
  const srv = await listenLoopback(createServer({ cert: cert.cert, key: cert.key }, site(headers, opts.downgrade)));
  try {
    const r = await runRuleOnServer('transport-security', srv.port, { host: HOST, https: true, ca: opts.ca?.cert });
    return r.findings;
  } finally {
    await srv.close();
  }
}
const checks = (fs: { ruleId: string }[]) => fs.map((f) => f.ruleId.replace('transport-security/', '')).sort();

let ca: Pem;
beforeAll(async () => void (ca = await testCa()), 60_000);

describe('transport-security', () => {
  it('a trusted, long-valid certificate and all headers: nothing to report', async () => {
    expect(await audit(await serverCert(HOST, { ca }), GOOD_HEADERS, { ca })).toEqual([]);
  });

  it('a certificate expiring in 10 days, and no protective headers', async () => {
    const fs = await audit(await serverCert(HOST, { ca, toDays: 10 }), {}, { ca });
    expect(checks(fs)).toEqual(['certificate-expiring', 'clickjacking', 'missing-csp', 'missing-hsts', 'missing-nosniff']);
    const exp = fs.find((f) => f.ruleId.endsWith('certificate-expiring'))!;
    expect(exp.severity).toBe('moderate');
    expect(exp.evidence.daysLeft).toBeGreaterThanOrEqual(9);
    expect(exp.evidence.daysLeft).toBeLessThanOrEqual(10);
    expect(exp.target).toBe(`https://${HOST}/`);
  });

  it('a self-signed certificate is untrusted; an expired one is critical; another name is a mismatch', async () => {
    expect(checks(await audit(await serverCert(HOST), GOOD_HEADERS, { ca }))).toEqual(['certificate-untrusted']);
    const expired = await audit(await serverCert(HOST, { ca, fromDays: -40, toDays: -2 }), GOOD_HEADERS, { ca });
    expect(checks(expired)).toEqual(['certificate-expired']);
    expect(expired[0].severity).toBe('critical');
    expect(checks(await audit(await serverCert('www.other.gov.cn', { ca }), GOOD_HEADERS, { ca }))).toEqual(['certificate-name-mismatch']);
  });

  it('a weak HSTS and an https page that redirects to http', async () => {
    const fs = await audit(await serverCert(HOST, { ca }), { ...GOOD_HEADERS, 'strict-transport-security': 'max-age=600' }, { ca, downgrade: true });
    expect(checks(fs)).toEqual(['https-downgrade', 'weak-hsts']);
    expect(fs.find((f) => f.ruleId.endsWith('https-downgrade'))!.target).toBe(`https://${HOST}/old.html`);
  });

  it('an https site with a section still served over plain http', async () => {
    const cert = await serverCert(HOST, { ca });
    const handler: RequestListener = (req, res) => {
      const body = req.url === '/' ? PAGE.replace('</body>', `<a href="http://${HOST}/legacy/">旧版</a></body>`) : PAGE;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...GOOD_HEADERS }).end(body);
    };
    const srv = await listenLoopback(dualProtocol(createHttpServer(handler), createServer({ cert: cert.cert, key: cert.key }, handler)));
    try {
      const r = await runRuleOnServer('transport-security', srv.port, { host: HOST, https: true, ca: ca.cert });
      expect(checks(r.findings)).toEqual(['http-pages']);
      expect(r.findings[0]).toMatchObject({ severity: 'moderate', target: `http://${HOST}/legacy/` });
    } finally {
      await srv.close();
    }
  });

  it('a plain-http site: no https at all', async () => {
    const srv = await listenLoopback(createHttpServer(site(GOOD_HEADERS)));
    try {
      const r = await runRuleOnServer('transport-security', srv.port, { host: HOST });
      expect(checks(r.findings)).toEqual(['no-https']);
      expect(r.findings[0].severity).toBe('serious');
    } finally {
      await srv.close();
    }
  });
});
