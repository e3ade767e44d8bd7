// The security category end to end on the sample portal (DEFECTS.md, "Security" and "Personal
// data"): exact findings for the leaking notice, nothing for the masked one, transport and header
// findings that match how the fixture server is configured, the old libraries, the missing
// identity mark — and no report file, in any format, repeats a leaked number.
import { readdirSync, readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureResolve, startFixtureServer, PORTAL_HOST, type FixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import type { Report } from '../src/report/model.js';
import { runCli, tempDir, type CliRun } from './helpers/cli.js';

const ORIGIN = `http://${PORTAL_HOST}`;
let srv: FixtureServer;
let out: string;
let run: CliRun;
let report: Report;

beforeAll(async () => {
  srv = await startFixtureServer({ asOf: X.FIXTURE_AS_OF });
  out = tempDir();
  const resolve = fixtureResolve(srv).flatMap((r) => ['--resolve', r]);
  run = await runCli(['audit', `${ORIGIN}/`, '--out', out, '-f', 'all', '--as-of', X.FIXTURE_AS_OF, '--timeout', '3000', '--resolve-only', ...resolve]);
  report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
}, 180_000);
afterAll(() => srv?.close());

const security = (prefix: string) => report.findings.filter((f) => f.ruleId.startsWith(prefix));
const checks = (prefix: string) => security(prefix).map((f) => f.ruleId.slice(prefix.length + 1)).sort();

describe('security findings on the sample portal', () => {
  it('reports the leaking notice with counts and masked samples only, and not the masked notice', () => {
    const leaks = security('personal-data/leak');
    expect(leaks.map((f) => f.target)).toEqual([`${ORIGIN}${X.leakPagePath}`]);
    const f = leaks[0];
    expect(f).toMatchObject({ ruleId: 'personal-data/leak', category: 'security', severity: 'serious' });
    expect(f.evidence.counts).toEqual({ 'id-number': X.leakedIdNumbers.length, mobile: X.leakedMobiles.length, 'bank-card': 0 });
    const samples = f.evidence.samples as Record<string, string[]>;
    for (const s of [...samples['id-number'], ...samples.mobile]) expect(s).toContain('*');
    expect(f.evidence.context).toEqual(expect.arrayContaining(['table column 身份证号']));
    expect(report.findings.some((x) => x.url === `${ORIGIN}${X.maskedNoticePath}` && x.ruleId === 'personal-data/leak')).toBe(false);
    expect((report.data.security as { personalData: { totals: unknown } }).personalData.totals).toEqual({ 'id-number': 7, mobile: 7, 'bank-card': 0 });
  });

  it('reads the attachments: the unmasked spreadsheet behind the masked notice leaks, its masked DOCX does not', () => {
    const att = security('personal-data/attachment-leak');
    expect(att.map((f) => f.target)).toEqual([`${ORIGIN}${X.leakedAttachment.path}`]);
    expect(att[0]).toMatchObject({ severity: 'serious', url: `${ORIGIN}${X.maskedNoticePath}` });
    expect(att[0].evidence).toMatchObject({ kind: 'xlsx', counts: { 'id-number': 3, mobile: 3, 'bank-card': 0 } });
    expect(att[0].evidence.context).toEqual(expect.arrayContaining(['table column 身份证号']));
    const data = (report.data.security as { personalData: { attachmentsRead: number; unreadAttachments: { url: string }[] } }).personalData;
    expect(data.attachmentsRead).toBeGreaterThanOrEqual(3); // guide.pdf, the DOCX and the XLSX
    expect(report.findings.some((f) => f.target === `${ORIGIN}${X.maskedAttachmentPath}`)).toBe(false);
  });

  it('never writes a leaked number to any report file or the console', () => {
    // Report files (the evidence/ screenshots never show personal-data pages: see src/crawl/screenshots.ts).
    const files = readdirSync(out, { withFileTypes: true }).filter((d) => d.isFile() && !d.name.startsWith('.')).map((d) => d.name);
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(files).toEqual(expect.arrayContaining(['scoresheet.xlsx', 'scoresheet.pdf', 'scoresheet.html']));
    // The workbook is a zip: its sheets are read unpacked. The PDF is printed from scoresheet.html, read as text here.
    const textOf = (name: string) =>
      name.endsWith('.xlsx')
        ? Object.values(unzipSync(readFileSync(join(out, name)))).map((b) => strFromU8(b)).join('\n')
        : readFileSync(join(out, name), 'utf8');
    for (const name of files.filter((n) => !n.endsWith('.pdf'))) {
      const text = textOf(name);
      for (const n of [...X.leakedIdNumbers, ...X.leakedMobiles, ...X.leakedAttachment.idNumbers, ...X.leakedAttachment.mobiles]) expect(text.includes(n), `${n} in ${name}`).toBe(false);
    }
    for (const n of [...X.leakedIdNumbers, ...X.leakedMobiles, ...X.leakedAttachment.idNumbers, ...X.leakedAttachment.mobiles]) expect(run.stdout + run.stderr).not.toContain(n);
  });

  it('matches the transport and headers the fixture server has: http without redirect, self-signed https, no protective headers', () => {
    expect(checks('transport-security')).toEqual(['certificate-untrusted', 'clickjacking', 'missing-csp', 'missing-nosniff', 'no-https-redirect']);
    const cert = security('transport-security').find((f) => f.ruleId.endsWith('certificate-untrusted'))!;
    expect(cert).toMatchObject({ severity: 'serious', target: `https://${PORTAL_HOST}/` });
    expect(cert.evidence).toMatchObject({ trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT', subject: 'portal-audit-fixture', protocol: 'TLSv1.3' });
  });

  it('finds the old jQuery by its banner and the old jQuery UI by its file name', () => {
    const libs = security('outdated-libraries').map((f) => [f.evidence.library, f.evidence.version, f.evidence.detectedBy, f.target]);
    expect(libs.sort()).toEqual([
      ['jquery', '1.8.3', 'banner', `${ORIGIN}/old/js/jquery.js`],
      ['jquery-ui', '1.10.4', 'filename', `${ORIGIN}/old/js/jquery-ui-1.10.4.custom.min.js`],
    ]);
    const jq = security('outdated-libraries').find((f) => f.evidence.library === 'jquery')!;
    expect(JSON.stringify(jq.evidence.advisories)).toContain('CVE-2020-11022');
  });

  it('flags the missing public-security record number and nothing else about identity', () => {
    expect(checks('site-identity')).toEqual(['psb-record']);
  });
});
