// Chromium honours only the last --disable-features switch, and ours comes after Playwright's: it
// must repeat every feature Playwright disables, or an upgrade silently turns one back on (say
// HttpsUpgrades, which would move http portals to https).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS } from '../src/crawl/browser.js';

function playwrightDisabled(): string[] {
  const root = dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
  const src = readFileSync(join(root, 'lib', 'coreBundle.js'), 'utf8');
  const block = /disabledFeatures = \[([\s\S]*?)\]\.filter/.exec(src)?.[1];
  if (!block) throw new Error('Playwright’s disabledFeatures list not found: check chromiumSwitches after the upgrade');
  return [...block.replace(/\/\/.*$/gm, '').matchAll(/"([A-Za-z0-9]+)"/g)].map((m) => m[1]);
}

describe('Chromium flags', () => {
  it('have one --disable-features that keeps all of Playwright’s and adds ours', () => {
    const switches = CHROMIUM_FLAGS.filter((f) => f.startsWith('--disable-features='));
    expect(switches).toHaveLength(1);
    const ours = switches[0].slice('--disable-features='.length).split(',');
    const theirs = playwrightDisabled();
    expect(theirs.length).toBeGreaterThan(5);
    expect(theirs.filter((f) => !ours.includes(f) && !f.startsWith('ms'))).toEqual([]);
    expect(ours).toEqual(expect.arrayContaining(['RenderDocument', 'site-per-process']));
  });
});
