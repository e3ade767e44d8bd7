// What the accessibility gatherer measures inside the page. These functions run in Chromium
// (page.evaluate), so they use only the DOM and the helpers HELPERS installs with axe.
import type { ElementFact, LayoutFacts } from '../model/types.js';

/** Installed once per context (init script): a short CSS path and a visibility test. */
export const HELPERS = `
window.__pa = {
  sel(el) {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 5; e = e.parentElement) {
      if (e.id && /^[A-Za-z][\\w-]*$/.test(e.id)) { parts.unshift('#' + e.id); break; }
      let p = e.tagName.toLowerCase();
      const cls = (e.getAttribute('class') || '').trim().split(/\\s+/)[0];
      if (cls && /^[A-Za-z_][\\w-]*$/.test(cls)) p += '.' + cls;
      const parent = e.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.tagName === e.tagName);
        if (same.length > 1) p += ':nth-of-type(' + (same.indexOf(e) + 1) + ')';
      }
      parts.unshift(p);
      if (e.tagName === 'BODY') break;
    }
    return parts.join(' > ');
  },
  visible(el) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
  },
  fact(el, text) {
    const r = el.getBoundingClientRect();
    return { selector: window.__pa.sel(el), text: (text ?? el.textContent ?? '').replace(/\\s+/g, ' ').trim().slice(0, 60), width: Math.round(r.width), height: Math.round(r.height) };
  },
};`;

type Pa = { sel(el: Element): string; visible(el: Element): boolean; fact(el: Element, text?: string): ElementFact };
type Desktop = Omit<LayoutFacts, 'zoom' | 'mobile' | 'overlays'> & { overlays: (ElementFact & { position: string; closable: boolean; x: number; y: number })[] };

/** Desktop facts: text sizes, overlays, elder-mode entries, CAPTCHAs. */
export function measureDesktop(patterns: { elder: string; sizeControl: string; captcha: string; alternative: string }): Desktop {
  const pa = (window as unknown as { __pa: Pa }).__pa;
  const elder = new RegExp(patterns.elder, 'i');
  const sizeControl = new RegExp(patterns.sizeControl, 'i');
  const captcha = new RegExp(patterns.captcha, 'i');
  const alternative = new RegExp(patterns.alternative, 'i');
  // Page furniture is not body text: header, menus, footer, breadcrumbs.
  const chrome = 'header, nav, footer, aside, [role=banner], [role=navigation], [role=contentinfo], [class*=crumb], [class*=position], [class*=location], [aria-label*=readcrumb]';

  // Content text by font size, weighted by characters.
  const sizes: Record<string, number> = {};
  const heights: Record<string, number> = {};
  const small = new Map<Element, number>();
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = (n.textContent ?? '').replace(/\s+/g, '');
    const el = n.parentElement;
    if (!text || !el || el.closest(chrome) || el.closest('script, style, noscript') || !pa.visible(el)) continue;
    const s = getComputedStyle(el);
    const px = Math.round(parseFloat(s.fontSize) * 10) / 10;
    sizes[px] = (sizes[px] ?? 0) + text.length;
    const lh = s.lineHeight === 'normal' ? 1.2 : Math.round((parseFloat(s.lineHeight) / parseFloat(s.fontSize)) * 100) / 100;
    heights[lh] = (heights[lh] ?? 0) + text.length;
    if (px < 16) small.set(el, (small.get(el) ?? 0) + text.length);
  }
  const mode = (m: Record<string, number>) => {
    const top = Object.entries(m).sort((a, b) => b[1] - a[1])[0];
    return top ? Number(top[0]) : null;
  };
  const smallText = [...small.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([el]) => ({ ...pa.fact(el), text: `${getComputedStyle(el).fontSize} ${pa.fact(el).text}` }));

  // Overlays: fixed boxes that are not full-width bars, or script-positioned boxes on top.
  const overlays: Desktop['overlays'] = [];
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(el);
    if (s.position !== 'fixed' && !(s.position === 'absolute' && Number(s.zIndex) >= 100)) continue;
    if (!pa.visible(el) || (el.parentElement && el.parentElement !== document.body && getComputedStyle(el.parentElement).position === 'fixed')) continue;
    const r = el.getBoundingClientRect();
    // Back-to-top buttons and side toolbars are small; a 飘窗 is at least 100×100-ish.
    if (r.width * r.height < 10_000 || r.width >= innerWidth * 0.9 || r.height >= innerHeight * 0.9) continue;
    const closable = [...el.querySelectorAll('button, a, [onclick], span, i')].some(
      (b) => /^\s*(关闭|close|×|✕|x)\s*$/i.test(b.textContent ?? '') || /关闭|close/i.test(`${b.getAttribute('title') ?? ''} ${b.getAttribute('aria-label') ?? ''} ${b.getAttribute('class') ?? ''}`),
    );
    // Marked so the second look finds this very element, whatever its selector matches.
    el.setAttribute('data-pa-overlay', String(overlays.length));
    const alts = [...el.querySelectorAll('img[alt]')].map((i) => i.getAttribute('alt')).join(' ');
    overlays.push({ ...pa.fact(el, `${alts} ${el.textContent ?? ''}`), position: s.position, closable, x: Math.round(r.left), y: Math.round(r.top) });
  }

  const controls = [...document.querySelectorAll('a, button, [role=button], input[type=button], img')];
  const label = (el: Element) => `${el.textContent ?? ''} ${el.getAttribute('title') ?? ''} ${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('alt') ?? ''} ${el.getAttribute('value') ?? ''}`.trim();
  const elderEntries = controls.filter((el) => elder.test(label(el)) && pa.visible(el)).slice(0, 5).map((el) => pa.fact(el, label(el)));
  const textSizeControls = controls.filter((el) => sizeControl.test(label(el).replace(/\s+/g, ''))).length;

  const captchas = [...document.querySelectorAll('img')]
    .filter((img) => captcha.test(`${img.getAttribute('src') ?? ''} ${img.alt} ${img.id} ${img.className} ${img.getAttribute('name') ?? ''}`))
    .map((img) => {
      const scope = img.closest('form') ?? img.parentElement?.parentElement ?? img.parentElement ?? document.body;
      const alt = scope.querySelector('audio') ? 'audio element' : alternative.exec(`${scope.textContent ?? ''} ${[...scope.querySelectorAll('a, button')].map(label).join(' ')}`)?.[0] ?? null;
      return { ...pa.fact(img, img.alt), alternative: alt };
    });

  return {
    lang: document.documentElement.getAttribute('lang'),
    viewportMeta: document.querySelector('meta[name=viewport]')?.getAttribute('content') ?? null,
    overlays,
    fontSizes: sizes,
    bodyFontPx: mode(sizes),
    bodyLineHeight: mode(heights),
    smallText,
    elderEntries,
    textSizeControls,
    captchas,
  };
}

/** Where the overlays are now (to tell moving 飘窗 from fixed boxes). */
export function overlayPositions(count: number): ({ x: number; y: number } | null)[] {
  return Array.from({ length: count }, (_, i) => {
    const el = document.querySelector(`[data-pa-overlay="${i}"]`);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { x: Math.round(r.left), y: Math.round(r.top) };
  });
}

/** Horizontal overflow and text clipped by overflow:hidden at the current viewport width. */
export function measureReflow(): LayoutFacts['zoom'] {
  const pa = (window as unknown as { __pa: Pa }).__pa;
  const root = document.scrollingElement ?? document.documentElement;
  const clipped: ElementFact[] = [];
  for (const el of document.querySelectorAll('body *')) {
    if (clipped.length >= 10) break;
    const s = getComputedStyle(el);
    if (s.overflowX !== 'hidden' && s.overflowX !== 'clip') continue;
    if (!(el.textContent ?? '').trim() || el.scrollWidth <= el.clientWidth + 2 || !pa.visible(el) || s.textOverflow === 'ellipsis') continue;
    // Visually hidden text for screen readers (sr-only) is clipped on purpose.
    const r = el.getBoundingClientRect();
    if (r.width <= 2 || r.height <= 2 || (s.clip && s.clip !== 'auto') || s.clipPath !== 'none') continue;
    clipped.push(pa.fact(el));
  }
  return { width: innerWidth, scrollWidth: root.scrollWidth, clipped };
}

/** Horizontal overflow and tap targets under 44×44 at the current (phone) viewport width.
 * Small targets are grouped by selector shape (positions dropped): one list's 20 links are one entry. */
export function measureMobile(): LayoutFacts['mobile'] {
  const pa = (window as unknown as { __pa: Pa }).__pa;
  const root = document.scrollingElement ?? document.documentElement;
  const targets = [...document.querySelectorAll('a[href], button, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), select, textarea, [role=button]')].filter((el) => pa.visible(el));
  const shapes = new Map<string, ElementFact>();
  let count = 0;
  for (const el of targets) {
    const r = el.getBoundingClientRect();
    if (r.width >= 44 && r.height >= 44) continue;
    // WCAG 2.5.8 exempts inline targets in a line of text: their size is the text's.
    if (getComputedStyle(el).display === 'inline') {
      let block = el.parentElement;
      while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
      if (block && (block.textContent ?? '').trim().length > (el.textContent ?? '').trim().length + 2) continue;
    }
    count++;
    const fact = pa.fact(el, el.textContent?.trim() || el.getAttribute('aria-label') || el.getAttribute('title') || el.getAttribute('value') || '');
    const shape = fact.selector.replace(/:nth-of-type\(\d+\)/g, '');
    if (!shapes.has(shape) && shapes.size < 30) shapes.set(shape, { ...fact, selector: shape });
  }
  return { width: innerWidth, scrollWidth: root.scrollWidth, smallTargets: [...shapes.values()], smallCount: count, targets: targets.length };
}
