import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { serveFolder } from '../../fixtures/static.js';
import type { Listening } from '../../fixtures/listen.js';
import { runRuleOnServer } from '../helpers/rule.js';

const DIR = fileURLToPath(new URL('../../fixtures/rules/links/secure/', import.meta.url));
let secure: Listening;
let plain: Listening;
beforeAll(async () => {
  secure = await serveFolder(DIR, { tls: true });
  plain = await serveFolder(DIR);
});
afterAll(async () => {
  await secure?.close();
  await plain?.close();
});

const run = (options: Record<string, unknown> = {}) =>
  runRuleOnServer('links', secure.port, {
    host: 'www.shifan.gov.cn',
    https: true,
    resolve: { 'static.shifan.gov.cn': plain.port },
    settings: { links: { options } },
  });

describe('links on an https page', () => {
  it('reports each http resource and download once as mixed content, by how browsers treat it', async () => {
    const r = await run();
    expect(r.errors).toEqual([]);
    const mixed = r.findings.filter((f) => f.ruleId === 'links/mixed-content').map((f) => [f.target, f.severity, f.evidence.kind, f.evidence.sourceCount]).sort();
    expect(mixed).toEqual([
      ['http://static.shifan.gov.cn/app.js', 'serious', 'script', 1],
      ['http://static.shifan.gov.cn/banner.png', 'moderate', 'image', 2],
      ['http://static.shifan.gov.cn/files/form.pdf', 'moderate', 'attachment', 1],
      ['http://static.shifan.gov.cn/site.css', 'serious', 'stylesheet', 1],
    ]);
    // The http resources themselves work: mixed content, not broken.
    expect(r.findings.filter((f) => f.ruleId !== 'links/mixed-content').map((f) => [f.ruleId, f.target])).toEqual([['links/broken-home', 'https://www.shifan.gov.cn/missing.html']]);
    expect(r.data.links).toMatchObject({ broken: 1, notChecked: { 'host www.gov.cn is not mapped with --resolve (resolve-only mode)': 1 } });
  });
  it('skips other sites with external: false but still sees mixed content', async () => {
    const r = await run({ external: false });
    expect(r.findings.filter((f) => f.ruleId === 'links/mixed-content')).toHaveLength(4);
    expect(r.data.links).toMatchObject({ notChecked: { 'external links not checked (option external: false)': 5 } });
  });
});
