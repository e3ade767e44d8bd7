// The interaction rule on the sample portal's 县长信箱, and on sites without a channel.
import { describe, expect, it } from 'vitest';
import { startFixtureServer } from '../fixtures/server.js';
import * as X from '../fixtures/portal/expected.js';
import { runRuleOnFolder, runRuleOnServer } from './helpers/rule.js';

describe('interaction', () => {
  it('gives every planted letter its verdict, and none to the prompt answers', async () => {
    const srv = await startFixtureServer({ asOf: X.FIXTURE_AS_OF });
    try {
      const r = await runRuleOnServer('interaction', srv.port, { asOf: X.FIXTURE_AS_OF, exclude: ['/slow/**', '/hdjl/calendar*'], maxPages: 200 });
      expect(r.errors).toEqual([]);
      const verdicts = new Map<string, string[]>();
      for (const f of r.findings) {
        const path = new URL(f.target).pathname;
        verdicts.set(path, [...(verdicts.get(path) ?? []), f.ruleId.split('/')[1] + (f.veto ? '-veto' : '')]);
        expect(new URL(f.url).pathname).toBe(X.letterListPath);
      }
      for (const l of X.expectedLetters) expect([l.path, verdicts.get(l.path) ?? ['ok']]).toEqual([l.path, [l.verdict]]);
      const late = r.findings.find((f) => f.ruleId === 'interaction/late-reply')!;
      expect(late.evidence).toMatchObject({ replyDays: 35, limit: 15 });
      expect(late.evidence.replyWorkingDays).toBeGreaterThan(15);
      const data = r.data.interaction as { letters: number; answered: number; maxReplyDays: number; channels: { name: string }[] };
      expect(data).toMatchObject({ letters: X.expectedLetters.length, answered: 6, maxReplyDays: 35 });
      expect(data.channels.map((c) => c.name)).toEqual(['县长信箱']);
    } finally {
      await srv.close();
    }
  });

  it('a Chinese portal without any consultation channel gets the veto', async () => {
    const r = await runRuleOnFolder('interaction', 'site-identity/complete', { host: 'www.shifan.gov.cn' });
    expect(r.findings.map((f) => [f.ruleId, f.veto])).toEqual([['interaction/no-channel', true]]);
  });

  it('an English portal without a channel gets a finding, not the Chinese veto', async () => {
    const r = await runRuleOnFolder('interaction', 'freshness/english');
    expect(r.findings.map((f) => [f.ruleId, f.veto ?? false])).toEqual([['interaction/no-channel', false]]);
  });
});
