// The network guard end to end: pages lead to metadata, private, link-local and other loopback
// addresses (hostnames mapped there with --resolve, IP literals in odd spellings, a redirect,
// file: URLs, browser subresources). Every one must be refused and reported. Safety nets make
// sure nothing leaves loopback (every hostname is mapped, so no DNS query is sent either) even if the guard were broken: a preload that stops non-loopback
// sockets in the CLI process, and a Chromium wrapper that sends all other traffic to a dead proxy.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/report/model.js';
import { findChromium } from '../src/crawl/browser.js';
import { runCli, tempDir } from './helpers/cli.js';
import { serve, html } from './helpers/server.js';

const HOST = 'www.hostile.test';
const NET = fileURLToPath(new URL('./safety/loopback-only.mjs', import.meta.url));
const WRAPPER = fileURLToPath(new URL('./safety/chromium-loopback.sh', import.meta.url));
let srv: Awaited<ReturnType<typeof serve>>;

const HOME = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>内网诱导</title></head><body>
<a href="http://metadata.test/latest/meta-data/">元数据</a>
<a href="http://intranet.test/admin/">内网后台</a>
<a href="http://169.254.169.254/latest/">metadata literal</a>
<a href="http://0xa9fea9fe/computeMetadata/">metadata hex</a>
<a href="http://2130706434/">127.0.0.2 decimal</a>
<a href="http://[::ffff:10.0.0.1]/">mapped v6</a>
<a href="file:///etc/passwd">file</a>
<a href="/redirect-to-private">跳转</a>
<a href="/ok.html">正常页面</a>
<img src="http://169.254.169.254/pixel.png" alt="x">
<script>fetch('http://intranet.test/api').catch(function(){});</script>
</body></html>`;

const envFor = (violations: string) => ({
  NODE_OPTIONS: `--import=${NET}`,
  PA_NET_VIOLATIONS: violations,
  PA_REAL_CHROMIUM: findChromium() ?? '/usr/bin/chromium',
  PA_DIRECT_HOSTS: HOST,
});

beforeAll(async () => {
  srv = await serve({
    '/': html(HOME),
    '/ok.html': html('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>正常</title></head><body><a href="/">首页</a></body></html>'),
    '/redirect-to-private': (_q, res) => res.writeHead(302, { location: 'http://10.1.2.3/secret' }).end(),
  });
});
afterAll(() => srv?.close());

async function audit(extra: string[] = []) {
  const out = tempDir();
  const violations = join(out, 'violations.txt');
  writeFileSync(violations, '');
  const args = ['audit', `http://${HOST}/`, '--out', out, '--quiet', '--timeout', '3000', '--render', 'always', '--a11y', 'none', '--browser-path', WRAPPER,
    '--resolve', `${HOST}=127.0.0.1:${srv.port}`, '--resolve', 'metadata.test=169.254.169.254', '--resolve', 'intranet.test=10.0.0.7', ...extra];
  const run = await runCli(args, 120_000, undefined, undefined, envFor(violations));
  return { run, report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report, violations: readFileSync(violations, 'utf8').trim() };
}

describe('network guard', () => {
  it('refuses metadata, private, link-local and foreign loopback addresses in both tiers, and reports them', async () => {
    const { run, report, violations } = await audit();
    expect(violations, 'a connection left loopback').toBe('');
    expect([0, 1]).toContain(run.code);
    const refused = report.crawl.refused;
    const seen = (address: string, by: string) => refused.some((r) => r.address === address && r.by === by);
    for (const a of ['169.254.169.254', '10.0.0.7', '127.0.0.2', '10.1.2.3']) expect(seen(a, 'http'), `${a} http: ${JSON.stringify(refused)}`).toBe(true);
    expect(refused.some((r) => r.class === 'private' && r.address.endsWith('ffff:a00:1')), JSON.stringify(refused)).toBe(true);
    expect(seen('169.254.169.254', 'browser') && seen('10.0.0.7', 'browser'), JSON.stringify(refused)).toBe(true);
    expect(refused.find((r) => r.address === '169.254.169.254')!.class).toBe('metadata');
    // The off-site redirect is not followed by the crawl; the link checker's probe of it is refused (above).
    expect(report.pages.find((p) => p.url.endsWith('/redirect-to-private'))?.status).toBe(302);
    expect(report.pages.find((p) => p.url.endsWith('/ok.html'))?.status).toBe(200);
    expect(JSON.stringify(report.pages)).not.toContain('/etc/passwd"');
  }, 150_000);

  it('--allow-private lets them through (and the safety net proves it would have connected)', async () => {
    const { report, violations } = await audit(['--allow-private']);
    expect(report.crawl.refused).toEqual([]);
    expect(violations).toMatch(/10\.0\.0\.7/);
  }, 150_000);
});
