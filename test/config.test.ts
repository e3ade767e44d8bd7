// Config discovery (upward from cwd, .json or .mjs), zod errors for scoring settings, and the
// starter config `portal-audit init` writes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfig, loadConfig, resolveOptions } from '../src/options.js';
import { runCli, tempDir } from './helpers/cli.js';

describe('config discovery', () => {
  it('finds portal-audit.config.json in a parent directory and applies it under the flags', async () => {
    const root = tempDir();
    const deep = join(root, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(root, 'portal-audit.config.json'), JSON.stringify({ maxPages: 7, profile: 'general', failOn: 'serious', scoring: { passMark: 70 } }));
    expect(findConfig(deep)).toBe(join(root, 'portal-audit.config.json'));
    const cfg = await loadConfig(undefined, deep);
    const o = resolveOptions('https://www.example.gov.cn/', { maxPages: 9 }, cfg);
    expect(o).toMatchObject({ maxPages: 9, profile: 'general', failOn: 'serious', scoring: { passMark: 70 } });
  });

  it('loads an .mjs config (the format init writes)', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'portal-audit.config.mjs'), 'export default { concurrency: 2, rules: { "mobile/small-tap-targets": { severity: "info" } } };\n');
    const o = resolveOptions('https://www.example.gov.cn/', {}, await loadConfig(undefined, root));
    expect(o.concurrency).toBe(2);
    expect(o.rules['mobile/small-tap-targets']).toEqual({ severity: 'info' });
  });

  it('rejects bad scoring settings with one clear line', async () => {
    const root = tempDir();
    const file = join(root, 'c.json');
    const bad = (scoring: object) => {
      writeFileSync(file, JSON.stringify({ scoring }));
      return loadConfig(file).then((c) => () => resolveOptions('https://x.gov.cn/', {}, c));
    };
    expect(await bad({ groups: { updates: 30 } })).toThrow(/scoring.groups must add up to 100/);
    expect(await bad({ groups: { speed: 5 } })).toThrow(/known groups are availability/);
    expect(await bad({ passMark: 160 })).toThrow(/scoring.passMark/);
    expect(await bad({ profile: 'nordic' })).toThrow(/scoring.profile/);
    expect(await bad({ bonus: 1 })).toThrow(/scoring/);
  });

  it('rejects a baseline that is not a report', async () => {
    const f = join(tempDir(), 'x.json');
    writeFileSync(f, '{"hello": 1}');
    expect(() => resolveOptions('https://x.gov.cn/', { baseline: f })).toThrow(/not a portal-audit report.json/);
  });
});

describe('portal-audit init', () => {
  it('writes a commented starter config that loads and validates, and will not overwrite it', async () => {
    const dir = tempDir();
    const run = await runCli(['init'], 30_000, undefined, dir);
    expect(run.code).toBe(0);
    const text = readFileSync(join(dir, 'portal-audit.config.mjs'), 'utf8');
    expect(text).toMatch(/^\/\/ portal-audit configuration/);
    const o = resolveOptions('https://www.example.gov.cn/', {}, await loadConfig(undefined, dir));
    expect(o.formats).toEqual(['json', 'html', 'md', 'junit', 'sarif', 'csv']);
    expect((await runCli(['init'], 30_000, undefined, dir)).code).toBe(2);
    expect((await runCli(['init', '--force'], 30_000, undefined, dir)).code).toBe(0);
  });
});
