// The gallery's README lists every site with what the audit must and must not find, as the site
// modules state it: a new site, or a changed expectation, must be documented there too.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SITES } from '../fixtures/cms/sites/index.js';

const readme = readFileSync(new URL('../fixtures/cms/README.md', import.meta.url), 'utf8');

describe('fixtures/cms/README.md', () => {
  it.each(SITES.map((s) => [s.id, s] as const))('documents %s', (id, s) => {
    expect(readme).toContain(`### \`${id}\`: ${s.title}`);
    for (const line of [...s.expect.find, ...s.expect.notFind]) expect(readme).toContain(`- ${line}`);
    for (const h of s.hosts) expect(readme).toContain(`\`${h}\``);
  });
});
