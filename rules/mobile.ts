// Mobile and zoom (domain.md §4; WCAG 1.4.10 Reflow, 2.5.8 Target Size; MIIT 适老化 44×44):
// the viewport meta, horizontal scrolling at a 375 px phone width, tap targets under 44×44,
// and 200 % zoom (640 CSS px of a 1280 px window) causing horizontal scrolling or clipped text.
import { defineRule, type RuleFinding } from '../src/rules/types.js';
import { groupLayout, pagesEvidence, type LayoutGroup } from '../src/analysis/layout.js';
import type { ElementFact } from '../src/model/types.js';

interface Options {
  /** Overflow tolerated before a page counts as scrolling sideways, px. */
  slackPx: number;
}
const DEFAULTS: Options = { slackPx: 2 };

export default defineRule({
  id: 'mobile',
  category: 'accessibility',
  needsA11y: true,
  title: { zh: '移动端与放大适配', en: 'Mobile and zoom' },
  description: {
    zh: '缺少viewport声明；375像素手机宽度下出现横向滚动；点击目标小于44×44像素；页面放大到200%时出现横向滚动或文字被截断。',
    en: 'Missing viewport meta; horizontal scrolling at a 375 px phone width; tap targets under 44×44 px; horizontal scrolling or clipped text at 200 % zoom.',
  },
  severity: 'moderate',
  standards: ['WCAG 2.2 1.4.10 Reflow, 1.4.4 Resize Text, 2.5.8 Target Size', '工业和信息化部《移动互联网应用（APP）适老化通用设计规范》(2021) 44×44', 'GB/T 37668-2019'],
  // Reads no page facts beyond links, title and meta.
  facts: [],
  run({ snapshot, t, options }) {
    const o = { ...DEFAULTS, ...(options as Partial<Options>) };
    if (!snapshot.a11y) return [];
    const findings: RuleFinding[] = [];

    for (const g of groupLayout(snapshot, (l) => (/width\s*=\s*device-width/i.test(l.viewportMeta ?? '') ? null : { key: l.viewportMeta ?? '-', value: l.viewportMeta })))
      findings.push({
        check: 'no-viewport',
        severity: 'moderate',
        url: g.analysed[0],
        target: g.analysed[0],
        message: t({
          zh: g.value ? `viewport声明未设置 width=device-width（${g.value}）` : '页面没有 viewport 声明，手机上会按桌面宽度缩小显示',
          en: g.value ? `The viewport meta lacks width=device-width (${g.value})` : 'No viewport meta: phones show the page shrunk to desktop width',
        }),
        evidence: { viewport: g.value, ...pagesEvidence(g) },
      });

    for (const g of groupLayout(snapshot, (l) => (l.mobile.scrollWidth > l.mobile.width + o.slackPx ? { key: String(l.mobile.scrollWidth), value: l.mobile } : null)))
      findings.push({
        check: 'horizontal-scroll',
        severity: 'moderate',
        url: g.analysed[0],
        target: g.analysed[0],
        message: t({ zh: `手机宽度 ${g.value.width}px 下页面宽 ${g.value.scrollWidth}px，需要横向滚动`, en: `At a ${g.value.width} px phone width the page is ${g.value.scrollWidth} px wide and scrolls sideways` }),
        evidence: { viewportWidth: g.value.width, scrollWidth: g.value.scrollWidth, ...pagesEvidence(g) },
      });

    // One finding per kind of element (selector without positions) across the pages that have it:
    // one pass over the pages, so thousands of pages with dozens of shapes stay linear.
    const shapes = new Map<string, LayoutGroup<ElementFact> & { seen: Set<string> }>();
    for (const p of snapshot.a11y.pages)
      for (const s of p.layout?.mobile.smallTargets ?? []) {
        let g = shapes.get(s.selector);
        if (!g) shapes.set(s.selector, (g = { value: s, analysed: [], represents: [], templates: [], seen: new Set() }));
        g.analysed.push(p.url);
        for (const u of p.represents) if (!g.seen.has(u)) (g.seen.add(u), g.represents.push(u));
      }
    for (const [shape, g] of shapes)
      findings.push({
        check: 'small-tap-targets',
        severity: 'minor',
        url: g.analysed[0],
        target: shape,
        message: t({
          zh: `点击目标小于 44×44 像素：${shape}「${g.value.text}」（${g.value.width}×${g.value.height}）`,
          en: `Tap target under 44×44 px: ${shape} "${g.value.text}" (${g.value.width}×${g.value.height})`,
        }),
        evidence: { selector: shape, text: g.value.text, width: g.value.width, height: g.value.height, ...pagesEvidence(g), sitewide: true },
      });

    for (const g of groupLayout(snapshot, (l) => {
      const scrolls = l.zoom.scrollWidth > l.zoom.width + o.slackPx;
      return scrolls || l.zoom.clipped.length ? { key: `${l.zoom.scrollWidth}|${l.zoom.clipped.map((c) => c.selector).join('|')}`, value: { ...l.zoom, scrolls } } : null;
    }))
      findings.push({
        check: 'zoom-reflow',
        severity: 'moderate',
        url: g.analysed[0],
        target: g.value.clipped[0]?.selector ?? g.analysed[0],
        message: t({
          zh: `放大到200%时${g.value.scrolls ? `页面宽 ${g.value.scrollWidth}px，超出 ${g.value.width}px 需横向滚动` : ''}${g.value.scrolls && g.value.clipped.length ? '，且' : ''}${g.value.clipped.length ? `${g.value.clipped.length} 处文字被截断` : ''}`,
          en: `At 200 % zoom ${g.value.scrolls ? `the page is ${g.value.scrollWidth} px wide for ${g.value.width} px and scrolls sideways` : ''}${g.value.scrolls && g.value.clipped.length ? ' and ' : ''}${g.value.clipped.length ? `${g.value.clipped.length} text boxes are clipped` : ''}`,
        }),
        evidence: { viewportWidth: g.value.width, scrollWidth: g.value.scrollWidth, clipped: g.value.clipped, ...pagesEvidence(g) },
      });

    return findings;
  },
});
