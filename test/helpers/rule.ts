// Crawls a fixture folder with the real crawler and runs one rule over the snapshot.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { crawl } from '../../src/crawl/crawler.js';
import { loadRules, runRules } from '../../src/rules/engine.js';
import { serveFolder } from '../../fixtures/static.js';
import { tempDir } from './cli.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/rules/', import.meta.url));

export async function runRuleOnFolder(ruleId: string, folder: string, opts: { asOf?: string; host?: string } = {}) {
  const srv = await serveFolder(join(FIXTURES, folder));
  const resolve = new Map(opts.host ? [[opts.host, { ip: '127.0.0.1', port: srv.port }]] : []);
  const start = opts.host ? `http://${opts.host}/` : srv.url;
  const result = await crawl({
    startUrl: start,
    asOf: opts.asOf ?? '2026-11-22',
    maxPages: 50,
    maxDepth: 5,
    concurrency: 2,
    render: 'never',
    respectRobots: true,
    timeoutMs: 3000,
    maxBodyBytes: 1e7,
    delayMs: 0,
    userAgent: 'portal-audit-test',
    resolve,
    resolveOnly: true,
    bodyDir: join(tempDir(), 'bodies'),
  });
  try {
    const rules = (await loadRules()).filter((r) => r.id === ruleId);
    const probe = { fetch: () => Promise.reject(new Error('no probe')), withPage: () => Promise.reject(new Error('no probe')) };
    return await runRules(rules, result.snapshot, probe, result.snapshot.lang);
  } finally {
    await result.close();
    await srv.close();
  }
}
