// A rule that names the page facts it reads (`facts`) must find the same with a crawl that
// gathered only those as with a full one: on the sample portal, whose pages plant every defect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_HOST, startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { loadRules } from '../src/rules/engine.js';
import type { Finding } from '../src/model/types.js';
import { runRuleOnServer } from './helpers/rule.js';

let srv: FixtureServer;
beforeAll(async () => {
  srv = await startFixtureServer({ asOf: '2026-11-22' });
});
afterAll(() => srv.close());

// Accessibility rules read the browser pass, not parsed pages, and `availability` reads the
// history store's probes (facts: []; e2e-history tests it): nothing to compare here.
const A11Y = new Set(['axe', 'elder-friendly', 'mobile', 'availability']);
const declared = (await loadRules()).filter((r) => r.facts && !A11Y.has(r.id));
const comparable = (fs: Finding[]) => fs.map(({ ruleId, target, url, severity, message }) => ({ ruleId, target, url, severity, message })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('rules that name their page facts', () => {
  it('include the link checker', () => expect(declared.map((r) => r.id)).toContain('links'));

  it.each(declared.map((r) => [r.id, r.facts!] as const))('%s finds the same with only its facts %j', async (id, facts) => {
    const opts = { host: PORTAL_HOST, maxPages: 120, settings: { links: { options: { external: false } } } };
    const full = await runRuleOnServer(id, srv.port, opts);
    const lean = await runRuleOnServer(id, srv.port, { ...opts, facts: new Set(facts) });
    expect(full.errors).toEqual([]);
    expect(full.findings.length).toBeGreaterThan(0);
    expect(comparable(lean.findings)).toEqual(comparable(full.findings));
  });
});
