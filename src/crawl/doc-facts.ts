// The link-level facts of a document — links, meta, title, language, text length — however the
// document was read: from a tree (parse.ts) or from a token stream (doc-stream.ts, links-only
// crawls). Both readers fill a DocFacts; one function turns it into page facts, so they agree.
import type { Link, PageMeta, PseudoLink, Region } from '../model/types.js';
import { normalizeUrl } from './url.js';

export type Attribs = Record<string, string>;

/** An element as the facts need it: name, attributes, and the region it sits in. */
export interface DocElement {
  name: string;
  attribs: Attribs;
  region: Region;
}

export interface DocAnchor extends DocElement {
  /** Text content (as cheerio's .text()). */
  text: string;
  /** alt of the first descendant <img> that has one. */
  imgAlt(): string | undefined;
  /** Its parent is an <li> with its own sub-list: it opens a sub-menu. */
  togglesList(): boolean;
}

export interface DocFacts {
  /** Every <a> and <area>, in document order. */
  anchors: DocAnchor[];
  /** <img>, <iframe>, <frame>, <embed>, <script>, <source> with a src, in document order. */
  sources: DocElement[];
  linkTags: DocElement[];
  metas: DocElement[];
  baseHref: string | undefined;
  htmlLang: string | undefined;
  /** Text of the <title> in <head> (else the first), whitespace collapsed. */
  title: string | null;
  /** Text outside script, style, noscript and template, whitespace collapsed: of the first <body>, and of the whole document. */
  bodyText: string | null;
  docText(): string;
  /** An element that single-page apps mount into (#app, [ng-app] …). */
  appRoot(): boolean;
}

export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
export const SKIP_TEXT = new Set(['script', 'style', 'noscript', 'template']);
const SKIP_SCHEMES = /^(javascript|mailto|tel|data|about|blob|sms|weixin):/i;
export const PAGE_LINK = /^(\d{1,4}|首页|尾页|末页|上一页|下一页|上页|下页|next|prev(ious)?|first|last|»|«|>|<)$/i;
const APP_IDS = new Set(['app', 'root', '__next', '__nuxt']);
export const isAppRoot = (a: Attribs) => APP_IDS.has(a.id) || 'ng-app' in a || 'data-reactroot' in a || 'data-v-app' in a;

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
  ['nav', /crumb|dqwz|(^|\s)(position|location|curpos)([-_\d]\S*)?(?=\s|$)|\S[-_](position|location|curpos)(?=\s|$)/i],
  ['header', token('header|head|top|banner|logo', 'header|banner')],
  ['aside', token('aside|sidebar|side', 'sidebar')],
];
const REGION_TAGS: Record<string, Region> = { footer: 'footer', nav: 'nav', header: 'header', aside: 'aside' };
const REGION_ROLES: Record<string, Region> = { contentinfo: 'footer', navigation: 'nav', banner: 'header', complementary: 'aside' };

/**
 * The region an element itself marks, if any. The nearest landmark ancestor decides an
 * element's region (a menu inside the header is `nav`); `stop` for <body>/<html>, whose
 * classes describe the layout (`one-sidebar`), not a region.
 */
export function ownRegion(name: string, a: Attribs): Region | 'stop' | null {
  if (name === 'main' || a.role === 'main') return 'main';
  const byTag = REGION_TAGS[name] ?? REGION_ROLES[a.role ?? ''];
  if (byTag) return byTag;
  if (name === 'body' || name === 'html') return 'stop';
  const hint = `${a.id ?? ''} ${a.class ?? ''}`;
  if (hint.trim()) for (const [region, re] of REGION_HINTS) if (re.test(hint)) return region;
  return null;
}

/** Region of a child of an element whose own mark is `own` and whose parent's region is `outer`. */
export const regionWithin = (own: Region | 'stop' | null, outer: Region): Region => (own === 'stop' ? 'main' : (own ?? outer));

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

// Controls that open a sub-menu or a dialog are widgets, not navigation that lost its target.
const WIDGET_TEXT = /^(返回顶部|顶部|top|back to top|关闭|close|打印|print|收藏|加入收藏|设为首页|分享|share|展开|收起|更多|more|放大|缩小|[+\-×x]|字体[大中小]|[大中小])$/i;

/** An anchor used as a link that goes nowhere without script (`javascript:`, `#`, empty href), or null. */
function pseudoLink(el: DocAnchor): PseudoLink | null {
  const a = el.attribs;
  if (el.name !== 'a' || a.href === undefined) return null; // an <a> without href is a placeholder, not a link
  const h = a.href.trim();
  const kind: PseudoLink['kind'] | null = /^javascript:/i.test(h) ? 'javascript' : h === '' ? 'empty' : h === '#' ? 'hash' : null;
  if (!kind) return null;
  if (a.role === 'button' || a['aria-expanded'] !== undefined || a['aria-controls'] !== undefined || a['aria-haspopup'] !== undefined || a['data-toggle'] || a['data-bs-toggle']) return null;
  const text = collapse(el.text || a.title || a['aria-label'] || '');
  if (!text || WIDGET_TEXT.test(text)) return null;
  // A parent entry of a sub-menu toggles it; its children are the real links.
  if (el.togglesList()) return null;
  return { href: h, text: text.slice(0, 80), kind, region: el.region };
}

export interface LinkFacts {
  title: string | null;
  lang: string | null;
  meta: PageMeta;
  links: Link[];
  pagination: string[];
  pseudoLinks: PseudoLink[];
  textLength: number;
  appShell: boolean;
}

/** The URL relative links resolve against: the first <base href>, else the page itself. */
export const documentBase = (d: Pick<DocFacts, 'baseHref'>, pageUrl: string): string => (d.baseHref && normalizeUrl(d.baseHref, pageUrl)) || pageUrl;

export function linkFacts(d: DocFacts, html: string, pageUrl: string, withPseudoLinks: boolean): LinkFacts {
  const base = documentBase(d, pageUrl);
  const meta: PageMeta = {};
  for (const { attribs: a } of d.metas) {
    const key = a.name !== undefined ? META_BY_LOWER.get(a.name.toLowerCase()) : undefined;
    if (key && a.content && !meta[key]) meta[key] = collapse(a.content);
  }

  const links: Link[] = [];
  const add = (el: DocElement, raw: string | undefined, tag: string, text: string) => {
    if (!raw || SKIP_SCHEMES.test(raw.trim()) || raw.trim().startsWith('#')) return;
    const url = resolveHref(raw, base);
    if (!url) return;
    links.push({ url, href: raw, text: collapse(text).slice(0, 200), region: el.region, tag, ...(el.attribs.rel ? { rel: el.attribs.rel } : {}) });
  };
  for (const el of d.anchors) if (el.attribs.href !== undefined) add(el, el.attribs.href, el.name, el.text || el.attribs.title || el.attribs['aria-label'] || el.imgAlt() || '');
  for (const el of d.sources) add(el, el.attribs.src, el.name, el.attribs.alt ?? '');
  for (const el of d.linkTags) if (el.attribs.href !== undefined && (el.attribs.rel ?? '').split(/\s+/).includes('stylesheet')) add(el, el.attribs.href, 'link', '');
  for (const el of d.metas) {
    if ((el.attribs['http-equiv'] ?? '').toLowerCase() !== 'refresh') continue;
    const m = /url\s*=\s*['"]?([^'"]+)/i.exec(el.attribs.content ?? '');
    if (m) add(el, m[1], 'meta-refresh', '');
  }

  const pagination = [...new Set(links.filter((l) => l.tag === 'a' && l.region === 'main' && PAGE_LINK.test(l.text)).map((l) => l.url))];
  const pseudoLinks = withPseudoLinks ? d.anchors.flatMap((a) => pseudoLink(a) ?? []) : [];
  const lang = d.htmlLang ?? d.metas.find((e) => (e.attribs['http-equiv'] ?? '').toLowerCase() === 'content-language')?.attribs.content ?? null;
  const textLength = (d.bodyText || d.docText()).length;
  // Little text plus a script-driven root element: the content only exists after JS runs.
  const anchorCount = links.filter((l) => l.tag === 'a').length;
  const appShell = /<script\b/i.test(html) && textLength < 200 && (anchorCount < 3 || d.appRoot());
  return { title: d.title, lang, meta, links, pagination, pseudoLinks, textLength, appShell };
}
