// Service guides (办事指南) read from a page: which elements it prints and what they say, in
// whatever shape the CMS uses — label/value table rows (th or td labels, several pairs a row),
// dl lists, label spans, headed sections, `label：value` lines and tabs (a bar of labels whose
// panes are found by id or by position).
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { collapse, inside, isTag } from '../crawl/dom-text.js';
import { looksLikeResource, normalizeUrl } from '../crawl/url.js';
import { EMPTY_VALUE, GUIDE_ELEMENTS, SEE_ATTACHMENT, inlineLabel, labelOf, type ElementId } from './guide-elements.js';

type FieldId = ElementId | 'department' | 'feeBasis';
export type ElementStatus = 'present' | 'empty' | 'missing' | 'unread';

export interface GuideReading {
  /** Values by element as printed (null: a tab whose pane could not be found). */
  fields: Partial<Record<FieldId, string | null>>;
  /** Links in the guide's content. */
  links: { url: string; text: string }[];
  /** The content's text (header, navigation and footer left out), for wording checks. */
  text: string;
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figure', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'thead', 'tfoot', 'td', 'th', 'tr', 'ul', 'caption', 'center',
]);
const CHROME = 'script, style, noscript, template, header, nav, footer, [class*=footer], [id*=footer], [class*=copyright], [id*=copyright]';
const MAX_VALUE = 4000;

interface Line {
  text: string;
  block: Element | null;
}

/** Text split at block boundaries and `<br>`, each line with the block it sits in. */
function linesOf(root: AnyNode): Line[] {
  const lines: Line[] = [];
  let buf = '';
  let block: Element | null = null;
  const flush = () => {
    const text = collapse(buf);
    if (text) lines.push({ text, block });
    buf = '';
  };
  const walk = (n: AnyNode, within: Element | null) => {
    if (n.type === 'text') {
      if (!buf) block = within;
      buf += (n as unknown as { data: string }).data;
      return;
    }
    if (!isTag(n) && n.type !== 'root') return;
    const el = n as Element;
    if (isTag(el) && el.name === 'br') return flush();
    const isBlock = isTag(el) && BLOCK.has(el.name);
    if (isBlock) flush();
    for (const c of el.children) walk(c, isBlock ? el : within);
    if (isBlock) flush();
  };
  walk(root, null);
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

export function readGuide(html: string, pageUrl: string): GuideReading {
  const $ = cheerio.load(html);
  $(CHROME).remove();
  const fields: GuideReading['fields'] = {};
  const put = (id: FieldId, value: string | null) => {
    const had = fields[id];
    // The first answer wins; a later one replaces only a blank.
    if (had === undefined || ((had === null || isBlank(had)) && value && !isBlank(value))) fields[id] = value === null ? null : value.slice(0, MAX_VALUE);
  };
  for (const bar of tabBars($)) {
    const tabs = bar.children.filter(isTag);
    const panes = tabs.map((t, i) => paneOf($, bar, t, i));
    const labelled = tabs.map((t, i) => [labelOf($(t).text()), panes[i]] as const);
    for (const [id, pane] of labelled) if (id) put(id, pane ? collapse($(pane).text()) : null);
    // Other tabs' panes (基本信息) are read as the rest of the page.
    for (const [id, pane] of labelled) if (id && pane) $(pane).remove();
    $(bar).remove();
  }
  const body = $('body').get(0) ?? $.root().get(0)!;
  const links: GuideReading['links'] = [];
  $('a[href]').each((_, a) => {
    const url = normalizeUrl($(a).attr('href') ?? '', pageUrl);
    const text = collapse($(a).text()) || collapse($(a).attr('title') ?? '');
    if (url) links.push({ url, text });
    else if (/^javascript:/i.test($(a).attr('href') ?? '')) links.push({ url: 'javascript:', text });
  });
  const lines = linesOf(body);
  for (let i = 0; i < lines.length; i++) {
    const whole = labelOf(lines[i].text);
    const inline = whole ? null : inlineLabel(lines[i].text);
    const id = whole ?? inline?.id;
    if (!id) continue;
    let value = inline?.value ?? '';
    if (!value) {
      const group = groupOf(lines[i].block);
      for (let j = i + 1; j < lines.length && value.length < MAX_VALUE; j++) {
        // The next label of the same shape ends the value (a step named 提交材料 inside a procedure does not).
        const next = lines[j];
        const sameShape = group?.name === 'tr' || next.block?.name === lines[i].block?.name || inlineLabel(next.text) !== null;
        if ((labelLine(next) && sameShape) || !group || !next.block || !inside(next.block, group)) break;
        value += (value ? ' ' : '') + lines[j].text;
      }
    }
    put(id, value);
  }
  return { fields, links, text: collapse($(body).text()) };
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

/** Distinct elements the page prints: enough of them (and of the ones only a guide has) makes it a guide. */
export function looksLikeGuide(g: GuideReading, heading: string): boolean {
  const ids = GUIDE_ELEMENTS.filter((e) => g.fields[e.id] !== undefined).map((e) => e.id);
  const distinctive = ids.filter((id) => !['contact', 'place', 'hours', 'online', 'complaint'].includes(id));
  if (/办事指南|服务指南|事项指南|办理指南|申办指南/.test(heading) && !/信息公开指南/.test(heading)) return ids.length >= 2 && distinctive.length >= 1;
  return ids.length >= 4 && distinctive.length >= 3;
}
