// End-to-end: command-line contract — exit codes, usage errors, rules, validate, demo.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { FIXTURE_AS_OF } from '../fixtures/portal/expected.js';
import { validateReport } from '../src/report/validate.js';
import type { Report } from '../src/report/model.js';
import { serve } from './helpers/server.js';
import { runCli, tempDir } from './helpers/cli.js';

let srv: FixtureServer;
beforeAll(async () => {
  srv = await startFixtureServer({ asOf: FIXTURE_AS_OF });
});
afterAll(() => srv?.close());

const readReport = (out: string): Report => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));

describe('usage errors exit 2 with one line and no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['bad number', ['audit', 'http://127.0.0.1:1/', '--max-pages', 'many'], /maxPages/],
    ['bad date', ['audit', 'http://127.0.0.1:1/', '--as-of', '2026-02-30'], /asOf: not a real date/],
    ['bad scheme', ['audit', 'ftp://example.gov.cn/'], /only http\(s\)/],
    ['bad --resolve', ['audit', 'http://127.0.0.1:1/', '--resolve', 'weibo.com'], /--resolve expects/],
    ['bad --render', ['audit', 'http://127.0.0.1:1/', '--render', 'sometimes'], /render/],
    ['unknown option', ['audit', 'http://127.0.0.1:1/', '--frobnicate'], /unknown option/],
    ['unknown format', ['audit', 'http://127.0.0.1:1/', '--format', 'docx'], /unknown --format docx/],
    ['missing config', ['audit', 'http://127.0.0.1:1/', '--config', '/nonexistent.json'], /cannot read config/],
    ['missing url', ['audit'], /missing required argument/],
    ['unwritable --out', ['audit', 'http://127.0.0.1:1/', '--out', '/proc/portal-audit-test'], /--out .*not a writable directory \(ENOENT\)/],
    ['--out under a file', ['audit', 'http://127.0.0.1:1/', '--out', '/etc/hostname/sub'], /--out .*not a writable directory \(ENOTDIR\)/],
    ['missing browser', ['audit', 'http://127.0.0.1:1/', '--browser-path', '/nonexistent/chromium'], /--browser-path: no such file/],
  ];
  for (const [name, args, msg] of cases)
    it(name, async () => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    });

  it('bad config content', async () => {
    const dir = tempDir();
    const cfg = join(dir, 'c.json');
    writeFileSync(cfg, JSON.stringify({ maxDepth: -1 }));
    const r = await runCli(['audit', 'http://127.0.0.1:1/', '--config', cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/config .*maxDepth/);
    writeFileSync(cfg, JSON.stringify({ maxDepht: 3 }));
    expect((await runCli(['audit', 'http://127.0.0.1:1/', '--config', cfg])).stderr).toMatch(/maxDepht/);
  });
});

describe('exit codes', () => {
  it('3 when the start URL is unreachable, with a report that says why', async () => {
    const closed = await serve({});
    const url = closed.url;
    await closed.close();
    const out = tempDir();
    const r = await runCli(['audit', url, '--out', out, '--quiet']);
    expect(r.code).toBe(3);
    const rep = readReport(out);
    expect(validateReport(rep)).toEqual([]);
    expect(rep.target.reachable).toBe(false);
    expect(rep.pages).toHaveLength(1);
    expect(rep.pages[0].error).toMatch(/ECONNREFUSED/);
  });
  it('3 when the start page never answers (time-out)', async () => {
    const out = tempDir();
    const r = await runCli(['audit', new URL('/slow/hang.html', srv.url).toString(), '--out', out, '--timeout', '500', '--quiet']);
    expect(r.code).toBe(3);
    expect(readReport(out).pages[0].error).toMatch(/timeout/);
  });
  it('1 when a user threshold fails; config file options apply and flags override them', async () => {
    const dir = tempDir();
    const cfg = join(dir, 'portal-audit.json');
    writeFileSync(cfg, JSON.stringify({ maxPages: 3, minScore: 100, quiet: true }));
    const r = await runCli(['audit', srv.url, '--out', dir, '--config', cfg, '--max-pages', '4']);
    // Served from an IP, the portal loses points for its domain: below the user's 100.
    expect(r.code).toBe(1);
    const rep = readReport(dir);
    expect(rep.options.maxPages).toBe(4);
    expect(rep.score.total).toBeLessThan(100);
    // Severities can be overridden per rule: as info, the finding costs nothing and the threshold holds.
    // Every other rule off: the threshold must hinge on site-identity alone, however many rules exist.
    const ids = (JSON.parse((await runCli(['rules', '--json'])).stdout) as { id: string }[]).map((x) => x.id);
    const off = Object.fromEntries(ids.map((id) => [id, { enabled: false }]));
    writeFileSync(cfg, JSON.stringify({ maxPages: 3, minScore: 100, quiet: true, rules: { ...off, 'site-identity': { severity: 'info' } } }));
    expect((await runCli(['audit', srv.url, '--out', dir, '--config', cfg])).code).toBe(0);
    expect(readReport(dir).findings.every((f) => f.severity === 'info')).toBe(true);
    // Rules can be switched off from the config.
    writeFileSync(cfg, JSON.stringify({ maxPages: 3, quiet: true, rules: off }));
    const r2 = await runCli(['audit', srv.url, '--out', dir, '--config', cfg]);
    expect(r2.code).toBe(0);
    expect(readReport(dir).rules).toEqual([]);
  });
});

describe('interruption', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    it(`${signal} stops the crawl gracefully, writes a partial report and keeps the checkpoint`, async () => {
      const out = tempDir();
      let sentAt = 0;
      const r = await runCli(['audit', srv.url, '--out', out, '--delay', '300', '--quiet'], 60_000, (child) => {
        // Interrupt once the crawl is under way (its body store exists), whatever the machine's load.
        const poll = setInterval(() => {
          if (!existsSync(join(out, '.portal-audit', 'bodies'))) return;
          clearInterval(poll);
          setTimeout(() => {
            sentAt = Date.now();
            child.kill(signal);
          }, 1500);
        }, 50);
        child.on('close', () => clearInterval(poll));
      });
      expect(sentAt).toBeGreaterThan(0);
      const rep = readReport(out);
      expect(validateReport(rep)).toEqual([]);
      expect(rep.crawl.partial).toBe(true);
      expect(rep.pages.length).toBeGreaterThan(1);
      expect(rep.pages.length).toBeLessThan(40);
      expect([0, 1]).toContain(r.code);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(out, '.portal-audit', 'crawl.jsonl')), 'the checkpoint is kept for --resume').toBe(true);
    });
});

describe('--resolve', () => {
  it('audits a portal under its production name from loopback, refusing every other host', async () => {
    const out = tempDir();
    const r = await runCli([
      'audit', 'http://www.shifan.gov.cn/', '--out', out, '--as-of', FIXTURE_AS_OF, '--max-pages', '20', '--quiet',
      '--resolve', `www.shifan.gov.cn=127.0.0.1:${srv.port}`, '--resolve-only', '--render', 'always',
    ]);
    const rep = readReport(out);
    expect(r.code).toBe(0);
    expect(rep.target.host).toBe('www.shifan.gov.cn');
    expect(rep.pages.length).toBeGreaterThan(10);
    expect(rep.pages.every((p) => p.url.startsWith('http://www.shifan.gov.cn/'))).toBe(true);
    // Rendered in Chromium through --host-resolver-rules: the browser reached the same server.
    expect(rep.pages.filter((p) => p.html && p.rendered).length).toBe(rep.pages.filter((p) => p.html).length);
    expect(rep.pages.filter((p) => p.renderError)).toEqual([]);
    expect(rep.findings.filter((f) => f.ruleId === 'site-identity/gov-domain')).toEqual([]);
  });
});

describe('other commands', () => {
  it('--help and --version exit 0', async () => {
    const h = await runCli(['audit', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/--resolve <host=ip\[:port\]>/);
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
  it('rules lists every rule with category and standards', async () => {
    const r = await runCli(['rules', '--json']);
    const rules = JSON.parse(r.stdout) as { id: string; category: string; standards: string[] }[];
    expect(rules.find((x) => x.id === 'site-identity')).toMatchObject({ category: 'security' });
    expect(rules.every((x) => x.standards.length > 0)).toBe(true);
    expect((await runCli(['rules'])).stdout).toMatch(/site-identity\s+security\s+网站身份标识/);
  });
  it('validate accepts a real report and rejects a broken one', async () => {
    const dir = tempDir();
    await runCli(['audit', srv.url, '--out', dir, '--max-pages', '2', '--quiet']);
    expect((await runCli(['validate', join(dir, 'report.json')])).code).toBe(0);
    const rep = readReport(dir) as unknown as Record<string, unknown>;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...rep, findings: [{ ruleId: 'x', category: 'weather' }] }));
    const bad = await runCli(['validate', join(dir, 'bad.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/findings\/0/);
  });
  it('a browser that will not start costs the browser checks, not the report', async () => {
    const dir = tempDir();
    const r = await runCli(['audit', srv.url, '--out', dir, '--max-pages', '3', '--quiet', '--browser-path', '/bin/false']);
    expect(r.code).not.toBe(2);
    const rep = readReport(dir);
    expect(rep.findings.find((f) => f.ruleId === 'axe/not-analysed')).toMatchObject({ severity: 'info', evidence: { error: expect.stringMatching(/launch/) } });
    expect(rep.data.accessibility).toMatchObject({ pagesAnalysed: 0, error: expect.any(String) });
    expect(rep.ruleErrors.every((e) => !e.error.includes('\n'))).toBe(true);
    expect(validateReport(rep)).toEqual([]);
  });
  it('--no-external leaves links to other sites unchecked and says so', async () => {
    const dir = tempDir();
    await runCli(['audit', srv.url, '--out', dir, '--max-pages', '3', '--quiet', '--no-external']);
    const rep = readReport(dir);
    expect(rep.options).toMatchObject({ checkExternal: false });
    const links = rep.data.links as { external: number; notChecked: Record<string, number> };
    expect(links.external).toBe(0);
    expect(links.notChecked['external links not checked (option external: false)']).toBeGreaterThan(5);
  });
  it('demo serves the sample portal, audits it, prints where the report is and exits 0', async () => {
    const out = tempDir();
    const r = await runCli(['demo', '--out', out, '--timeout', '3000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`demo report written to ${out}`);
    expect(r.stdout).toMatch(/得分 \d+/);
    const rep = readReport(out);
    expect(validateReport(rep)).toEqual([]);
    expect(rep.target).toMatchObject({ url: 'http://www.shifan.gov.cn/', reachable: true });
    expect(rep.options).toMatchObject({ resolveOnly: true });
    expect(rep.pages.length).toBeGreaterThan(60);
    // Linked sites are served from loopback too: the demo checks external links for real.
    expect(rep.findings.some((f) => f.ruleId === 'links/broken-home' && f.target.startsWith('https://tjj.zj.gov.cn/'))).toBe(true);
    expect(rep.findings.some((f) => f.ruleId === 'links/unverifiable')).toBe(true);
  });
});
