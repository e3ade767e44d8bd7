// Service guides (办事指南) read from a page: which elements it prints and what they say, in
// whatever shape the CMS uses — label/value table rows (th or td labels, several pairs a row),
// dl lists, label spans, headed sections, `label：value` lines and tabs (a bar of labels whose
// panes are found by id or by position).
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { collapse, inside, isTag, textNodes } from '../crawl/dom-text.js';
import { looksLikeResource, normalizeUrl } from '../crawl/url.js';
import { ALL_LABELS, EMPTY_VALUE, GUIDE_ELEMENTS, SEE_ATTACHMENT, inlineLabel, labelOf, type ElementId, type FieldId } from './guide-elements.js';
export type ElementStatus = 'present' | 'empty' | 'missing' | 'unread';

export interface GuideReading {
  /** Values by element as printed (null: a tab whose pane could not be found). */
  fields: Partial<Record<Exclude<FieldId, 'other'>, string | null>>;
  /** Links in the guide's content. */
  links: { url: string; text: string }[];
  /** The content's text (header, navigation and footer left out), for wording checks. */
  text: string;
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figure', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'thead', 'tfoot', 'td', 'th', 'tr', 'ul', 'caption', 'center',
]);
const CHROME = 'script, style, noscript, template, header, nav, footer';
// A footer by its class or id (foot, footer, g-footer, bottom, copyright) — not a utility class such as van-hairline--top-bottom.
const CHROME_NAME = /^(?:[a-z]{1,4}[-_])?(?:foot|footer|bottom|copyright|copy)(?:[-_]?(?:wrap|box|bar|nav|info|link|links|con|main|inner|\d))?$/i;
const isChromeByName = (e: Element) => [...(e.attribs.class ?? '').split(/\s+/), e.attribs.id ?? ''].some((n) => n && CHROME_NAME.test(n));
const MAX_VALUE = 4000;

interface Line {
  text: string;
  block: Element | null;
  /** The line starts inside a link or button (在线办理 is a button, not a label). */
  link: boolean;
}

/** Text split at block boundaries and `<br>`, each line with the block it sits in. */
function linesOf(root: AnyNode): Line[] {
  const lines: Line[] = [];
  let buf = '';
  let block: Element | null = null;
  let link = false;
  const flush = () => {
    const text = collapse(buf);
    if (text) lines.push({ text, block, link });
    buf = '';
  };
  const walk = (n: AnyNode, within: Element | null, inLink: boolean) => {
    if (n.type === 'text') {
      if (!collapse(buf)) [block, link] = [within, inLink];
      buf += (n as unknown as { data: string }).data;
      return;
    }
    if (!isTag(n) && n.type !== 'root') return;
    const el = n as Element;
    if (isTag(el) && el.name === 'br') return flush();
    const isBlock = isTag(el) && BLOCK.has(el.name);
    if (isBlock) flush();
    const linky = inLink || (isTag(el) && (el.name === 'a' || el.name === 'button'));
    for (const c of el.children) walk(c, isBlock ? el : within, linky);
    if (isBlock) flush();
  };
  walk(root, null, false);
  flush();
  return lines;
}

/** Where a label's value may run on: its table row or list, else the element around its block. */
function groupOf(block: Element | null): Element | null {
  for (let p: Element | null = block; p; p = p.parent as Element | null) if (isTag(p) && (p.name === 'tr' || p.name === 'dl')) return p;
  return (block?.parent as Element | null) ?? null;
}

const labelLine = (l: Line) => labelOf(l.text) !== null || inlineLabel(l.text) !== null;

const isCaption = (t: string) => t.length > 0 && t.length <= 10 && !/[:：]/.test(t);

/** A bar of tabs: an element whose children are short captions, most of them labels. */
function tabBars($: cheerio.CheerioAPI): Element[] {
  const bars: Element[] = [];
  $('ul, ol, div, nav, tr').each((_, el) => {
    const kids = el.children.filter((c) => isTag(c) || collapse((c as unknown as { data?: string }).data ?? ''));
    // Short captions only, most of them labels (a 基本信息 tab may sit among them).
    if (kids.length < 2 || !kids.every((k) => isTag(k) && isCaption(collapse($(k).text())))) return;
    const labelled = kids.filter((k) => labelOf($(k).text()) !== null).length;
    // A table row is a header row only when every cell is a label (else it holds label/value pairs).
    if (labelled < 2 || labelled * 2 < kids.length || (el.name === 'tr' && labelled < kids.length)) return;
    // Label, value, label, value … is a list of pairs (a flex grid, p.label/p.value), not a bar.
    const isLabel = kids.map((k) => labelOf($(k).text()) !== null);
    if (labelled < kids.length && isLabel.every((l, i) => l === (i % 2 === 0))) return;
    if (bars.some((b) => inside(el, b))) return;
    bars.push(el);
  });
  return bars;
}

/** The pane a tab controls: by href/data-target/aria-controls id, else the sibling container's child at the tab's position. */
function paneOf($: cheerio.CheerioAPI, bar: Element, tab: Element, index: number): Element | null {
  const $tab = $(tab);
  const ref = [$tab, $tab.find('a, button, span').first()].flatMap((t) => [t.attr('aria-controls'), t.attr('data-target'), t.attr('data-tab'), t.attr('href')]).find((v) => v && v.replace(/^#/, ''));
  if (ref) {
    const id = ref.replace(/^#/, '');
    const byId = $(`[id="${id.replace(/"/g, '')}"]`).get(0);
    if (byId && !inside(byId, bar)) return byId;
  }
  const count = bar.children.filter(isTag).length;
  for (let host: Element | null = bar; host && host.type === 'tag'; host = host.parent as Element | null) {
    for (let s = host.next; s; s = s.next) {
      if (!isTag(s)) continue;
      const panes = s.children.filter(isTag);
      if (panes.length === count) return panes[index];
    }
    if (host.parent && isTag(host.parent) && host.parent.children.filter(isTag).length > 1) break;
  }
  return null;
}

const text$ = ($: cheerio.CheerioAPI, n: AnyNode) => collapse($(n).text());
/** A value's text with its blocks and line breaks kept apart (two phone numbers in two divs stay two). */
const valueText = (n: AnyNode) => linesOf(n).map((l) => l.text).join(' ');
/** A slot with no text but a picture (a flow chart as an image) holds something we cannot read: not empty. */
const pictureOnly = ($: cheerio.CheerioAPI, nodes: AnyNode[]) => nodes.some((n) => $(n).is('img, svg, canvas, object, embed, iframe') || $(n).find('img, svg, canvas, object, embed, iframe').length > 0);
const isLink = (e: Element) => e.name === 'a' || e.name === 'button' || (e.parent && isTag(e.parent) && (e.parent.name === 'a' || e.parent.name === 'button'));
const DECORATION = new Set(['br', 'script', 'style', 'img', 'input', 'hr', 'svg', 'i', 'em', 'span', 'b', 'strong', 'a', 'font', 'small', 'label', 'u', 's', 'sup', 'sub', 'button']);
/** The elements after a node; an empty inline element (an icon, an arrow) is decoration, an empty cell is a slot. */
const elementsAfter = ($: cheerio.CheerioAPI, n: AnyNode): Element[] => {
  const out: Element[] = [];
  for (let s = n.next; s; s = s.next) if (isTag(s) && !(DECORATION.has(s.name) && !text$($, s)) && !['script', 'style', 'br', 'hr', 'img', 'input'].includes(s.name)) out.push(s);
  return out;
};
const textAfter = ($: cheerio.CheerioAPI, n: AnyNode): string => {
  let t = '';
  for (let s = n.next; s; s = s.next) t += $(s).text();
  return collapse(t).replace(/^[:：]\s*/, '');
};

/**
 * The value of a label printed as an element of its own (a cell, dt, heading, span, tab-less box):
 * the text after it in its parent, else its next siblings up to the next label — climbing out of
 * wrappers that hold nothing but the label (an accordion title, a headed row, a section header).
 * Null when no slot for a value is found: a list of labels (table headers, a menu) says nothing.
 */
function valueBeside($: cheerio.CheerioAPI, label: Element): string | null {
  const own = text$($, label);
  let node: Element = label;
  for (let up = 0; up < 5; up++) {
    const after = textAfter($, node);
    const next = elementsAfter($, node);
    if (after && !next.length) return after;
    if (next.length) {
      // A label of the same shape next to it: a row of headers or a menu, no value here.
      const ends = (e: Element) => (labelOf(text$($, e)) !== null && e.name === node.name) || inlineLabel(text$($, e)) !== null;
      if (ends(next[0])) return null;
      let v = '';
      const slot: Element[] = [];
      for (const e of next) {
        if (ends(e)) break;
        slot.push(e);
        const t = valueText(e);
        v += (v && t ? ' ' : '') + t;
        if (v.length > MAX_VALUE) break;
      }
      return v || !pictureOnly($, slot) ? v : null;
    }
    const parent = node.parent;
    if (!parent || !isTag(parent) || ['body', 'html', 'main', 'form'].includes(parent.name) || text$($, parent) !== own) return after || null;
    node = parent;
  }
  return null;
}

// `label：` inside a line, after its start or a gap: 法定办结时限：20个工作日  承诺办结时限：15个工作日
const INLINE = new RegExp(`(?:^|[\\s，。；;、|]|(?<=[)）]))(?:[一二三四五六七八九十]+[、.．]|\\d+[、.．])?(${ALL_LABELS.join('|')})(?:[（(][^）)]{0,12}[)）])?\\s*[:：]`, 'g');

/** The `label：value` segments of one line (a line may hold several). */
function inlineSegments(line: string): { id: FieldId; value: string }[] {
  const hits: { id: FieldId; start: number; end: number }[] = [];
  INLINE.lastIndex = 0;
  for (let m = INLINE.exec(line); m; m = INLINE.exec(line)) {
    const id = labelOf(m[1]);
    if (id) hits.push({ id, start: m.index + m[0].indexOf(m[1]), end: m.index + m[0].length });
  }
  return hits.map((h, i) => ({ id: h.id, value: line.slice(h.end, hits[i + 1]?.start ?? line.length).trim() }));
}

const VISITS_TEXT = /(?:到|去)(?:办事)?现场(?:次数)?[^，。；;]{0,6}?(?:\d+|零|一|两)\s*[次趟]|最多跑(?:\d+|零|一|两)[次趟]|零跑动|跑零次/;

export function readGuide(html: string, pageUrl: string): GuideReading {
  const $ = cheerio.load(html);
  const links: GuideReading['links'] = [];
  $('a[href]').each((_, a) => {
    if ($(a).closest('header, nav, footer').length) return;
    const url = normalizeUrl($(a).attr('href') ?? '', pageUrl);
    const text = collapse($(a).text()) || collapse($(a).attr('title') ?? '');
    if (url) links.push({ url, text });
    else if (/^javascript:/i.test($(a).attr('href') ?? '')) links.push({ url: 'javascript:', text });
  });
  $(CHROME).remove();
  $('[class], [id]').filter((_, e) => isChromeByName(e)).remove();
  const fields: GuideReading['fields'] = {};
  const rank = (v: string | null | undefined) => (v === undefined ? -1 : v === null ? 0 : isBlank(v) ? 1 : 2);
  // A value beats a blank, a blank (a slot seen empty) beats a label with no slot found; else the first stays.
  const put = (id: FieldId, value: string | null) => {
    if (id === 'other' || rank(value) <= rank(fields[id])) return;
    fields[id] = value === null ? null : value.slice(0, MAX_VALUE);
  };
  for (const bar of tabBars($)) {
    const tabs = bar.children.filter(isTag);
    const panes = tabs.map((t, i) => paneOf($, bar, t, i));
    const labelled = tabs.map((t, i) => [labelOf($(t).text()), panes[i]] as const);
    for (const [id, pane] of labelled) if (id) put(id, pane && (text$($, pane) || !pictureOnly($, [pane])) ? valueText(pane) : null);
    // Other tabs' panes (基本信息) are read as the rest of the page.
    for (const [id, pane] of labelled) if (id && id !== 'other' && pane) $(pane).remove();
    $(bar).remove();
  }
  const body = $('body').get(0) ?? $.root().get(0)!;
  // Labels printed as elements of their own (innermost element whose whole text is the label).
  // Found from the text nodes (linear), so a long page is not walked once per element.
  const seen = new Set<Element>();
  for (const { node, text } of textNodes(body)) {
    const el = node.parent as Element | null;
    if (!el || !isTag(el) || seen.has(el) || text.length > 40 || el.children.length > 6 || isLink(el)) continue;
    seen.add(el);
    const id = labelOf(text$($, el));
    if (id) put(id, valueBeside($, el));
  }
  // Labels inside running text: `label：value` (several to a line), and bare labels on lines of their own between <br>s.
  const lines = linesOf(body);
  for (let i = 0; i < lines.length; i++) {
    const segments = inlineSegments(lines[i].text);
    const whole = segments.length ? null : labelOf(lines[i].text);
    // Read above as an element (a label cell, even one split by <br>), or a button.
    if (whole && (lines[i].link || (lines[i].block && labelOf(text$($, lines[i].block!))))) continue;
    const open = whole ?? (segments.length && !segments[segments.length - 1].value ? segments[segments.length - 1].id : null);
    for (const seg of segments) if (seg.value) put(seg.id, seg.value);
    if (!open) continue;
    let value = '';
    const group = groupOf(lines[i].block);
    for (let j = i + 1; j < lines.length && value.length < MAX_VALUE; j++) {
      // The next label of the same shape ends the value (a step named 提交材料 inside a procedure does not).
      const next = lines[j];
      const sameShape = group?.name === 'tr' || next.block?.name === lines[i].block?.name || inlineSegments(next.text).length > 0;
      if ((labelLine(next) && sameShape) || !group || !next.block || !inside(next.block, group)) break;
      value += (value ? ' ' : '') + next.text;
    }
    put(open, value);
  }
  const text = collapse($(body).text());
  // 到现场次数 is often only a sentence: 最多跑一次, 去现场次数最多跑1趟.
  if (fields.visits === undefined) {
    const m = VISITS_TEXT.exec(text);
    if (m) put('visits', m[0]);
  }
  return { fields, links, text };
}

const isBlank = (v: string) => !v.trim() || EMPTY_VALUE.test(v.trim());

/** What the guide says for one element: present, empty (无, —, 详见附件 with no attachment), missing or unread. */
export function elementStatus(g: GuideReading, id: ElementId): ElementStatus {
  const v = g.fields[id];
  if (v === undefined) return 'missing';
  if (v === null) return 'unread';
  const t = v.trim().replace(/[。.]$/, '');
  const el = GUIDE_ELEMENTS.find((e) => e.id === id)!;
  if (el.answers?.test(t)) return 'present';
  if (isBlank(t)) return 'empty';
  if (SEE_ATTACHMENT.test(t) && !g.links.some((l) => looksLikeResource(l.url))) return 'empty';
  return 'present';
}

const GUIDE_TITLE = /办事指南|服务指南|事项指南|办理指南|申办指南|办事须知/;
// A notice or policy that explains how to apply (一、申请条件 二、申请材料 …) is a document, not a service guide.
const DOCUMENT_TITLE = /通知|公告|公示|通告|方案|办法|细则|解读|意见|决定|规定|简报|新闻|动态|答记者问/;

/** Distinct elements the page prints: enough of them (and of the ones only a guide has) makes it a guide. */
export function looksLikeGuide(g: GuideReading, heading: string): boolean {
  const ids = GUIDE_ELEMENTS.filter((e) => g.fields[e.id] !== undefined).map((e) => e.id);
  const distinctive = ids.filter((id) => !['contact', 'place', 'hours', 'online', 'complaint'].includes(id));
  const named = ids.includes('name') || ids.includes('basis');
  if (GUIDE_TITLE.test(heading) && !/信息公开指南/.test(heading)) return ids.length >= 2 && distinctive.length >= 1;
  if (DOCUMENT_TITLE.test(heading)) return ids.includes('name') && ids.includes('basis') && ids.length >= 6;
  return ids.length >= 4 && distinctive.length >= 3 && (named || ids.length >= 6);
}
