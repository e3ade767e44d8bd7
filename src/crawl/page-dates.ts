// Content dates of a page: its own publication date and the dates printed next to the links of
// its lists (list-items.ts). HTTP Last-Modified and the crawl date are never used: portals stamp
// them at render time.
//
// Publication date, most reliable source first: publication metas (PubDate, article:published_time …),
// the page's own <time>, JSON-LD datePublished, generic date metas (dcterms.date …), labelled text
// (发布时间：, Datum:), the date printed nearest the page heading, an element the template marks as
// the date, then modification dates (JSON-LD, Stand:/Last updated), the CMS URL, modified metas, and
// for an article page as a last resort the newest date in its text. Dates in teaser lists, menus and
// links are the items', not the page's.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { ListItem } from '../model/types.js';
import { isFuture, parseDates, type ParsedDate } from './dates.js';
import { collapse, inside, textNodes } from './dom-text.js';
import { listItems } from './list-items.js';

export interface PageDates {
  published: string | null;
  publishedSource: string | null;
  /** A publication date from another source that disagrees with the one used (the CMS meta, when the printed date won). */
  publishedConflict?: { date: string; source: string };
  items: ListItem[];
  /** Dates found but ignored because they lie in the future of the as-of date. */
  futureDates: string[];
}

/** Metas that name the publication date. */
const PUB_META = [
  'pubdate', 'publishdate', 'publish_date', 'publication_date', 'article:published_time', 'og:article:published_time',
  'datepublished', 'dc.date.issued', 'dcterms.issued', 'parsely-pub-date', 'sailthru.date', 'firstpublishedtime', 'publishedtime', 'pubtime', 'releasedate',
];
/** Generic date metas: creation or publication depending on the CMS, so a visible <time> on the page outranks them. */
const DATE_META = ['dcterms.created', 'dc.date.created', 'dc.date', 'dcterms.date', 'date'];
const MOD_META = ['article:modified_time', 'datemodified', 'dcterms.modified', 'dc.date.modified', 'lastmod', 'modified'];

// A label, then an optional separator (: ： - –), then the date.
const SEP = String.raw`\s*(?:[:：]|\s[-–—]\s|[-–—]\s)?\s*`;
const PUB_LABEL = new RegExp(
  String.raw`(?<![A-Za-z])(发布时间|发布日期|发文日期|成文日期|印发日期|公开日期|发稿时间|信息来源.{0,20}?时间|日期|时间|Published(?: on)?|Posted(?: on)?|Publication date|Date|Released|Veröffentlicht(?: am)?|Datum|Erstellt(?: am)?|Pressemitteilung vom)(?![A-Za-z])${SEP}`,
  'gi',
);
/** Labels that print the publication date itself (not 成文日期, the date a document was written). */
const PRINTED_LABEL = new RegExp(String.raw`(?<![A-Za-z])(发布时间|发布日期|公开日期|发稿时间|发表时间|Published(?: on)?|Publication date)(?![A-Za-z])${SEP}`, 'gi');
const HAS_PRINTED_LABEL = new RegExp(PRINTED_LABEL.source, 'i');
/** Bare labels count only in the line under the heading (来源：… 日期：…), where they mean the publication date. */
const INFO_LABEL = new RegExp(String.raw`(?<![\u4e00-\u9fff])(日期|时间)${SEP}`, 'g');
/** Characters after the heading's text that make its information line. */
const INFO_LINE = 160;
const MOD_LABEL = new RegExp(String.raw`(?<![A-Za-z])(更新时间|更新日期|修改时间|Last updated|Updated|Last modified|Stand|Zuletzt aktualisiert|Aktualisiert(?: am)?)(?![A-Za-z])${SEP}`, 'gi');

/** CMS article URLs carry their date: …/202403/t20240305_1.html, …/2020-02/19/c_1.htm, …/2024/03/05/… */
const URL_DATES = [/\/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+/, /\/((?:19|20)\d{2})-(\d{2})\/(\d{2})\//, /\/((?:19|20)\d{2})\/(\d{2})\/(\d{2})\//, /[_/-]((?:19|20)\d{2})(\d{2})(\d{2})[_./-]/];

/** Class or id words of the element a template prints the date in (fbsj/fbrq: 发布时间/发布日期 in pinyin). */
const DATE_CLASS = /(^|[\s_-])(date|time|datetime|pubtime|pubdate|publish(ed)?|release|fbsj|fbrq|datum)([\s_-]|$)/i;

/** How far (in characters of text) before and after the page heading its date is looked for. */
const NEAR_BEFORE = 120;
const NEAR_AFTER = 200;
/** A page with this many list items is a list: no publication date guessed from its text. */
const MIN_LIST = 3;

type Found = { date: string; source: string } | null;

/** `headings`: the page's h1–h4 in document order when the caller has them indexed (no selector query then). */
export function extractPageDates($: CheerioAPI, pageUrl: string, asOf: string, isChrome: (el: Element) => boolean, headings?: Element[]): PageDates {
  const futureDates: string[] = [];
  const firstValid = (dates: ParsedDate[]): ParsedDate | null => {
    for (const d of dates) {
      if (!isFuture(d.date, asOf)) return d;
      futureDates.push(d.date);
    }
    return null;
  };
  const parse = (text: string | undefined) => (text ? parseDates(text, { asOf }) : []);

  // First content of each meta by its lower-cased name, property or itemprop.
  const metas = new Map<string, { key: string; content: string }>();
  for (const m of $('meta[content]').toArray() as Element[])
    for (const key of [m.attribs.name, m.attribs.property, m.attribs.itemprop])
      if (key && !metas.has(key.toLowerCase())) metas.set(key.toLowerCase(), { key, content: m.attribs.content });
  const metaDate = (names: string[]): Found => {
    for (const name of names) {
      const m = metas.get(name);
      const d = firstValid(parse(m?.content));
      if (d) return { date: d.date, source: `meta ${m!.key}` };
    }
    return null;
  };

  const lists = listItems($, pageUrl, asOf, isChrome, futureDates);
  const inList = (e: Element) => [...lists.records].some((r) => inside(e, r));

  // <time> of the page itself: marked as the publication date, or outside the chrome and the teaser lists.
  const timeDate = (): Found => {
    const els = $('time[datetime]').toArray();
    const preferred = els.filter((e) => e.attribs.itemprop === 'datePublished' || 'pubdate' in e.attribs);
    for (const el of [...preferred, ...els.filter((e) => !isChrome(e) && !inList(e))]) {
      const d = firstValid(parse(el.attribs.datetime)) ?? firstValid(parse($(el).text()));
      if (d) return { date: d.date, source: 'time[datetime]' };
    }
    return null;
  };

  const jsonLd = (key: 'datePublished' | 'dateModified'): Found => {
    for (const el of $('script[type="application/ld+json"]').toArray()) {
      const m = new RegExp(`"${key}"\\s*:\\s*"([^"]+)"`).exec($(el).text());
      const d = firstValid(parse(m?.[1]));
      if (d) return { date: d.date, source: `json-ld ${key}` };
    }
    return null;
  };

  const text = contentText($);
  const labelled = (re: RegExp): Found => labelledIn(text, re);
  const labelledIn = (text: string, re: RegExp): Found => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
      const d = parseDates(after, { asOf }).find((x) => x.index <= 3);
      if (d && isFuture(d.date, asOf)) futureDates.push(d.date);
      else if (d) return { date: d.date, source: `label ${m[1]}` };
    }
    return null;
  };

  // The date printed for readers: a publication label anywhere in the text, or 日期/时间 in the heading's information line.
  // The information line under the heading first (来源：… 发布时间：…), then a publication label
  // anywhere in the text outside lists (related items and teasers carry their own dates).
  // The page heading, looked up once (selector queries over the whole tree).
  let headingEl: Element | null | undefined;
  const heading = () => (headingEl === undefined ? (headingEl = mainHeading($, headings)) : headingEl);

  const printed = (): Found => {
    const body = $('body')[0];
    if (!body) return null;
    const h = heading();
    const skip = (e: Element) => e.name === 'nav' || lists.records.has(e);
    const line = h ? textAfter(h, INFO_LINE, skip) : '';
    const info = labelledIn(line, PRINTED_LABEL) ?? labelledIn(line, INFO_LABEL);
    if (info) return info;
    // Only the text's own labels, not a related item's (not every page needs this walk).
    return HAS_PRINTED_LABEL.test(text) ? labelledIn(textNodes(body, skip).map((t) => t.text).join(' '), PRINTED_LABEL) : null;
  };

  const nearHeading = (): Found => {
    const d = headingDate($, heading(), asOf, futureDates, lists.records);
    return d && { date: d.date, source: 'near heading' };
  };

  // An element the template marks as the date (class or id date/time/pubtime/fbsj …) holding a date alone.
  const classed = (): Found => {
    for (const e of $('[class], [id]').toArray() as Element[]) {
      if (!DATE_CLASS.test(`${e.attribs.class ?? ''} ${e.attribs.id ?? ''}`) || isChrome(e) || inList(e)) continue;
      const t = collapse($(e).text());
      const d = t.length <= 60 ? parse(t).find((x) => t.length - x.text.length <= 20) : undefined;
      const ok = d && firstValid([d]);
      if (ok) return { date: ok.date, source: 'date element' };
    }
    return null;
  };

  const fromUrl = (): Found => {
    const path = new URL(pageUrl).pathname;
    for (const re of URL_DATES) {
      const m = re.exec(path);
      const d = m && firstValid(parse(`${m[1]}-${m[2]}-${m[3]}`));
      if (d) return { date: d.date, source: 'url' };
    }
    return null;
  };

  // Last resort for an article: it is at least as new as the newest date printed in it. A list page
  // is left undated: its items carry the dates.
  const newestInContent = (): Found => {
    if (lists.items.length >= MIN_LIST) return null;
    const newest = parse(text)
      .filter((d) => !isFuture(d.date, asOf))
      .map((d) => d.date)
      .sort()
      .at(-1);
    return newest ? { date: newest, source: 'newest in content' } : null;
  };

  // The CMS meta often records a re-publication or a migration: readers and inspectors go by the
  // printed date, so it wins when the two disagree (both are kept).
  const meta = metaDate(PUB_META);
  const shown = meta ? printed() : null;
  if (meta && shown && shown.date !== meta.date)
    return { published: shown.date, publishedSource: shown.source, publishedConflict: meta, items: lists.items, futureDates };
  const found =
    meta ??
    timeDate() ??
    jsonLd('datePublished') ??
    metaDate(DATE_META) ??
    labelled(PUB_LABEL) ??
    nearHeading() ??
    classed() ??
    jsonLd('dateModified') ??
    labelled(MOD_LABEL) ??
    fromUrl() ??
    metaDate(MOD_META) ??
    newestInContent();
  return { published: found?.date ?? null, publishedSource: found?.source ?? null, items: lists.items, futureDates };
}

/**
 * The page's text without the site header, navigation and footer (an article's own <header>/<footer> stays),
 * one space between text nodes so that "Reisehinweise</h2><p>Datum" keeps its label apart.
 */
function contentText($: CheerioAPI): string {
  const body = $('body')[0];
  if (!body) return '';
  const siteChrome = (e: Element) =>
    e.name === 'nav' || ((e.name === 'header' || e.name === 'footer') && $(e).parents('main, article, [role=main]').length === 0);
  return textNodes(body, siteChrome)
    .map((t) => t.text)
    .join(' ');
}

/** About `limit` characters of text that follow `el` in document order, `skip`ped subtrees and scripts left out. */
function textAfter(el: Element, limit: number, skip: (e: Element) => boolean): string {
  let out = '';
  const walk = (n: AnyNode): boolean => {
    if (n.type === 'text') out += `${collapse((n as unknown as { data: string }).data)} `;
    else if (n.type === 'tag' && !NO_TEXT.has((n as Element).name) && !skip(n as Element)) for (const c of (n as Element).children) if (walk(c)) return true;
    return out.length >= limit;
  };
  for (let at: AnyNode | null = el; at; at = at.parent) for (let s = at.next; s; s = s.next) if (walk(s)) return out;
  return out;
}
const NO_TEXT = new Set(['script', 'style', 'noscript', 'template']);

/** The page's own heading: the h1–h4 whose words best match the document title (menus use headings too). */
function mainHeading($: CheerioAPI, indexed?: Element[]): Element | null {
  const title = tokens($('head > title').first().text() || $('meta[property="og:title"]').attr('content') || '');
  if (title.size < 2) return null;
  let best: Element | null = null;
  let bestScore = 0;
  // One query for all levels; h1 before h2 … at equal scores, as a level-by-level search would.
  const headings = [...(indexed ?? ($('h1, h2, h3, h4').toArray() as Element[]))].sort((a, b) => a.name.localeCompare(b.name));
  for (const h of headings) {
    const words = tokens($.text([h]));
    const shared = [...words].filter((w) => title.has(w)).length;
    const score = shared / Math.max(words.size, 1);
    if (shared >= 2 && score >= 0.6 && score > bestScore) [best, bestScore] = [h, score];
  }
  return best;
}

/** Words for matching; runs of Chinese characters as bigrams. */
function tokens(s: string): Set<string> {
  const out = new Set<string>();
  for (const w of s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (/[\u4e00-\u9fff]/.test(w)) for (let i = 0; i + 1 < w.length; i++) out.add(w.slice(i, i + 2));
    else if (w.length > 1) out.add(w);
  }
  return out;
}

/**
 * The date printed nearest to the page heading ("Schengen, 3. Juli 2018" above it, "10.11.2021" below it),
 * outside links and list items (a column page's heading is followed by its first item).
 */
function headingDate($: CheerioAPI, heading: Element | null, asOf: string, futureDates: string[], records: Set<Element>): ParsedDate | null {
  const body = $('body')[0];
  if (!heading || !body) return null;
  // Link texts near the heading are related pages and menus, not this page's date.
  const nodes = textNodes(body, (e) => e.name === 'nav' || e.name === 'a' || records.has(e));
  const first = nodes.findIndex((t) => inside(t.node, heading));
  let last = first;
  while (last + 1 < nodes.length && inside(nodes[last + 1].node, heading)) last++;
  if (first < 0) return null;

  const near: { d: ParsedDate; distance: number }[] = [];
  for (let i = first - 1, gap = 0; i >= 0 && gap < NEAR_BEFORE; gap += nodes[i].text.length + 1, i--)
    for (const d of parseDates(nodes[i].text, { asOf })) near.push({ d, distance: gap + nodes[i].text.length - d.index - d.text.length });
  for (let i = last + 1, gap = 0; i < nodes.length && gap < NEAR_AFTER; gap += nodes[i].text.length + 1, i++)
    for (const d of parseDates(nodes[i].text, { asOf })) near.push({ d, distance: gap + d.index });
  for (const { d } of near.sort((a, b) => a.distance - b.distance)) {
    if (!isFuture(d.date, asOf)) return d;
    futureDates.push(d.date);
  }
  return null;
}
