// Items of the lists on a page (column pages, home-page blocks, court tables): each record of a
// repeated structure with its title link and the date printed for it.
//
// A record is the innermost element around a link that repeats among its siblings (same tag, same
// class) with a link in each: `<li>`, `<tr>`, `<article>`, `<div class="views-row">`, or the link
// itself in a flat run of links. Cells are never records: a row's title and date sit in different
// `<td>`s. The record's date is, in order: a machine-readable `datetime`/`content` attribute, a
// date standing alone in a short text (the nearest to the title link), any other date in the record,
// a date at the start or end of the link text; failing that, the date printed between records
// (`<dt>` title / `<dd>` date, `<h3>` title / `<p>Filed …</p>`).
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { ListItem } from '../model/types.js';
import { isFuture, parseDates, type ParsedDate } from './dates.js';
import { collapse, inside, isTag, textNodes } from './dom-text.js';

const PAGINATION = /^(\d+|首页|尾页|末页|上一页|下一页|上页|下页|前一页|后一页|更多|更多>>|more|next|prev(ious)?|first|last|»|«|>|<|>>|<<)$/i;
/** Links that act on the item rather than name it ("View opinion No. 16-0775", "Download", "查看详情"). */
const ACTION = /^(view|download)\b|^(read more|more|details?|full text|pdf|print|share|查看|下载|详情|详细|阅读全文|全文|查看详情)$/i;
/** "更多", "more »": links to the rest of a list. */
const MORE = /更多|(^|[^a-z])more\s*(»|>>|\.\.\.)?$/i;
const MIN_ITEMS_PER_LIST = 3;
/** Elements whose tag alone says "one of many"; other tags must also share the class. */
const LIST_TAGS = new Set(['li', 'tr', 'dt', 'dd', 'p', 'a', 'article', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Class tokens that mark a record's state or position, not its kind. */
const STATE_CLASS = /^(odd|even|first|last|active|current|cur|on|selected|alt|top|hot|new)$|[-_](odd|even|first|last)$|\d/i;
/** A list of one record (no repeated siblings) is one of these list elements, and dated.
 *  Not <article>: a lone one is the page's own text, not a list. */
const SINGLE = new Set(['li', 'tr', 'dd', 'dt']);
/** Date text plus at most this much else (a label, brackets) still counts as a date standing alone. */
const LABEL_SLACK = 20;
const GAP_CHARS = 200;
/** Longer texts are prose (a summary, an intro): the dates in them are events, not the item's date. */
const SHORT_TEXT = 120;

interface Link {
  el: Element;
  text: string;
  url: string;
  /** A short text (a case number, "Doe v. Coe", "Word"): listed only when dated. */
  weak: boolean;
}

interface Ctx {
  $: CheerioAPI;
  asOf: string;
  futureDates: string[];
  /** Every record: a record's date is never read from a record nested in it. */
  records: Set<Element>;
  /** Elements with a machine-readable date, by the innermost record holding them. */
  machine: Map<Element, Element[]>;
}

export interface Lists {
  items: ListItem[];
  /** The elements of the listed records: their dates are the items', not the page's. */
  records: Set<Element>;
}

export function listItems($: CheerioAPI, pageUrl: string, asOf: string, isChrome: (el: Element) => boolean, futureDates: string[]): Lists {
  const links = itemLinks($, pageUrl, isChrome);
  const holders = new Set<AnyNode>();
  for (const l of links) for (let n: AnyNode | null = l.el; n; n = n.parent) holders.add(n);
  const repeated = repetition(holders, new Set(links.filter((l) => !l.weak).map((l) => l.el)));

  // Each link belongs to its innermost record; a record shows its best-named link.
  const records = new Map<Element, Link[]>();
  for (const l of links) {
    const r = recordOf(l.el, repeated);
    if (!r) continue;
    if (!records.has(r)) records.set(r, []);
    records.get(r)!.push(l);
  }
  const groups = new Map<AnyNode, { record: Element; link: Link }[]>();
  for (const [record, ls] of records) {
    const key = record.parent ?? record;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push({ record, link: primary(ls) });
  }

  const ctx: Ctx = { $, asOf, futureDates, records: new Set(records.keys()), machine: machineDates($, records) };
  const items: ListItem[] = [];
  const listed = new Set<Element>();
  let block = 0;
  for (const [parent, group] of groups) {
    const all = datesOf(ctx, parent, group);
    const dated = all.filter((d) => d.date || !d.link.weak);
    // Short lists count when every entry is dated: the last page of a column may hold one item,
    // but a lone block that is not a list element is a page section, not a list.
    if (!dated.length || (dated.length < MIN_ITEMS_PER_LIST && !all.every((d) => d.date))) continue;
    if (all.length === 1 && !SINGLE.has(all[0].record.name)) continue;
    for (const { record, link, date } of dated) {
      listed.add(record);
      items.push({
        url: link.url,
        text: link.text.slice(0, 200),
        date: date?.date ?? null,
        ...(date ? { dateText: date.text } : {}),
        ...(date?.yearInferred ? { yearInferred: true } : {}),
        block,
      });
    }
    block++;
  }
  return { items, records: listed };
}

/** Links that could name an item: outside the chrome, to another page, with a title or an identifier as text. */
function itemLinks($: CheerioAPI, pageUrl: string, isChrome: (el: Element) => boolean): Link[] {
  const out: Link[] = [];
  $('a[href]').each((_, a) => {
    const href = a.attribs.href.trim();
    if (!href || href.startsWith('#') || isChrome(a)) return;
    const text = collapse($(a).text() || a.attribs.title || '');
    // Short texts (case numbers `15-1202`, `Doe v. Coe`) may still name an item: kept when dated.
    if (text.length < 3 || !/[\p{L}\p{N}]/u.test(text) || PAGINATION.test(text) || ACTION.test(text) || MORE.test(text)) return;
    const strong = isTitle(text);
    let url: string;
    try {
      url = new URL(href, pageUrl).toString().replace(/#.*$/, '');
    } catch {
      return;
    }
    if (/^https?:/.test(url)) out.push({ el: a, text, url, weak: !strong });
  });
  return out;
}

/** A link text that reads like an item title rather than a menu entry. */
function isTitle(text: string): boolean {
  const cjk = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  return cjk >= 4 || text.length >= 12;
}

function signature(e: Element): string {
  if (LIST_TAGS.has(e.name)) return e.name;
  const cls = (e.attribs.class ?? '').split(/\s+/).filter((t) => t && !STATE_CLASS.test(t));
  return `${e.name}.${cls.sort().join('.')}`;
}

/**
 * Whether an element is one of several like siblings that each hold an item link. Bare links are
 * records only in a run of three titles: "Title [Word] [OFD]" is one record with its attachments.
 */
function repetition(holders: Set<AnyNode>, titles: Set<AnyNode>): (e: Element) => boolean {
  const counts = new Map<AnyNode, Map<string, number>>();
  const countsOf = (parent: AnyNode & { children?: AnyNode[] }) => {
    let m = counts.get(parent);
    if (!m) {
      m = new Map();
      for (const c of parent.children ?? []) {
        if (!isTag(c) || !(c.name === 'a' ? titles : holders).has(c)) continue;
        m.set(signature(c), (m.get(signature(c)) ?? 0) + 1);
      }
      counts.set(parent, m);
    }
    return m;
  };
  return (e) => {
    if (!e.parent || (e.name === 'a' && !titles.has(e))) return false;
    return (countsOf(e.parent).get(signature(e)) ?? 0) >= (e.name === 'a' ? 3 : 2);
  };
}

function recordOf(a: Element, repeated: (e: Element) => boolean): Element | null {
  let n: Element = a;
  for (let depth = 0; depth < 10 && isTag(n.parent) && n.name !== 'body'; depth++, n = n.parent) {
    // Cells are parts of a row, not records of their own.
    if (n.name !== 'td' && n.name !== 'th' && repeated(n)) return n;
  }
  let p: AnyNode | null = a.parent;
  for (let i = 0; isTag(p) && i < 4; i++, p = p.parent) if (SINGLE.has(p.name)) return p;
  return null;
}

/** Machine-readable dates (<time datetime>, RDFa <span property="dc:date" content>) by the innermost record holding them. */
function machineDates($: CheerioAPI, records: Map<Element, Link[]>): Map<Element, Element[]> {
  const out = new Map<Element, Element[]>();
  for (const e of $('[datetime], [property*="date" i][content], [itemprop*="date" i][content]').toArray() as Element[]) {
    let r: AnyNode | null = e;
    while (r && !(isTag(r) && records.has(r))) r = r.parent;
    if (!r) continue;
    if (!out.has(r as Element)) out.set(r as Element, []);
    out.get(r as Element)!.push(e);
  }
  return out;
}

/** The link that names the record: a title over an identifier, then the longest text. */
function primary(links: Link[]): Link {
  return links.reduce((best, l) => (Number(!l.weak) - Number(!best.weak) || l.text.length - best.text.length) > 0 ? l : best);
}

type Dated = { record: Element; link: Link; date: ParsedDate | null };

function datesOf(ctx: Ctx, parent: AnyNode, group: { record: Element; link: Link }[]): Dated[] {
  const dated: Dated[] = group.map((g) => ({ ...g, date: recordDate(ctx, g.record, g.link.el) }));
  if (dated.some((d) => !d.date)) fillFromGaps(ctx, parent, dated);
  return dated;
}

/** The first date (in the order candidates are given) that is not in the future; future ones are noted. */
function firstValid(ctx: Ctx, candidates: ParsedDate[]): ParsedDate | null {
  for (const d of candidates) {
    if (!isFuture(d.date, ctx.asOf)) return d;
    ctx.futureDates.push(d.date);
  }
  return null;
}

function recordDate(ctx: Ctx, record: Element, link: Element): ParsedDate | null {
  const parse = (text: string) => parseDates(text, { asOf: ctx.asOf, yearless: true });
  const machine = (ctx.machine.get(record) ?? []).flatMap((e) => parse(e.attribs.datetime ?? e.attribs.content ?? '').slice(0, 1));
  const fromAttr = firstValid(ctx, machine);
  if (fromAttr) return fromAttr;

  // Printed dates, ranked: standing alone before inside prose, nearest to the link first.
  const nodes = textNodes(record, (e) => ctx.records.has(e));
  const at = nodes.findIndex((t) => inside(t.node, link));
  const ranked: { d: ParsedDate; rank: number }[] = [];
  nodes.forEach((t, i) => {
    if (inside(t.node, link) || t.text.length > SHORT_TEXT) return;
    for (const d of parse(t.text)) {
      const alone = t.text.length - d.text.length <= LABEL_SLACK;
      ranked.push({ d, rank: (alone ? 0 : 1000) + Math.abs(i - at) });
    }
  });
  const printed = firstValid(ctx, ranked.sort((a, b) => a.rank - b.rank).map((r) => r.d));
  if (printed) return printed;

  // A date leading or closing the link text itself: "Doe v. Board (September 11, 2025)".
  const own = collapse(ctx.$(link).text());
  const edge = parse(own).filter((d) => d.index <= 2 || d.index + d.text.length >= own.replace(/[)\]）】\s]+$/, '').length);
  const inLink = firstValid(ctx, edge);
  if (inLink) return inLink;

  // A date split over elements ("2024年<b>3</b>月5日") in a short record.
  const rest = nodes.filter((t) => !inside(t.node, link)).map((t) => t.text).join('');
  return rest.length <= SHORT_TEXT ? firstValid(ctx, parse(rest)) : null;
}

/** Records without a date of their own take the one printed between records, before or after them as the list does. */
function fillFromGaps(ctx: Ctx, parent: AnyNode, dated: Dated[]): void {
  const records = new Set<AnyNode>(dated.map((d) => d.record));
  const sig = signature(dated[0].record);
  const gaps: AnyNode[][] = [[]];
  for (const c of (parent as Element).children ?? []) {
    if (records.has(c)) gaps.push([]);
    // Rows without a link are items we do not list, not captions of their neighbours.
    else if (!(isTag(c) && signature(c) === sig)) gaps[gaps.length - 1].push(c);
  }
  if (gaps.length !== dated.length + 1) return;
  const parse = (text: string) => parseDates(text, { asOf: ctx.asOf, yearless: true });
  const texts = gaps.map((g) => collapse(ctx.$(g).text()));
  // The start of the gap after a record, or the end of the gap before it.
  const heads = texts.map((t) => parse(t.slice(0, GAP_CHARS)));
  const tails = texts.map((t) => parse(t.slice(-GAP_CHARS)).reverse());
  const before = tails.slice(0, -1).filter((g) => g.length).length;
  const after = heads.slice(1).filter((g) => g.length).length;
  // A pattern needs repeating: one stray date beside two paragraphs is not a dated list.
  if (Math.max(before, after) < Math.min(2, dated.length)) return;
  dated.forEach((d, i) => {
    if (!d.date) d.date = firstValid(ctx, before > after ? tails[i] : heads[i + 1]);
  });
}
