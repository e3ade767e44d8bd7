// Extracts the facts rules need from an HTML document (HTTP body or rendered DOM).
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { load as loadFast } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { PAGE_FACTS, type Form, type FormField, type Page, type PageFact, type Region } from '../model/types.js';
import { collapse, documentBase, isAppRoot, linkFacts, ownRegion, regionWithin, SKIP_TEXT, type DocFacts } from './doc-facts.js';
import { streamFacts } from './doc-stream.js';
import { extractMenus } from './menus.js';
import { extractPageDates } from './page-dates.js';
import { normalizeUrl } from './url.js';

/** The document facts of a page (see `Page` for their meaning). */
export type ParsedPage = Pick<
  Page,
  | 'title' | 'lang' | 'meta' | 'links' | 'forms' | 'textLength' | 'contentLength' | 'published' | 'publishedSource' | 'publishedConflict'
  | 'items' | 'pagination' | 'placeholder' | 'breadcrumb' | 'h1' | 'futureDates' | 'menus' | 'pseudoLinks'
> & {
  /** Little text plus a script-driven root element: the content only exists after JS runs. */
  appShell: boolean;
};

const ALL_FACTS: ReadonlySet<PageFact> = new Set(PAGE_FACTS);
// Lists, dates, forms and menus read document structure, so they get the spec-exact HTML5 tree
// (parse5); links alone come from htmlparser2's token stream, as link checkers read them, with
// no tree at all (0.19 ms a bench page against 1.04 ms for all facts; see doc-stream.ts).
const NEEDS_TREE: PageFact[] = ['dates', 'forms', 'menus', 'content'];

/** Nearest landmark ancestor decides the region, memoised per ancestor: the links of one list share their ancestors' answer. */
function regionFinder(): (el: Element) => Region {
  const memo = new Map<AnyNode, Region>();
  const inside = (n: AnyNode | null): Region => {
    if (!n || n.type !== 'tag') return 'main';
    const had = memo.get(n);
    if (had) return had;
    const e = n as Element;
    const r = regionWithin(ownRegion(e.name, e.attribs), inside(e.parent));
    memo.set(n, r);
    return r;
  };
  return (el) => inside(el.parent);
}

const PLACEHOLDER = /(暂无(信息|内容|数据|记录|相关信息)|栏目(正在)?建设中|正在建设中|敬请期待|No (items|records|entries|content)( yet| found)?|Coming soon|Under construction)/i;
const BREADCRUMB = '[class*=crumb i], [id*=crumb i], [class*=position i], [id*=position i], [class*=location i], [id*=location i], [class*=dqwz i], nav[aria-label*=readcrumb i]';
const CHROME: Region[] = ['header', 'nav', 'footer', 'aside'];

/** Elements by tag name, in document order, from one walk of the tree: most facts are "every <a>", "every <meta>" … */
function indexTags(root: AnyNode): { byTag: Map<string, Element[]>; order: Map<Element, number> } {
  const byTag = new Map<string, Element[]>();
  const order = new Map<Element, number>();
  const walk = (n: AnyNode) => {
    if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      const e = n as Element;
      let list = byTag.get(e.name);
      if (!list) byTag.set(e.name, (list = []));
      list.push(e);
      order.set(e, order.size);
    }
    const kids = (n as Element).children;
    if (kids) for (const c of kids) walk(c);
  };
  walk(root);
  return { byTag, order };
}

const CHROME_REGIONS = new Set<string | null>(['header', 'nav', 'footer', 'aside']);
/** Site chrome by tag or by the class/id hints links use (most gov CMS templates are <div class="footer">). */
const isChromeEl = (e: Element) => CHROME_REGIONS.has(ownRegion(e.name, e.attribs));

/** Text under `root` as cheerio's .text() gives it, without scripts, styles (and `chrome` landmarks): no clone, no removal. */
function textOf(root: AnyNode, skipChrome: boolean): string {
  const parts: string[] = [];
  const walk = (n: AnyNode) => {
    if (n.type === 'text') parts.push((n as unknown as { data: string }).data);
    else if (n.type === 'tag' || n.type === 'root') {
      const e = n as Element;
      if (n !== root && (SKIP_TEXT.has(e.name) || (skipChrome && isChromeEl(e)))) return;
      for (const c of e.children) walk(c);
    }
  };
  walk(root);
  return collapse(parts.join(''));
}

const noDates = () => ({ published: null, publishedSource: null, items: [], futureDates: [] });
const noTreeFacts = () => ({ forms: [], menus: [], contentLength: 0, ...noDates(), placeholder: null, breadcrumb: null, h1: null });

/** The link-level facts read off a tree. */
function treeFacts($: CheerioAPI, doc: AnyNode, tags: (...names: string[]) => Element[], order: Map<Element, number>, regionOf: (el: Element) => Region): DocFacts {
  const at = (el: Element) => ({ name: el.name, attribs: el.attribs, region: regionOf(el) });
  const titleEl = tags('title').find((e) => (e.parent as Element | null)?.name === 'head') ?? tags('title')[0];
  const body = tags('body')[0];
  return {
    anchors: tags('a', 'area').map((el) => ({
      ...at(el),
      // $.text([el]) is $(el).text() without building a selection per anchor.
      text: $.text([el]),
      imgAlt: () => $(el).find('img[alt]').attr('alt'),
      togglesList: () => (el.parent as Element | null)?.name === 'li' && (el.parent as Element).children.some((c) => c.type === 'tag' && (c.name === 'ul' || c.name === 'ol')),
    })),
    sources: tags('img', 'iframe', 'frame', 'embed', 'script', 'source').filter((e) => e.attribs.src !== undefined).map(at),
    linkTags: tags('link').map(at),
    metas: tags('meta').map(at),
    baseHref: tags('base').find((e) => e.attribs.href)?.attribs.href,
    htmlLang: tags('html')[0]?.attribs.lang,
    title: (titleEl && collapse($.text([titleEl]))) || null,
    bodyText: body ? textOf(body, false) : null,
    docText: () => textOf(doc, false),
    // The root-element query runs only for the few pages with scripts and almost no text.
    appRoot: () => [...order.keys()].some((e) => isAppRoot(e.attribs)),
  };
}

export function parseHtml(html: string, pageUrl: string, asOf = new Date().toISOString().slice(0, 10), facts: ReadonlySet<PageFact> = ALL_FACTS): ParsedPage {
  const tree = NEEDS_TREE.some((f) => facts.has(f));
  // Links only: read from the token stream, no tree at all (what a link checker does).
  if (!tree) return { ...linkFacts(streamFacts(html), html, pageUrl, facts.has('pseudoLinks')), ...noTreeFacts() };
  return parseTree(html, pageUrl, asOf, facts);
}

/** The tree reader, for all facts; on htmlparser2's tree it is what the stream reader is held equal to (test/doc-stream.test.ts). */
export function parseTree(html: string, pageUrl: string, asOf: string, facts: ReadonlySet<PageFact>, builder: 'parse5' | 'htmlparser2' = 'parse5'): ParsedPage {
  const $ = builder === 'parse5' ? cheerio.load(html) : loadFast(html);
  const regionOf = regionFinder();
  const doc = $.root()[0];
  const { byTag, order } = indexTags(doc);
  // Several tag names: their elements merged back into document order.
  const tags = (...names: string[]) => (names.length === 1 ? (byTag.get(names[0]) ?? []) : names.flatMap((n) => byTag.get(n) ?? []).sort((a, b) => order.get(a)! - order.get(b)!));
  const docFacts = treeFacts($, doc, tags, order, regionOf);
  const lf = linkFacts(docFacts, html, pageUrl, facts.has('pseudoLinks'));
  const base = documentBase(docFacts, pageUrl);

  const forms: Form[] = [];
  if (facts.has('forms')) $('form').each((_, el) => {
    const $f = $(el);
    const fields: FormField[] = [];
    $f.find('input, select, textarea').each((_, inp) => {
      const $i = $(inp);
      const type = (inp.name === 'input' ? $i.attr('type') : inp.name) ?? 'text';
      if (['submit', 'button', 'image', 'reset'].includes(type)) return;
      const id = $i.attr('id');
      const label = (id && $(`label[for="${id.replace(/"/g, '\\"')}"]`).text()) || $i.closest('label').text() || $i.attr('aria-label') || $i.attr('title');
      fields.push({
        name: $i.attr('name') ?? '',
        type,
        ...($i.attr('placeholder') ? { placeholder: $i.attr('placeholder') } : {}),
        ...(label ? { label: collapse(label) } : {}),
      });
    });
    const buttons: string[] = [];
    $f.find('button, input[type=submit], input[type=button], input[type=image]').each((_, b) => {
      const $b = $(b);
      const t = collapse($b.text() || $b.attr('value') || $b.attr('alt') || $b.attr('aria-label') || $b.attr('title') || '');
      if (t) buttons.push(t);
    });
    const action = normalizeUrl($f.attr('action') || pageUrl, base) ?? pageUrl;
    forms.push({ action, method: ($f.attr('method') ?? 'get').toLowerCase(), ...($f.attr('role') ? { role: $f.attr('role') } : {}), fields, buttons, region: regionOf(el) });
  });

  const dates = facts.has('dates') ? extractPageDates($, pageUrl, asOf, (el) => CHROME.includes(regionOf(el)), tags('h1', 'h2', 'h3', 'h4')) : noDates();
  const content = facts.has('content');
  const breadcrumb = (content && collapse($(BREADCRUMB).first().text())) || null;
  const h1 = (content && tags('h1')[0] && collapse($(tags('h1')[0]).text())) || null;
  const menus = facts.has('menus') ? extractMenus($, regionOf) : [];
  const body = tags('body')[0];
  const contentText = content && body ? textOf(body, true) : '';
  const placeholder = PLACEHOLDER.exec(contentText)?.[0] ?? null;

  return { ...lf, forms, menus, contentLength: contentText.length, ...dates, placeholder, breadcrumb, h1 };
}
