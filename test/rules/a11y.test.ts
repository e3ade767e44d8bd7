import { describe, expect, it } from 'vitest';
import { runRuleOnFolder } from '../helpers/rule.js';

describe('accessibility gatherer under a hostile page', () => {
  it('reports a page whose script never ends as not analysed, within its time budget, and analyses the rest', async () => {
    const t0 = Date.now();
    const r = await runRuleOnFolder('axe', 'a11y/hang', { a11y: 'all', timeoutMs: 2000 });
    const ms = Date.now() - t0;
    expect(r.errors).toEqual([]);
    const data = r.data.accessibility as { pagesAnalysed: number; notAnalysed: { url: string; error: string }[] };
    expect(data.notAnalysed.map((p) => new URL(p.url).pathname)).toEqual(['/stuck.html']);
    expect(data.notAnalysed[0].error).toMatch(/^not analysed: .*(timeout|timed out)/i);
    expect(data.pagesAnalysed).toBe(1);
    const f = r.findings.filter((x) => x.ruleId === 'axe/page-not-analysed');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('info');
    // Budget: 2 × min(timeout, 15 s) + 5 s per page, plus crawl and launch.
    expect(ms).toBeLessThan(30_000);
  });

  it('does not wait on autoplay media (a promo film with sound): the page is analysed at once, its other checks kept', async () => {
    const r = await runRuleOnFolder('axe', 'a11y/autoplay', { a11y: 'all', timeoutMs: 20_000 });
    const data = r.data.accessibility as { pagesAnalysed: number; ms: number };
    expect(data.pagesAnalysed).toBe(1);
    expect(r.findings.map((f) => f.ruleId)).toContain('axe/image-alt');
    // Media requests are not downloaded; axe used to wait its 10 s media preload for them.
    expect(data.ms).toBeLessThan(5000);
  });
});
