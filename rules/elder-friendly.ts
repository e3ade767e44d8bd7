// Elder-friendly design (适老化, MIIT 2021; domain.md §4) where axe has no rule: floating
// windows, body text under 16 px, line height under 1.3, the entry to an elder / accessible
// mode, and CAPTCHA images without a non-visual alternative. Measured in Chromium.
import { defineRule, type RuleFinding } from '../src/rules/types.js';
import { groupLayout, pagesEvidence } from '../src/analysis/layout.js';

interface Options {
  minFontPx: number;
  minLineHeight: number;
  /** Share of content characters below minFontPx that counts as small body text. */
  smallTextShare: number;
  /** Pages with less content text than this are not judged on text size or spacing. */
  minChars: number;
}
const DEFAULTS: Options = { minFontPx: 16, minLineHeight: 1.3, smallTextShare: 0.5, minChars: 30 };

export default defineRule({
  id: 'elder-friendly',
  category: 'accessibility',
  needsA11y: true,
  title: { zh: '适老化', en: 'Elder-friendly design' },
  description: {
    zh: '在浏览器中测量：飘窗等浮动/弹出窗口、正文字号小于16像素（并说明是否有大字模式）、行距小于1.3倍、首页是否有无障碍/长辈版/关怀版入口、图形验证码是否提供语音等非视觉替代。',
    en: 'Measured in the browser: floating or pop-up windows (飘窗), body text under 16 px (noting whether a large-text mode exists), line height under 1.3, an entry to an accessible/elder mode on the home page, CAPTCHA images without a non-visual alternative.',
  },
  severity: 'moderate',
  standards: ['工业和信息化部《互联网网站适老化通用设计规范》(2021)', 'GB/T 37668-2019', 'WCAG 2.2 1.1.1, 1.4.4, 1.4.12'],
  // Reads no page facts beyond links, title and meta.
  facts: [],
  run({ snapshot, t, options }) {
    const o = { ...DEFAULTS, ...(options as Partial<Options>) };
    const a11y = snapshot.a11y;
    if (!a11y) return [];
    const findings: RuleFinding[] = [];
    const homeUrl = snapshot.pages.find((p) => p.depth === 0)?.url ?? snapshot.startUrl;
    const home = a11y.pages.find((p) => p.url === homeUrl)?.layout ?? null;
    const largeTextMode = !!home && (home.elderEntries.length > 0 || home.textSizeControls > 0);

    // One finding per overlay, across the pages that have it.
    const overlaySelectors = new Set((a11y.pages ?? []).flatMap((p) => p.layout?.overlays.map((x) => x.selector) ?? []));
    for (const sel of overlaySelectors)
      for (const g of groupLayout(snapshot, (l) => {
        const ov = l.overlays.find((x) => x.selector === sel);
        return ov ? { key: sel, value: ov } : null;
      })) {
        const ov = g.value;
        const onHome = g.analysed.includes(homeUrl);
        findings.push({
          check: 'floating-window',
          severity: onHome || ov.moving ? 'serious' : 'moderate',
          url: g.analysed[0],
          target: ov.selector,
          message: t({
            zh: `页面有${ov.moving ? '移动的' : '固定的'}浮动窗口（飘窗）${ov.text ? `「${ov.text}」` : ''}，适老化页面不得设置弹窗、飘窗${ov.closable ? '' : '，且没有关闭按钮'}`,
            en: `${ov.moving ? 'Moving' : 'Fixed'} floating window${ov.text ? ` "${ov.text}"` : ''} over the page; elder-friendly pages must not have pop-ups${ov.closable ? '' : ', and it cannot be closed'}`,
          }),
          evidence: { selector: ov.selector, position: ov.position, moving: ov.moving, closable: ov.closable, width: ov.width, height: ov.height, ...pagesEvidence(g) },
        });
      }

    for (const g of groupLayout(snapshot, (l, p) => {
      const total = Object.values(l.fontSizes).reduce((a, b) => a + b, 0);
      const small = Object.entries(l.fontSizes).filter(([px]) => Number(px) < o.minFontPx).reduce((a, [, n]) => a + n, 0);
      if (total < o.minChars || ((l.bodyFontPx ?? 99) >= o.minFontPx && small / total < o.smallTextShare)) return null;
      return { key: `${p.template}|${l.bodyFontPx}`, value: { px: l.bodyFontPx, share: Math.round((small / total) * 100) / 100, samples: l.smallText } };
    }))
      findings.push({
        check: 'small-text',
        severity: 'moderate',
        url: g.analysed[0],
        target: g.value.samples[0]?.selector ?? g.analysed[0],
        message: t({
          zh: `正文字号为 ${g.value.px}px，${Math.round(g.value.share * 100)}% 的正文小于 ${o.minFontPx}px${largeTextMode ? '' : '，且网站没有大字/长辈模式'}`,
          en: `Body text is ${g.value.px}px; ${Math.round(g.value.share * 100)}% of the content text is under ${o.minFontPx}px${largeTextMode ? '' : ', and the site has no large-text or elder mode'}`,
        }),
        evidence: { bodyFontPx: g.value.px, smallShare: g.value.share, samples: g.value.samples, minFontPx: o.minFontPx, largeTextMode, ...pagesEvidence(g) },
      });

    const enoughText = (l: { fontSizes: Record<string, number> }) => Object.values(l.fontSizes).reduce((a, b) => a + b, 0) >= o.minChars;
    for (const g of groupLayout(snapshot, (l, p) => (enoughText(l) && l.bodyLineHeight !== null && l.bodyLineHeight < o.minLineHeight ? { key: `${p.template}|${l.bodyLineHeight}`, value: l.bodyLineHeight } : null)))
      findings.push({
        check: 'line-height',
        severity: 'minor',
        url: g.analysed[0],
        target: g.analysed[0],
        message: t({ zh: `正文行距为字号的 ${g.value} 倍，低于 ${o.minLineHeight} 倍`, en: `Body line height is ${g.value}× the font size, under ${o.minLineHeight}×` }),
        evidence: { lineHeight: g.value, minLineHeight: o.minLineHeight, ...pagesEvidence(g) },
      });

    if (home && !home.elderEntries.length)
      findings.push({
        check: 'no-elder-mode',
        severity: 'moderate',
        url: homeUrl,
        target: homeUrl,
        message: t({ zh: '首页没有无障碍/长辈版/关怀版等适老化模式入口', en: 'The home page has no entry to an accessible, elder or large-text mode' }),
        evidence: { looked: '无障碍, 长辈版, 关怀版, 适老化, 大字版, accessibility, large text', textSizeControls: home.textSizeControls },
      });

    for (const g of groupLayout(snapshot, (l) => {
      const bad = l.captchas.filter((c) => !c.alternative);
      return bad.length ? { key: bad.map((c) => c.selector).join('|'), value: bad } : null;
    }))
      for (const c of g.value)
        findings.push({
          check: 'captcha-no-alternative',
          severity: 'serious',
          url: g.analysed[0],
          target: c.selector,
          message: t({ zh: '图形验证码没有语音等非视觉替代方式，视障用户无法完成', en: 'Image CAPTCHA without an audio or other non-visual alternative' }),
          evidence: { selector: c.selector, alt: c.text, width: c.width, height: c.height, ...pagesEvidence(g) },
        });

    return {
      findings,
      data: {
        elder: {
          homeEntries: home?.elderEntries ?? [],
          largeTextMode,
          bodyFontPx: Object.fromEntries(a11y.pages.filter((p) => p.layout).map((p) => [p.url, p.layout!.bodyFontPx])),
        },
      },
    };
  },
});
