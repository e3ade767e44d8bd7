// 站点无法访问 from a week of monitoring (domain.md §1): reads the probes `portal-audit monitor`
// recorded in the history store (`--db`). One audit is one probe and never decides this veto;
// a week with too few probes is "not assessed", never a verdict.
import { defineRule, type RuleFinding } from '../src/rules/types.js';
import { CRITERION } from '../src/history/availability.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export default defineRule({
  id: 'availability',
  category: 'links',
  title: { zh: '站点可访问性（连续监测）', en: 'Site availability (monitored)' },
  description: {
    zh: '读取监测命令在历史库中记录的首页探测：监测1周、每天不少于20次，首页超过15秒打不开的次数≥5%即单项否决；探测不足则不评估。',
    en: 'Reads the home-page probes `monitor` recorded in the history store: one week, at least 20 probes a day; the veto applies when ≥ 5 % of probes did not open the home page within 15 s; too few probes means not assessed.',
  },
  severity: 'critical',
  standards: ['国办秘函〔2019〕19号 单项否决 · 站点无法访问'],
  facts: [],
  run({ snapshot, t, siteLang }) {
    const m = snapshot.monitoring;
    if (!m) return { findings: [], data: { availability: { assessed: false, why: 'no history store (--db) given: availability needs a week of `portal-audit monitor` probes' } } };
    const { store: _s, ...data } = m;
    const findings: RuleFinding[] = [];
    const home = snapshot.pages.find((p) => p.depth === 0)?.url ?? snapshot.startUrl;
    const evidence = { window: m.window, probes: m.probes, failed: m.failed, failRate: m.failRate, perDay: m.perDay, reasons: m.reasons, failures: m.failures, criterion: CRITERION };
    if (m.veto)
      findings.push({
        check: 'veto-unreachable',
        severity: 'critical',
        // A veto item of the national indicators: only for Chinese government sites.
        ...(siteLang === 'zh' ? { veto: true } : {}),
        url: home,
        target: home,
        message: t({
          zh: `连续监测 ${m.window.days[0]} 至 ${m.window.days.at(-1)} 共 ${m.probes} 次，首页 15 秒内未打开 ${m.failed} 次（${pct(m.failRate!)}，≥5%）`,
          en: `Monitored ${m.window.days[0]} to ${m.window.days.at(-1)}: the home page did not open within 15 s in ${m.failed} of ${m.probes} probes (${pct(m.failRate!)}, ≥ 5 %)`,
        }),
        evidence,
      });
    else if (m.assessed && m.failed > 0)
      findings.push({
        check: 'intermittent',
        severity: 'moderate',
        url: home,
        target: home,
        message: t({
          zh: `首页偶有无法访问：监测 ${m.probes} 次中 ${m.failed} 次失败（${pct(m.failRate!)}，未达 5% 否决线）`,
          en: `The home page is sometimes unreachable: ${m.failed} of ${m.probes} probes failed (${pct(m.failRate!)}, under the 5 % veto line)`,
        }),
        evidence,
      });
    return { findings, data: { availability: data } };
  },
});
