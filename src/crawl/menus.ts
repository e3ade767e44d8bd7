// Navigation facts of a document: menu blocks (how many entries, how deeply nested).
// Anchors that only work with script are link facts (doc-facts.ts).
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Menu, Region } from '../model/types.js';

const MENU_HINT = /(^|[\s_-])(nav|navbar|menu|mainnav|topnav|subnav|sidenav|leftnav|lanmu|daohang)([-_\d]\S*)?(?=\s|$)/i;
// Breadcrumbs and pagers are not menus.
const NOT_MENU = /crumb|dqwz|position|location|pag(e|ing|ination)|fenye|tab/i;
const MAX_TEXTS = 40;

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function isMenuBlock(el: Element): boolean {
  const hint = `${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`;
  if (NOT_MENU.test(hint) || /breadcrumb/i.test(el.attribs['aria-label'] ?? '')) return false;
  return el.name === 'nav' || el.attribs.role === 'navigation' || el.attribs.role === 'menubar' || (el.name !== 'body' && el.name !== 'html' && MENU_HINT.test(hint));
}

function insideMenu(el: Element): boolean {
  for (let n: AnyNode | null = el.parent; n && n.type === 'tag'; n = n.parent) if (isMenuBlock(n as Element)) return true;
  return false;
}

/** Outermost menu blocks with their top-level entry count and list nesting. */
export function extractMenus($: CheerioAPI, regionOf: (el: Element) => Region): Menu[] {
  const menus: Menu[] = [];
  $('nav, [role=navigation], [role=menubar], [id], [class]').each((_, node) => {
    const el = node as Element;
    if (!isMenuBlock(el) || insideMenu(el)) return;
    const $el = $(el);
    if ($el.find('a').length === 0) return;
    const lists = $el.find('ul, ol');
    // The outermost list: no other list between it and the block.
    const top = lists.filter((_, l) => $(l).parentsUntil(el, 'ul, ol').length === 0).first();
    let texts: string[];
    if (top.length) {
      texts = top.children('li').map((_, li) => collapse($(li).children('a').first().text() || $(li).clone().children('ul, ol').remove().end().text())).get();
    } else {
      texts = $el.find('a').map((_, a) => collapse($(a).text())).get();
    }
    let levels = top.length ? 1 : 0;
    lists.each((_, l) => {
      levels = Math.max(levels, $(l).parentsUntil(el, 'ul, ol').length + 1);
    });
    const label = collapse(el.attribs['aria-label'] ?? '') || (el.attribs.id ? `#${el.attribs.id}` : '') || (el.attribs.class ? `${el.name}.${el.attribs.class.trim().split(/\s+/).join('.')}` : el.name);
    menus.push({ label, items: texts.length, levels, region: regionOf(el), texts: texts.map((t) => t.slice(0, 40)).slice(0, MAX_TEXTS) });
  });
  return menus;
}
