// Extracts the facts rules need from an HTML document (HTTP body or rendered DOM).
import * as cheerio from 'cheerio';
import { load as loadFast } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { PAGE_FACTS, type Form, type FormField, type Link, type Page, type PageFact, type PageMeta, type Region } from '../model/types.js';
import { extractMenus, extractPseudoLinks } from './menus.js';
import { extractPageDates } from './page-dates.js';
import { normalizeUrl } from './url.js';

/** The document facts of a page (see `Page` for their meaning). */
export type ParsedPage = Pick<
  Page,
  | 'title' | 'lang' | 'meta' | 'links' | 'forms' | 'textLength' | 'contentLength' | 'published' | 'publishedSource'
  | 'items' | 'pagination' | 'placeholder' | 'breadcrumb' | 'h1' | 'futureDates' | 'menus' | 'pseudoLinks'
> & {
  /** Little text plus a script-driven root element: the content only exists after JS runs. */
  appShell: boolean;
};

const ALL_FACTS: ReadonlySet<PageFact> = new Set(PAGE_FACTS);
// Lists, dates and menus read document structure, so they get the spec-exact HTML5 tree (parse5);
// links alone come from htmlparser2's tree, as link checkers read them, three times faster.
const NEEDS_HTML5_TREE: PageFact[] = ['dates', 'forms', 'menus', 'content'];

const CMS_META = [
  'SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'ColumnDescription', 'ColumnKeywords', 'ColumnType',
  'ArticleTitle', 'PubDate', 'ContentSource', 'Keywords', 'Description', 'Author', 'Url', 'Image',
] as const;
const META_BY_LOWER = new Map<string, keyof PageMeta>(CMS_META.map((k) => [k.toLowerCase(), k]));

// Hints match the start of a class or id token (`footer`, `footer-wrap`, `foot_nav`), not a
// fragment inside one (`padding--top_and_bottom`, `news-top`).
// Unambiguous words also count as a suffix (`site-footer`, `main-nav`); `top`/`bottom` do not.
const token = (words: string, suffixes = '') =>
  new RegExp(`(^|\\s)(${words})([-_\\d]\\S*)?(?=\\s|$)${suffixes ? `|\\S[-_](${suffixes})(?=\\s|$)` : ''}`, 'i');
const REGION_HINTS: [Region, RegExp][] = [
  ['footer', token('foot|footer|bottom|copyright|copy', 'footer|copyright')],
  ['nav', token('nav|navbar|menu|mainnav|topnav', 'nav|navbar|menu')],
  // Breadcrumbs (当前位置) are navigation, not content.
  ['nav', /crumb|dqwz|(^|\s)(position|location|curpos)([-_\d]\S*)?(?=\s|$)/i],
  ['header', token('header|head|top|banner|logo', 'header|banner')],
  ['aside', token('aside|sidebar|side', 'sidebar')],
];
const REGION_TAGS: Record<string, Region> = { footer: 'footer', nav: 'nav', header: 'header', aside: 'aside' };
const REGION_ROLES: Record<string, Region> = { contentinfo: 'footer', navigation: 'nav', banner: 'header', complementary: 'aside' };

/** The region an element itself marks, if any; `stop` for <body>/<html>, whose classes describe the layout (`one-sidebar`). */
function ownRegion(e: Element): Region | 'stop' | null {
  if (e.name === 'main' || e.attribs.role === 'main') return 'main';
  const byTag = REGION_TAGS[e.name] ?? REGION_ROLES[e.attribs.role ?? ''];
  if (byTag) return byTag;
  if (e.name === 'body' || e.name === 'html') return 'stop';
  const hint = `${e.attribs.id ?? ''} ${e.attribs.class ?? ''}`;
  if (hint.trim()) for (const [region, re] of REGION_HINTS) if (re.test(hint)) return region;
  return null;
}

/**
 * Nearest landmark ancestor decides the region: a menu inside the header is `nav`.
 * Memoised per ancestor: the links of one list share their ancestors' answer.
 */
function regionFinder(): (el: Element) => Region {
  const memo = new Map<AnyNode, Region>();
  const inside = (n: AnyNode | null): Region => {
    if (!n || n.type !== 'tag') return 'main';
    const had = memo.get(n);
    if (had) return had;
    const own = ownRegion(n as Element);
    const r = own === 'stop' ? 'main' : (own ?? inside(n.parent));
    memo.set(n, r);
    return r;
  };
  return (el) => inside(el.parent);
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const SKIP_SCHEMES = /^(javascript|mailto|tel|data|about|blob|sms|weixin):/i;

const PLACEHOLDER = /(暂无(信息|内容|数据|记录|相关信息)|栏目(正在)?建设中|正在建设中|敬请期待|No (items|records|entries|content)( yet| found)?|Coming soon|Under construction)/i;
const PAGE_LINK = /^(\d{1,4}|首页|尾页|末页|上一页|下一页|上页|下页|next|prev(ious)?|first|last|»|«|>|<)$/i;
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

const SKIP_TEXT = new Set(['script', 'style', 'noscript', 'template']);
const CHROME_TAGS = new Set(['header', 'nav', 'footer', 'aside']);

/** Text under `root` as cheerio's .text() gives it, without scripts, styles (and `chrome` landmarks): no clone, no removal. */
function textOf(root: AnyNode, skipChrome: boolean): string {
  const parts: string[] = [];
  const walk = (n: AnyNode) => {
    if (n.type === 'text') parts.push((n as unknown as { data: string }).data);
    else if (n.type === 'tag' || n.type === 'root') {
      const e = n as Element;
      if (n !== root && (SKIP_TEXT.has(e.name) || (skipChrome && CHROME_TAGS.has(e.name)))) return;
      for (const c of e.children) walk(c);
    }
  };
  walk(root);
  return collapse(parts.join(''));
}

// Header, menu and footer links repeat on every page: an href that does not depend on the
// page's path (absolute, or rooted at `/`) is resolved once per origin. Bounded: cleared when full.
const resolved = new Map<string, string | null>();
const RESOLVED_MAX = 50_000;
function resolveHref(raw: string, base: string): string | null {
  const c = raw.charCodeAt(0);
  const pathFree = (c === 47 && raw.charCodeAt(1) !== 47) || /^https?:\/\//i.test(raw);
  if (!pathFree) return normalizeUrl(raw, base);
  const origin = c === 47 ? base.slice(0, base.indexOf('/', base.indexOf('//') + 2) >>> 0) : '';
  const key = `${origin}\n${raw}`;
  let url = resolved.get(key);
  if (url === undefined) {
    if (resolved.size >= RESOLVED_MAX) resolved.clear();
    url = normalizeUrl(raw, base);
    resolved.set(key, url);
  }
  return url;
}

const noDates = () => ({ published: null, publishedSource: null, items: [], futureDates: [] });

export function parseHtml(html: string, pageUrl: string, asOf = new Date().toISOString().slice(0, 10), facts: ReadonlySet<PageFact> = ALL_FACTS): ParsedPage {
  const $ = NEEDS_HTML5_TREE.some((f) => facts.has(f)) ? cheerio.load(html) : loadFast(html);
  const regionOf = regionFinder();
  const doc = $.root()[0];
  const { byTag, order } = indexTags(doc);
  // Several tag names: their elements merged back into document order.
  const tags = (...names: string[]) => (names.length === 1 ? (byTag.get(names[0]) ?? []) : names.flatMap((n) => byTag.get(n) ?? []).sort((a, b) => order.get(a)! - order.get(b)!));
  const baseHref = tags('base').find((e) => e.attribs.href)?.attribs.href;
  const base = (baseHref && normalizeUrl(baseHref, pageUrl)) || pageUrl;

  const meta: PageMeta = {};
  for (const el of tags('meta')) {
    const key = el.attribs.name !== undefined ? META_BY_LOWER.get(el.attribs.name.toLowerCase()) : undefined;
    const content = el.attribs.content;
    if (key && content && !meta[key]) meta[key] = collapse(content);
  }

  const links: Link[] = [];
  const add = (el: Element, raw: string | undefined, tag: string, text: string) => {
    if (!raw || SKIP_SCHEMES.test(raw.trim()) || raw.trim().startsWith('#')) return;
    const url = resolveHref(raw, base);
    if (!url) return;
    links.push({ url, href: raw, text: collapse(text).slice(0, 200), region: regionOf(el), tag, ...(el.attribs.rel ? { rel: el.attribs.rel } : {}) });
  };
  // Document order across <a> and <area>, as the selector gave it.
  const anchors = tags('a', 'area').filter((e) => e.attribs.href !== undefined);
  for (const el of anchors) {
    // $.text([el]) is $(el).text() without building a selection per anchor.
    const text = $.text([el]) || el.attribs.title || el.attribs['aria-label'] || $(el).find('img[alt]').attr('alt') || '';
    add(el, el.attribs.href, el.name, text);
  }
  const SRC = ['img', 'iframe', 'embed', 'script', 'source'];
  const sources = tags(...SRC).filter((e) => e.attribs.src !== undefined);
  for (const el of sources) add(el, el.attribs.src, el.name, el.attribs.alt ?? '');
  for (const el of tags('link')) if (el.attribs.href !== undefined && (el.attribs.rel ?? '').split(/\s+/).includes('stylesheet')) add(el, el.attribs.href, 'link', '');
  for (const el of tags('meta')) {
    if ((el.attribs['http-equiv'] ?? '').toLowerCase() !== 'refresh') continue;
    const m = /url\s*=\s*['"]?([^'"]+)/i.exec(el.attribs.content ?? '');
    if (m) add(el, m[1], 'meta-refresh', '');
  }

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

  const titleEl = tags('title').find((e) => (e.parent as Element | null)?.name === 'head') ?? tags('title')[0];
  const title = (titleEl && collapse($(titleEl).text())) || null;
  const dates = facts.has('dates') ? extractPageDates($, pageUrl, asOf, (el) => CHROME.includes(regionOf(el))) : noDates();
  const pagination = [...new Set(links.filter((l) => l.tag === 'a' && l.region === 'main' && PAGE_LINK.test(l.text)).map((l) => l.url))];
  const content = facts.has('content');
  const breadcrumb = (content && collapse($(BREADCRUMB).first().text())) || null;
  const h1 = (content && tags('h1')[0] && collapse($(tags('h1')[0]).text())) || null;
  const menus = facts.has('menus') ? extractMenus($, regionOf) : [];
  const pseudoLinks = facts.has('pseudoLinks') ? extractPseudoLinks($, regionOf, tags('a')) : [];
  const lang = tags('html')[0]?.attribs.lang ?? tags('meta').find((e) => (e.attribs['http-equiv'] ?? '').toLowerCase() === 'content-language')?.attribs.content ?? null;
  const body = tags('body')[0];
  const textLength = ((body && textOf(body, false)) || textOf(doc, false)).length;
  const contentText = content && body ? textOf(body, true) : '';
  const placeholder = PLACEHOLDER.exec(contentText)?.[0] ?? null;
  const hasScripts = /<script\b/i.test(html);
  // The root-element query runs only for the few pages with scripts and almost no text.
  const appRoot = () => $('#app, #root, #__next, #__nuxt, [ng-app], [data-reactroot], [data-v-app]').length > 0;
  const anchorCount = links.filter((l) => l.tag === 'a').length;
  const appShell = hasScripts && textLength < 200 && (anchorCount < 3 || appRoot());

  return { title, lang, meta, links, forms, menus, pseudoLinks, textLength, contentLength: contentText.length, appShell, ...dates, pagination, placeholder, breadcrumb, h1 };
}
