// Columns (栏目) of a portal, derived from the snapshot: list pages of dated links or pages
// carrying ColumnName/ColumnType, with their paginated siblings folded in. Shared by every
// rule that reasons about columns; computed once per snapshot.
import { UNREAD_SHAPES, type ListItem, type Page, type Snapshot } from '../model/types.js';
import { urlKey } from '../crawl/url.js';
import { PAGE_PARAM } from '../crawl/url.js';

export type ColumnType = 'news' | 'notice' | 'info' | 'static' | 'interaction' | 'unknown';

export interface Column {
  /** URL of the column's first page. */
  url: string;
  name: string;
  nameSource: 'ColumnName' | 'breadcrumb' | 'h1' | 'title' | 'url';
  type: ColumnType;
  typeSource: 'ColumnType' | 'name' | 'none';
  /** Every page of the column (its pagination), first page first. */
  pages: string[];
  /** Distinct items across the column's pages. */
  items: ListItem[];
  /** Newest date: from the list itself, or from the linked articles when the list shows none. */
  newest: string | null;
  newestSource: 'list' | 'articles' | null;
  /** With newestSource 'articles': the newest article, where its date came from, and a disagreeing source. */
  newestArticle?: { url: string; published: string; source: string | null; conflict?: { date: string; source: string } };
  undated: ListItem[];
  placeholder: string | null;
  /** No items, no content: a blank column (空白栏目). */
  blank: boolean;
  /** No items read because a script builds the list (a template filled from an API, a list kept in a comment) and the browser did not show one: not assessed. */
  unread: boolean;
  depth: number | null;
}

/** Order matters: the first type whose words appear in the ColumnType or name wins. */
const TYPE_WORDS: [ColumnType, RegExp][] = [
  ['static', /概况|简介|县情|市情|区情|镇情|机构职能|机构设置|历史沿革|联系我们|about|overview|profile/i],
  ['interaction', /信箱|互动|留言|咨询|投诉|建议|调查|征集|访谈|问答|mailbox|consultation|feedback|survey|contact us/i],
  ['notice', /通知|公告|公示|通告|政策|文件|法规|解读|notice|announcement|polic|regulation|circular/i],
  ['news', /要闻|动态|新闻|资讯|头条|快讯|工作信息|媒体|news|update|press|media|stories/i],
  ['info', /人事|任免|规划|计划|财政|预算|决算|项目|统计|总结|年报|报告|招标|采购|领导|机构|名录|目录|信息公开|personnel|plan|budget|statistic|report|procurement|data/i],
];

export function classifyColumn(columnType: string | undefined, name: string): { type: ColumnType; source: Column['typeSource'] } {
  for (const [source, text] of [['ColumnType', columnType], ['name', name]] as const) {
    if (!text) continue;
    for (const [type, re] of TYPE_WORDS) if (re.test(text)) return { type, source };
  }
  return { type: 'unknown', source: 'none' };
}

const ARTICLE_URL = /\/t\d{8}_\d+|\/(?:19|20)\d{2}-?\d{2}\/(?:\d{2}\/)?[^/]+\.s?html?$|content_\d+|art_\d+_\d+|\/(?:19|20)\d{2}\/\d{2}\/\d{2}\//i;
const PAGED_INDEX = /^(index|default|list)(_\d+)?(\.s?html?|\.jsp|\.aspx?|\.php)?$/i;

/** An article page: it has a title meta, or a publication date and no list of its own. */
export function isArticle(p: Page): boolean {
  if (p.meta.ArticleTitle) return true;
  return !!p.published && p.items.length < 3 && (p.publishedSource ?? '').startsWith('meta');
}

/** Pagination siblings share this key: /a/index_2.html → /a/, list.html?page=2 → list.html. */
export function paginationKey(url: string): string {
  const u = new URL(url);
  const parts = u.pathname.split('/');
  const file = parts.pop() ?? '';
  const path = PAGED_INDEX.test(file) && /index|default/i.test(file) ? `${parts.join('/')}/` : u.pathname;
  const params = [...u.searchParams].filter(([k]) => !PAGE_PARAM.test(k));
  return `${u.host}${path}${params.length ? '?' + new URLSearchParams(params) : ''}`;
}

/**
 * An item's date, with the year taken from the linked article when the list printed none:
 * `[11-19]` is ambiguous, the article's own `2025-11-19` is not.
 */
export function itemDate(item: ListItem, byKey: Map<string, Page>): string | null {
  if (!item.date || !item.yearInferred) return item.date;
  const published = byKey.get(urlKey(item.url))?.published;
  return published && published.slice(5) === item.date.slice(5) ? published : item.date;
}

export const pagesByKey = (snapshot: Snapshot) => new Map(snapshot.pages.map((p) => [urlKey(p.url), p]));

const cache = new WeakMap<Snapshot, Column[]>();

export function columnsOf(snapshot: Snapshot): Column[] {
  let cols = cache.get(snapshot);
  if (!cols) cache.set(snapshot, (cols = findColumns(snapshot)));
  return cols;
}

function findColumns(snapshot: Snapshot): Column[] {
  const pages = snapshot.pages.filter((p) => p.html && p.status === 200 && !p.error && p.depth !== 0);
  const byKey = pagesByKey(snapshot);
  const articleLike = (i: ListItem) => {
    const target = byKey.get(urlKey(i.url));
    return !!i.date || (target ? isArticle(target) || !!target.published : ARTICLE_URL.test(i.url));
  };
  const candidates = pages.filter((p) => {
    if (isArticle(p)) return false;
    const hasMeta = !!(p.meta.ColumnName || p.meta.ColumnType);
    const listed = p.items.filter(articleLike).length;
    // A hub lists columns, not articles: it is navigation, not a column.
    if (p.items.length >= 3 && listed < p.items.length * 0.5) return false;
    if (listed >= 3 || (hasMeta && (listed > 0 || isBlankPage(p) || framed(p).length > 0 || unreadList(p)))) return true;
    // Overview and interaction pages are columns without dated lists; they are listed as exempt.
    const type = hasMeta ? classifyColumn(p.meta.ColumnType, p.meta.ColumnName ?? '').type : 'unknown';
    return type === 'static' || type === 'interaction';
  });

  // Fold pagination siblings: same pagination key, or linked by a pagination link.
  const groups = new Map<string, Page[]>();
  const keyOf = new Map<string, string>();
  for (const p of candidates) {
    const k = paginationKey(p.url);
    keyOf.set(urlKey(p.url), k);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(p);
  }
  for (const p of candidates) {
    const mine = keyOf.get(urlKey(p.url))!;
    const frames = new Set(framed(p));
    for (const target of [...p.pagination, ...frames]) {
      const theirs = keyOf.get(urlKey(target));
      if (!theirs || theirs === mine || !groups.has(theirs) || !groups.has(mine)) continue;
      // A data proxy's record groups are the list's next pages wherever the proxy lives; a framed list is the framing page's.
      const proxied = byKey.get(urlKey(target))?.scriptShapes?.includes('hanweb-proxy');
      if (dirOf(target) !== dirOf(p.url) && !proxied && !frames.has(target)) continue;
      groups.get(mine)!.push(...groups.get(theirs)!);
      for (const q of groups.get(theirs)!) keyOf.set(urlKey(q.url), mine);
      groups.delete(theirs);
    }
  }

  return [...groups.values()].map((group) => buildColumn(group, byKey));
}

const dirOf = (url: string) => new URL(url).pathname.replace(/[^/]*$/, '');

/** Same-site pages a page shows in its content through a frame or iframe. */
function framed(p: Page): string[] {
  const host = new URL(p.url).host;
  return p.links.filter((l) => (l.tag === 'iframe' || l.tag === 'frame') && l.region === 'main' && new URL(l.url).host === host).map((l) => l.url);
}

const MEDIA = new Set(['img', 'embed', 'source', 'iframe']);

/** A list only a script fills, and nothing read from it. */
const unreadList = (p: Page) => !!p.scriptShapes?.some((x) => UNREAD_SHAPES.includes(x)) && p.items.length === 0;

/** Characters of content text below which a page without items, links or forms is blank (a column title fits). */
const BLANK_TEXT = 40;

function isBlankPage(p: Page): boolean {
  if (p.placeholder) return true;
  // Content shown through a frame is the framed page's, judged there; a picture or a video is content too.
  if (framed(p).length || p.links.some((l) => MEDIA.has(l.tag) && l.region === 'main')) return false;
  // A list a script builds is unread, not empty, even when the browser showed none (its data call may have failed).
  if (unreadList(p)) return false;
  const contentLinks = p.links.filter((l) => l.tag === 'a' && l.region === 'main' && !p.pagination.includes(l.url)).length;
  // A survey or letter form is content too.
  const forms = p.forms.filter((f) => f.region === 'main' && f.fields.length > 0).length;
  // Chrome (header, menus, breadcrumb, footer) is not counted; a heading and a line of text are.
  return p.items.length === 0 && contentLinks === 0 && forms === 0 && p.contentLength < BLANK_TEXT;
}

function buildColumn(group: Page[], byKey: Map<string, Page>): Column {
  // First page: shallowest, then the one without a page number.
  const pageNo = (p: Page) => (/_(\d+)\.\w+$/.exec(new URL(p.url).pathname)?.[1] ?? new URL(p.url).searchParams.get('page') ?? '0') as string;
  const sorted = [...group].sort((a, b) => (a.depth ?? 99) - (b.depth ?? 99) || Number(pageNo(a)) - Number(pageNo(b)));
  const first = sorted[0];
  const { name, source: nameSource } = columnName(first);
  const { type, source: typeSource } = classifyColumn(first.meta.ColumnType, name);
  const seen = new Set<string>();
  const items: ListItem[] = [];
  for (const p of sorted)
    for (const i of p.items) {
      const k = urlKey(i.url);
      if (seen.has(k)) continue;
      seen.add(k);
      items.push({ ...i, date: itemDate(i, byKey) });
    }
  const listDates = items.map((i) => i.date).filter((d): d is string => !!d);
  const articles = items.map((i) => byKey.get(urlKey(i.url))).filter((p): p is Page => !!p?.published);
  const articleDates = articles.map((p) => p.published!);
  const newest = listDates.length ? max(listDates) : articleDates.length ? max(articleDates) : null;
  const newestPage = !listDates.length ? articles.find((p) => p.published === newest) : undefined;
  const placeholder = sorted.map((p) => p.placeholder).find(Boolean) ?? null;
  return {
    url: first.url,
    name,
    nameSource,
    type,
    typeSource,
    pages: sorted.map((p) => p.url),
    items,
    newest,
    newestSource: listDates.length ? 'list' : articleDates.length ? 'articles' : null,
    ...(newestPage
      ? { newestArticle: { url: newestPage.url, published: newestPage.published!, source: newestPage.publishedSource, ...(newestPage.publishedConflict ? { conflict: newestPage.publishedConflict } : {}) } }
      : {}),
    undated: items.filter((i) => !i.date),
    placeholder,
    blank: items.length === 0 && sorted.every(isBlankPage),
    // No item read from a list a script fills or a page frames: not assessed, never "undated".
    unread: items.length === 0 && sorted.some((p) => unreadList(p) || framed(p).length > 0),
    depth: first.depth,
  };
}

const max = (xs: string[]) => xs.reduce((a, b) => (b > a ? b : a));

const SITE_SUFFIX = /\s*[-_|–—]\s*[^-_|–—]*(政府|门户|网站|portal|website|government)[^-_|–—]*$/i;

function columnName(p: Page): { name: string; source: Column['nameSource'] } {
  if (p.meta.ColumnName) return { name: p.meta.ColumnName, source: 'ColumnName' };
  const crumb = p.breadcrumb?.split(/\s*(?:>|»|›|\/|＞|→)\s*/).filter(Boolean).at(-1);
  if (crumb && crumb.length <= 30) return { name: crumb, source: 'breadcrumb' };
  if (p.h1 && p.h1.length <= 30) return { name: p.h1, source: 'h1' };
  if (p.title) return { name: p.title.replace(SITE_SUFFIX, '') || p.title, source: 'title' };
  return { name: new URL(p.url).pathname, source: 'url' };
}
