// Service guides (办事指南) read from a page: which elements it prints and what they say, in
// whatever shape the CMS uses — label/value table rows (th or td labels, several pairs a row),
// dl lists, label spans, headed sections, `label：value` lines and tabs (a bar of labels whose
// panes are found by id or by position).
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { collapse, inside, isTag, textNodes } from '../crawl/dom-text.js';
import { looksLikeResource, normalizeUrl } from '../crawl/url.js';
import { EMPTY_VALUE, GUIDE_ELEMENTS, SEE_ATTACHMENT, elementById, inlineLabel, labelIds, labelOf, type ElementId, type FieldId } from './guide-elements.js';
export type ElementStatus = 'present' | 'empty' | 'missing' | 'unread';

export interface GuideReading {
  /** Values by element as printed (null: a tab whose pane could not be found). */
  fields: Partial<Record<Exclude<FieldId, 'other'>, string | null>>;
  /** Links in the guide's content. */
  links: { url: string; text: string }[];
  /** The content's text (header, navigation and footer left out), for wording checks. */
  text: string;
  /** Most values one element is given: a guide repeats a few (a summary box, a print version); a catalogue gives one per item. */
  repeats: number;
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figure', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'thead', 'tfoot', 'td', 'th', 'tr', 'ul', 'caption', 'center',
]);
const CHROME = 'script, style, noscript, template, header, nav, footer, aside';
// A footer by its class or id (foot, footer, g-footer, bottom, copyright) — not a utility class such as van-hairline--top-bottom.
const CHROME_NAME = /^(?!btn|button)(?:[a-z]{1,4}[-_])?(?:foot|footer|bottom|copyright|copy|side|sidebar)(?:[-_]?(?:wrap|box|bar|nav|info|link|links|con|main|inner|\d))?$/i;
const isChromeByName = (e: Element) => [...(e.attribs.class ?? '').split(/\s+/), e.attribs.id ?? ''].some((n) => n && CHROME_NAME.test(n));
const MAX_VALUE = 4000;
const MAX_LABELS = 300;

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
  let started = false;
  const flush = () => {
    const text = collapse(buf);
    if (text) lines.push({ text, block, link });
    buf = '';
    started = false;
  };
  const walk = (n: AnyNode, within: Element | null, inLink: boolean) => {
    if (n.type === 'text') {
      const data = (n as unknown as { data: string }).data;
      // The line's block is where its first visible text sits.
      if (!started && data.trim()) [block, link, started] = [within, inLink, true];
      buf += data;
      return;
    }
    if (!isTag(n) && n.type !== 'root') return;
    const el = n as Element;
    if (isTag(el) && el.name === 'br') return flush();
    const isBlock = isTag(el) && BLOCK.has(el.name);
    if (isBlock) flush();
    const linky = inLink || (isTag(el) && (el.name === 'a' || el.name === 'button'));
    // Inline elements are kept apart too: <b>收费标准：</b>不收费<b>收费依据：</b> are two fields.
    if (!isBlock && buf) buf += ' ';
    for (const c of el.children) walk(c, isBlock ? el : within, linky);
    if (isBlock) flush();
    else if (buf) buf += ' ';
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

/** The text of a node when it is at most `max` characters (else null), without reading the rest of a big subtree. */
function shortText(n: AnyNode, max: number): string | null {
  let out = '';
  const walk = (x: AnyNode): boolean => {
    if (x.type === 'text') {
      out += (x as unknown as { data: string }).data;
      return collapse(out).length <= max;
    }
    if (!isTag(x) || ['script', 'style'].includes(x.name)) return true;
    for (const c of x.children) if (!walk(c)) return false;
    return true;
  };
  return walk(n) ? collapse(out) : null;
}

const MAX_BARS = 40;

/** A bar of tabs: an element whose children are short captions, most of them labels. */
function tabBars($: cheerio.CheerioAPI): Element[] {
  const bars: Element[] = [];
  $('ul, ol, div, nav, tr').each((_, el) => {
    if (bars.length >= MAX_BARS) return false;
    const kids = el.children.filter((c) => isTag(c) || collapse((c as unknown as { data?: string }).data ?? ''));
    if (kids.length < 2 || kids.length > 24) return;
    // Short captions only, most of them labels (a 基本信息 tab may sit among them).
    const texts = kids.map((k) => (isTag(k) ? shortText(k, 10) : null));
    if (!texts.every((t) => t !== null && isCaption(t))) return;
    const isLabel = texts.map((t) => labelOf(t!) !== null);
    const labelled = isLabel.filter(Boolean).length;
    if (labelled < 2 || labelled * 2 < kids.length) return;
    // Label, value, label, value … is a list of pairs (a flex grid, p.label/p.value), not a bar.
    if (labelled < kids.length && isLabel.every((l, i) => l === (i % 2 === 0))) return;
    if (el.name === 'tr' && !headerRow($, el as Element, kids as Element[], labelled)) return;
    if (bars.some((b) => inside(el, b))) return;
    bars.push(el);
  });
  return bars;
}

/**
 * A table row of column headers whose values are the one row below it. A row with label/value
 * cells (办理方式 | 网上办理) is not; nor is the header of a list table (a 权责清单, an item list),
 * whose rows are many items, not one guide.
 */
function headerRow($: cheerio.CheerioAPI, tr: Element, cells: Element[], labelled: number): boolean {
  if (labelled < cells.length || !cells.every((c) => c.name === cells[0].name)) return false;
  const rows: Element[] = [];
  for (let s = tr.next; s && rows.length < 3; s = s.next) if (isTag(s) && s.name === 'tr') rows.push(s);
  const values = rows[0]?.children.filter(isTag) ?? [];
  if (values.length !== cells.length || values.some((v) => labelOf(shortText(v, 16) ?? '') !== null)) return false;
  return !(rows[1] && rows[1].children.filter(isTag).length === cells.length);
}

/** The pane a tab controls: by href/data-target/aria-controls id, else the sibling container's child at the tab's position. */
function paneOf($: cheerio.CheerioAPI, ids: Map<string, Element>, bar: Element, tab: Element, index: number): Element | null {
  const $tab = $(tab);
  const ref = [$tab, $tab.find('a, button, span').first()].flatMap((t) => [t.attr('aria-controls'), t.attr('data-target'), t.attr('data-tab'), t.attr('href')]).find((v) => v && v.replace(/^#/, ''));
  if (ref) {
    const id = ref.replace(/^#/, '');
    const byId = ids.get(id);
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
// A value is looked for among the next few siblings only: a guide's value sits right beside its label.
const NEAR = 30;
const elementsAfter = ($: cheerio.CheerioAPI, n: AnyNode): Element[] => {
  const out: Element[] = [];
  let seen = 0;
  for (let s = n.next; s && seen < NEAR; s = s.next, seen++)
    if (isTag(s) && !(DECORATION.has(s.name) && shortText(s, 0) === '') && !['script', 'style', 'br', 'hr', 'img', 'input'].includes(s.name)) out.push(s);
  return out;
};
/** Text nodes and inline elements after a label in its parent, up to the next label. */
const textAfter = ($: cheerio.CheerioAPI, n: AnyNode): string => {
  let t = '';
  let seen = 0;
  for (let s = n.next; s && seen < NEAR && t.length < MAX_VALUE; s = s.next, seen++) {
    const own = isTag(s) ? shortText(s, 40) : null;
    if (own !== null && (labelOf(own) || inlineLabel(own))) break;
    t += ` ${$(s).text()}`;
  }
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
      const ends = (e: Element) => {
        const t = shortText(e, 40);
        return t !== null && ((labelOf(t) !== null && e.name === node.name) || inlineLabel(t) !== null);
      };
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

/**
 * The `label：value` segments of one line (a line may hold several: 法定办结时限：20个工作日 承诺办结时限：15个工作日).
 * Found from the colons, looking back a few characters for a label that starts the line or follows
 * a gap — linear in the line, however long.
 */
function inlineSegments(line: string): { label: string; value: string }[] {
  const hits: { label: string; start: number; end: number }[] = [];
  for (let colon = 1; colon < line.length; colon++) {
    const ch = line.charCodeAt(colon);
    if (ch !== 0xff1a && ch !== 0x3a) continue; // ： or :
    const floor = hits.length ? hits[hits.length - 1].end : 0;
    for (let len = Math.min(24, colon - floor); len >= 2; len--) {
      const start = colon - len;
      if (start > 0 && !/[\s，。；;、|)）]/.test(line[start - 1])) continue;
      const label = line.slice(start, colon);
      if (labelOf(label)) {
        hits.push({ label, start, end: colon + 1 });
        break;
      }
    }
  }
  return hits.map((h, i) => ({ label: h.label, value: line.slice(h.end, hits[i + 1]?.start ?? line.length).trim() }));
}

const VISITS_TEXT = /(?:到|去)(?:办事)?现场(?:次数)?[^，。；;]{0,6}?(?:\d+|零|一|两)\s*[次趟]|最多跑(?:\d+|零|一|两)[次趟]|零跑动|跑零次/;

export function readGuide(html: string, pageUrl: string): GuideReading {
  const $ = cheerio.load(html);
  $(CHROME).remove();
  $('[class], [id]').filter((_, e) => isChromeByName(e)).remove();
  // The guide's own links: a footer's 网上办事大厅 or a sidebar's dead 在线申报 is not this item's entry.
  const links: GuideReading['links'] = [];
  $('a[href], button').each((_, a) => {
    const href = $(a).attr('href') ?? '';
    const text = collapse($(a).text()) || collapse($(a).attr('title') ?? '');
    const url = a.name === 'a' && !/^javascript:/i.test(href) ? normalizeUrl(href, pageUrl) : null;
    // A button or javascript: link opens the service by script: an entry we cannot follow.
    if (url) links.push({ url, text });
    else if (a.name === 'button' || /^javascript:|^#?$/i.test(href.trim())) links.push({ url: 'script:', text });
  });
  const fields: GuideReading['fields'] = {};
  const counts: Partial<Record<FieldId, number>> = {};
  const rank = (v: string | null | undefined) => (v === undefined ? -1 : v === null ? 0 : isBlank(v) ? 1 : 2);
  // A value beats a blank, a blank (a slot seen empty) beats a label with no slot found; else the first stays.
  const put = (label: string, value: string | null) => {
    for (const id of labelIds(label)) {
      if (rank(value) === 2) counts[id] = (counts[id] ?? 0) + 1;
      if (id === 'other' || rank(value) <= rank(fields[id])) continue;
      fields[id] = value === null ? null : value.slice(0, MAX_VALUE);
    }
  };
  const ids = new Map<string, Element>();
  $('[id]').each((_, e) => void (ids.has(e.attribs.id) || ids.set(e.attribs.id, e)));
  for (const bar of tabBars($)) {
    const tabs = bar.children.filter(isTag);
    const panes = tabs.map((t, i) => paneOf($, ids, bar, t, i));
    const labelled = tabs.map((t, i) => [labelOf($(t).text()), panes[i], $(t).text()] as const);
    for (const [id, pane, label] of labelled) if (id) put(label, pane && (text$($, pane) || !pictureOnly($, [pane])) ? valueText(pane) : null);
    // Other tabs' panes (基本信息) are read as the rest of the page.
    for (const [id, pane] of labelled) if (id && id !== 'other' && pane) $(pane).remove();
    $(bar).remove();
  }
  const body = $('body').get(0) ?? $.root().get(0)!;
  // Labels printed as elements of their own (innermost element whose whole text is the label).
  // Found from the text nodes (linear), so a long page is not walked once per element.
  const seen = new Set<Element>();
  let labels = 0;
  for (const { node, text } of textNodes(body)) {
    const el = node.parent as Element | null;
    if (!el || !isTag(el) || seen.has(el) || text.length > 40 || el.children.length > 6 || isLink(el)) continue;
    seen.add(el);
    const label = text$($, el);
    if (!labelOf(label)) continue;
    // A guide prints a few dozen labels; hundreds make a list of items or a catalogue, not one guide.
    if (++labels > MAX_LABELS) break;
    put(label, valueBeside($, el));
  }
  // Labels inside running text: `label：value` (several to a line), and bare labels on lines of their own between <br>s.
  const lines = linesOf(body);
  for (let i = 0; i < lines.length; i++) {
    if (labels > MAX_LABELS) break;
    const segments = inlineSegments(lines[i].text);
    const whole = segments.length ? null : labelOf(lines[i].text);
    // Read above as an element (a label cell, even one split by <br>), or a button.
    if (whole && (lines[i].link || (lines[i].block && labelOf(shortText(lines[i].block!, 40) ?? '')))) continue;
    const last = segments[segments.length - 1];
    const open = whole ? lines[i].text : last && !last.value ? last.label : null;
    for (const seg of segments) if (seg.value) put(seg.label, seg.value);
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
    if (m) put('到现场次数', m[0]);
  }
  const repeats = Math.max(0, ...GUIDE_ELEMENTS.map((e) => counts[e.id] ?? 0));
  return { fields, links, text, repeats: labels > MAX_LABELS ? Infinity : repeats };
}

// Download handlers without an extension in the path: downfile.jsp?filename=x.doc, /attach/123, fileId=…
const ATTACHMENT_LINK = /download|downfile|downloadfile|attach|filename=|fileid=|\.(docx?|xlsx?|pdf|wps|ofd|zip|rar)(?:[?#&]|$)/i;
const FILE_NAME = /\.(docx?|xlsx?|pdf|wps|ofd|zip|rar)$|附件|下载/i;

const isBlank = (v: string) => !v.trim() || EMPTY_VALUE.test(v.trim());

/** What the guide says for one element: present, empty (无, —, 详见附件 with no attachment), missing or unread. */
export function elementStatus(g: GuideReading, id: ElementId): ElementStatus {
  const v = g.fields[id];
  if (v === undefined) return 'missing';
  if (v === null) return 'unread';
  const t = v.trim().replace(/[。.]$/, '');
  const el = elementById(id);
  if (el.answers?.test(t)) return 'present';
  if (isBlank(t)) return 'empty';
  if (SEE_ATTACHMENT.test(t) && !g.links.some((l) => looksLikeResource(l.url) || ATTACHMENT_LINK.test(l.url) || FILE_NAME.test(l.text))) return 'empty';
  return 'present';
}

const GUIDE_TITLE = /办事指南|服务指南|事项指南|办理指南|申办指南|办事须知/;
// A notice or policy that explains how to apply (一、申请条件 二、申请材料 …) is a document, not a service guide.
const DOCUMENT_TITLE = /通知|公告|公示|通告|方案|办法|细则|解读|意见|决定|规定|简报|新闻|动态|答记者问/;

/** Distinct elements the page prints: enough of them (and of the ones only a guide has) makes it a guide. */
export function looksLikeGuide(g: GuideReading, heading: string): boolean {
  // Elements whose value slot was seen (a label with no value found, a table header, says nothing).
  const ids = GUIDE_ELEMENTS.filter((e) => g.fields[e.id] !== undefined && g.fields[e.id] !== null).map((e) => e.id);
  const distinctive = ids.filter((id) => !['contact', 'place', 'hours', 'online', 'complaint'].includes(id));
  const named = ids.includes('name') || ids.includes('basis');
  // A catalogue of items or a 清单 prints the same labels item after item; an FOI guide is about disclosure requests.
  if (g.repeats >= 6 || /信息公开指南|公开指南|依申请公开/.test(heading)) return false;
  if (GUIDE_TITLE.test(heading)) return ids.length >= 2 && distinctive.length >= 1;
  if (DOCUMENT_TITLE.test(heading)) return ids.includes('name') && ids.includes('basis') && ids.length >= 6;
  // Without a guide heading: named (事项名称 or 设定依据) and most of a guide — a news item or a letter
  // that explains conditions and materials is not one.
  return ids.length >= 5 && distinctive.length >= 3 && named;
}
