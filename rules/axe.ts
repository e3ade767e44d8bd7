// axe-core's WCAG checks, run in Chromium by the accessibility gatherer. One finding per flagged
// element, however many pages repeat it (a template's header on 500 pages is one finding that
// lists the pages), with the WCAG criteria and the GB/T 37668-2019 indicator.
import { defineRule, type RuleFinding } from '../src/rules/types.js';
import { criteriaOf, gbtOf } from '../src/analysis/gbt37668.js';
import type { AxeNode, AxeViolation, Severity } from '../src/model/types.js';

interface Options {
  /** Findings per axe rule at most (the rest are counted in data). */
  maxPerRule: number;
  /** Pages listed per finding (all are counted). */
  maxPages: number;
}
const DEFAULTS: Options = { maxPerRule: 50, maxPages: 50 };

const SEVERITY: Record<string, Severity> = { critical: 'critical', serious: 'serious', moderate: 'moderate', minor: 'minor' };

interface Group {
  violation: AxeViolation;
  node: AxeNode;
  pages: string[];
  represents: Set<string>;
  templates: Set<string>;
}

export default defineRule({
  id: 'axe',
  category: 'accessibility',
  needsA11y: true,
  title: { zh: '无障碍（WCAG 2.2 / GB/T 37668）', en: 'Accessibility (WCAG 2.2 / GB/T 37668)' },
  description: {
    zh: '在Chromium中用axe-core检查页面（默认WCAG 2.0/2.1/2.2 A和AA），按元素报告问题，同一模板重复出现的问题合并为一条并列出页面，附WCAG成功准则与GB/T 37668-2019指标。',
    en: 'Runs axe-core in Chromium (WCAG 2.0/2.1/2.2 A and AA by default) and reports each flagged element once, listing every page of a template that repeats it, with WCAG success criteria and GB/T 37668-2019 indicators.',
  },
  severity: 'moderate',
  standards: ['WCAG 2.2 A/AA', 'GB/T 37668-2019 互联网内容无障碍可访问性技术要求与测试方法'],
  // Reads no page facts beyond links, title and meta.
  facts: [],
  run({ snapshot, t, options }) {
    const o = { ...DEFAULTS, ...(options as Partial<Options>) };
    const a11y = snapshot.a11y;
    if (!a11y) return { findings: [], data: { mode: 'none' } };
    if (a11y.error)
      return {
        findings: [{ check: 'not-analysed', severity: 'info', url: snapshot.startUrl, target: snapshot.startUrl, message: t({ zh: `未能进行无障碍检测：${a11y.error}`, en: `Accessibility was not analysed: ${a11y.error}` }), evidence: { error: a11y.error } }],
        data: { mode: a11y.mode, error: a11y.error, pagesAnalysed: 0, pagesRepresented: 0 },
      };
    const home = snapshot.pages.find((p) => p.depth === 0)?.url;
    const groups = new Map<string, Group>();
    for (const p of a11y.pages)
      for (const v of p.violations)
        for (const n of v.nodes) {
          const key = `${v.id}\u0000${n.selector}\u0000${n.html}`;
          const g = groups.get(key) ?? groups.set(key, { violation: v, node: n, pages: [], represents: new Set(), templates: new Set() }).get(key)!;
          g.pages.push(p.url);
          g.templates.add(p.template);
          for (const r of p.represents) g.represents.add(r);
        }

    const findings: RuleFinding[] = [];
    const perRule: Record<string, number> = {};
    const byRule: Record<string, { impact: string | null; help: string; elements: number; pages: number; reported: number }> = {};
    // Sorted, so which elements a maxPerRule cut keeps does not depend on crawl timing.
    for (const g of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, x]) => x)) {
      const v = g.violation;
      const r = (byRule[v.id] ??= { impact: v.impact, help: v.help, elements: 0, pages: 0, reported: 0 });
      r.elements++;
      r.pages = Math.max(r.pages, g.represents.size);
      if ((perRule[v.id] = (perRule[v.id] ?? 0) + 1) > o.maxPerRule) continue;
      r.reported++;
      const wcag = criteriaOf(v.tags);
      const pages = [...g.pages].sort((a, b) => (a === home ? -1 : b === home ? 1 : 0));
      findings.push({
        check: v.id,
        severity: SEVERITY[g.node.impact ?? v.impact ?? ''] ?? 'moderate',
        url: pages[0],
        target: g.node.selector,
        message: t({
          zh: `无障碍问题 ${v.id}（${wcag.length ? `WCAG ${wcag.join('、')}` : 'axe'}）：${v.help}，元素 ${g.node.selector}${g.represents.size > 1 ? `，涉及 ${g.represents.size} 个页面` : ''}`,
          en: `${v.help} (${v.id}${wcag.length ? `, WCAG ${wcag.join(', ')}` : ''}): ${g.node.selector}${g.represents.size > 1 ? ` on ${g.represents.size} pages` : ''}`,
        }),
        evidence: {
          selector: g.node.selector,
          html: g.node.html,
          failureSummary: g.node.failureSummary,
          impact: g.node.impact ?? v.impact,
          wcag,
          gbt37668: gbtOf(wcag),
          tags: v.tags,
          help: v.help,
          helpUrl: v.helpUrl,
          analysedOn: pages.slice(0, o.maxPages),
          // Pages the result stands for: the analysed pages' templates in `templates` mode.
          pageCount: g.represents.size,
          pages: [...g.represents].slice(0, o.maxPages),
          // DOM templates (skeleton keys): what a baseline fingerprint uses instead of the sample page.
          templates: [...g.templates].sort(),
        },
      });
    }

    for (const p of a11y.pages.filter((x) => x.error))
      findings.push({
        check: 'page-not-analysed',
        severity: 'info',
        url: p.url,
        target: p.url,
        message: t({ zh: `页面未能完成无障碍检测（${p.error}）`, en: `Page could not be analysed (${p.error})` }),
        evidence: { error: p.error, ms: p.ms, represents: p.represents.length },
      });

    const analysed = a11y.pages.filter((p) => !p.error);
    const byImpact: Record<string, number> = {};
    for (const g of groups.values()) byImpact[g.node.impact ?? g.violation.impact ?? 'unknown'] = (byImpact[g.node.impact ?? g.violation.impact ?? 'unknown'] ?? 0) + 1;
    const represented = new Set(analysed.flatMap((p) => p.represents));
    return {
      findings,
      data: {
        mode: a11y.mode,
        axeVersion: a11y.axeVersion,
        tags: a11y.tags,
        templates: Object.keys(a11y.templates).length,
        pagesAnalysed: analysed.length,
        pagesRepresented: represented.size,
        notAnalysed: a11y.pages.filter((p) => p.error).map((p) => ({ url: p.url, error: p.error })),
        byRule,
        byImpact,
        ms: a11y.ms,
        pagesPerSecond: a11y.ms ? Math.round((a11y.pages.length / (a11y.ms / 1000)) * 100) / 100 : null,
        // Wall and busy time of the pass, and how many pages it began while the crawl still ran.
        phase: a11y.phase ?? null,
      },
    };
  },
});
