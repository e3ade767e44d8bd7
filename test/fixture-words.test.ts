// Rules must work on real portals, not on our fixtures: no rule or engine file may contain the
// names of the sample portal or of the CMS gallery's sites (a stop word "示范" once made the search
// rule read the sample county better than any real one).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SITE } from '../fixtures/portal/site.js';
import { SITES } from '../fixtures/cms/sites/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// demo.ts runs the sample portal on purpose.
const ALLOWED = new Set([join('src', 'cli', 'demo.ts')]);

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((f) => {
    const rel = join(dir, f);
    return statSync(join(ROOT, rel)).isDirectory() ? files(rel) : rel.endsWith('.ts') && !ALLOWED.has(rel) ? [rel] : [];
  });
}

const stem = (name: string) => name.replace(/(人民政府|政府)$/, '').replace(/[县市区]$/, '');
const words = [
  stem(SITE.name),
  SITE.domain.split('.')[1],
  // The gallery's own portals (platform hosts such as weibo.com are real names a rule must know).
  ...SITES.flatMap((s) => s.hosts.filter((h) => h.endsWith('.gallery.gov.cn')).map((h) => h.split('.').at(-4)!)),
  'gallery.gov.cn',
];

describe('rules and engine carry no fixture words', () => {
  it('lists the words it looks for', () => {
    expect(words).toContain('示范');
    expect(words.length).toBeGreaterThan(3);
  });
  it.each(['rules', 'src'])('%s/ has none of them', (dir) => {
    const hits = files(dir).flatMap((f) => {
      const text = readFileSync(join(ROOT, f), 'utf8');
      return words.filter((w) => text.includes(w)).map((w) => `${f}: ${w}`);
    });
    expect(hits).toEqual([]);
  });
});
