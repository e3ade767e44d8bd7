// The site snapshot the crawler gathers and the findings rules produce.
// Everything here is plain data so it can be written to disk and read back.

export const CATEGORIES = [
  'search',
  'freshness',
  'accounts',
  'navigation',
  'links',
  'accessibility',
  'interaction',
  'services',
  'security',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['critical', 'serious', 'moderate', 'minor', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Lang = 'zh' | 'en';
export interface Text {
  zh: string;
  en: string;
}

/** Where on the page a link sits; rules weigh footer marks and nav menus differently. */
export type Region = 'header' | 'nav' | 'main' | 'footer' | 'aside';

export interface Link {
  /** Absolute, normalised URL (fragment dropped). */
  url: string;
  /** The href as written in the page. */
  href: string;
  text: string;
  region: Region;
  /** `a` for anchors; `img`, `script`, `link`, `iframe` for embedded resources. */
  tag: string;
  rel?: string;
}

/** A link in a repeated list structure (column list, home-page block) with the date printed beside it. */
export interface ListItem {
  url: string;
  text: string;
  /** ISO date, or null when the list shows none for this item. */
  date: string | null;
  dateText?: string;
  /** The list printed no year (`03-05`); it was inferred from the as-of date. */
  yearInferred?: boolean;
  /** Index of the list block on the page (items of one `<ul>` share it). */
  block: number;
}

/**
 * How script-shipped content reached the audit: read statically (Hanweb datastore records, a Hanweb
 * data proxy's answer, document.write, a TRS pager), or left for the browser (a list template
 * filled by script, a list kept in an HTML comment, a write of links we could not evaluate).
 */
export type ScriptShape = 'hanweb-datastore' | 'hanweb-proxy' | 'document-write' | 'trs-pager' | 'script-template' | 'commented-list' | 'unread-write';
/** Shapes whose list only the browser can read. */
export const UNREAD_SHAPES: readonly ScriptShape[] = ['script-template', 'commented-list', 'unread-write'];

/** A navigation block (menu): how many top-level items it offers and how deeply it nests. */
export interface Menu {
  /** aria-label, id or class of the block: how a webmaster finds it. */
  label: string;
  /** Top-level entries (list items of the outermost list, else links). */
  items: number;
  /** Nesting of lists inside the block: 1 = flat, 2 = one sub-menu level … */
  levels: number;
  region: Region;
  /** Texts of the top-level entries (at most 40), which identify the menu across pages. */
  texts: string[];
}

/** An anchor with visible text that goes nowhere by itself: `javascript:…`, `href=""` or `#`. */
export interface PseudoLink {
  href: string;
  text: string;
  kind: 'javascript' | 'empty' | 'hash';
  region: Region;
}

export interface FormField {
  name: string;
  type: string;
  placeholder?: string;
  label?: string;
}

export interface Form {
  action: string;
  method: string;
  role?: string;
  fields: FormField[];
  buttons: string[];
  region: Region;
}

export interface RedirectHop {
  url: string;
  status: number;
}

/** Government CMS meta tags (国办发〔2017〕47号) plus common generic ones. */
export type PageMeta = Partial<
  Record<
    | 'SiteName'
    | 'SiteDomain'
    | 'SiteIDCode'
    | 'ColumnName'
    | 'ColumnDescription'
    | 'ColumnKeywords'
    | 'ColumnType'
    | 'ArticleTitle'
    | 'PubDate'
    | 'ContentSource'
    | 'Keywords'
    | 'Description'
    | 'Author'
    | 'Url'
    | 'Image',
    string
  >
>;

export interface Timings {
  /** Time to response headers, ms. */
  ttfb?: number;
  /** Whole HTTP fetch incl. body, ms. */
  fetch?: number;
  /** Browser render, ms, when rendered. */
  render?: number;
}

/**
 * Page facts beyond what every page gets (links, title, language, meta, text length): rules
 * name the ones they read, and a crawl computes only those its enabled rules need.
 * pseudoLinks → `pseudoLinks`; dates → `published`, `publishedSource`, `publishedConflict`, `items`, `futureDates`;
 * forms → `forms`; menus → `menus`; content → `contentLength`, `placeholder`, `breadcrumb`, `h1`.
 */
export const PAGE_FACTS = ['pseudoLinks', 'dates', 'forms', 'menus', 'content'] as const;
export type PageFact = (typeof PAGE_FACTS)[number];

export interface Page {
  url: string;
  finalUrl: string;
  status: number | null;
  /** Minimum number of link clicks from the start page; null for pages known only from the sitemap. */
  depth: number | null;
  /** The page through which the crawler first reached this one at minimum depth. */
  parent: string | null;
  /** Text of the link the page was reached by. */
  linkText: string | null;
  orphan?: boolean;
  title: string | null;
  lang: string | null;
  contentType: string | null;
  charset: string | null;
  meta: PageMeta;
  links: Link[];
  forms: Form[];
  /** Navigation blocks (nav elements, role=navigation, menu-like lists). */
  menus: Menu[];
  /** Anchors used as links that do not link anywhere without script. */
  pseudoLinks: PseudoLink[];
  /** Visible text length (characters, whitespace collapsed). */
  textLength: number;
  /** Text length outside header, nav, footer and aside: what the page itself says. */
  contentLength: number;
  /** The page's own publication date (ISO), and where it was read. */
  published: string | null;
  publishedSource: string | null;
  /** Another source's publication date that disagrees with the one used (the CMS PubDate meta when the printed date won). */
  publishedConflict?: { date: string; source: string };
  /** Items of the page's lists with their dates (column lists, home-page blocks). */
  items: ListItem[];
  /** Links that page through the same list (下一页, 2, 尾页 …). */
  pagination: string[];
  /** Placeholder text of an empty column (暂无信息, 栏目建设中 …) found in the content. */
  placeholder: string | null;
  breadcrumb: string | null;
  h1: string | null;
  /** Dates later than the as-of date (+1 day) that were ignored. */
  futureDates: string[];
  redirects: RedirectHop[];
  rendered: boolean;
  /** Why the page was rendered in the browser, when it was. */
  renderReason?: string;
  /** Rendering was wanted but failed; the HTTP facts stand. */
  renderError?: string;
  timings: Timings;
  /** Bytes of the body received (capped). */
  bytes: number;
  /** True for HTML documents that were parsed; false for resources checked for status only. */
  html: boolean;
  /** Content the CMS ships in scripts that was read statically (Hanweb datastore records, document.write, TRS pagers). */
  scriptShapes?: ScriptShape[];
  /** File name of the stored body under the snapshot's body store, when kept. */
  bodyFile?: string;
  error: string | null;
}

export interface TrapReport {
  kind: 'calendar' | 'query-variants' | 'path-repetition' | 'url-length' | 'path-depth';
  /** The path (or pattern) the guard cut off. */
  key: string;
  skipped: number;
  examples: string[];
}

export interface CrawlSummary {
  startUrl: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  pagesFetched: number;
  pagesRendered: number;
  errors: number;
  /** Limits that cut the crawl short (max pages, max depth) with how many URLs they held back. */
  limits: { maxPagesReached: boolean; maxDepthSkipped: number; robotsSkipped: number; excludedSkipped: number; maxTimeReached?: boolean };
  traps: TrapReport[];
  robots: { found: boolean; honoured: boolean; crawlDelay?: number };
  sitemap: { found: boolean; urls: number };
  partial: boolean;
  /** Pages taken from the checkpoint of an interrupted run (--resume) instead of fetched again. */
  resumedPages?: number;
  /** Related hosts crawled for a rule (in the report only): host, entry, where linked, pages read there. */
  satellites?: (Omit<Satellite, 'pages' | 'readBody'> & { pages: Pick<Page, 'url' | 'status' | 'error'>[] })[];
  /** Connections the network guard refused (private, loopback, link-local, metadata addresses). */
  refused: { host: string; address: string; class: string; by: 'http' | 'browser'; url?: string; count?: number }[];
}

export type A11yMode = 'all' | 'templates' | 'none';

/** One element axe flagged. */
export interface AxeNode {
  /** CSS selector (axe's `target`, frames joined with ` >>> `). */
  selector: string;
  html: string;
  failureSummary: string;
  impact: string | null;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  tags: string[];
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** An element measured in the page: where it is and how big. */
export interface ElementFact {
  selector: string;
  text: string;
  width: number;
  height: number;
}

/** What the browser measured on one page at desktop width, at 200 % zoom and at phone width. */
export interface LayoutFacts {
  lang: string | null;
  viewportMeta: string | null;
  /** Fixed or moving overlays (飘窗): position, size and whether they moved while watched. */
  overlays: (ElementFact & { position: string; moving: boolean; closable: boolean })[];
  /** Content text (header, nav, footer, aside left out): characters by font size in px. */
  fontSizes: Record<string, number>;
  /** The font size most content characters have, px. */
  bodyFontPx: number | null;
  /** Line height ÷ font size of most content characters (`normal` counts as 1.2). */
  bodyLineHeight: number | null;
  smallText: ElementFact[];
  /** Links or buttons that switch to an accessible / elder / large-text mode. */
  elderEntries: ElementFact[];
  /** Font-size controls (A+ / 大 中 小). */
  textSizeControls: number;
  captchas: (ElementFact & { alternative: string | null })[];
  /** At 640 CSS px (200 % of 1280): page wider than the viewport, text cut off by overflow. */
  zoom: { width: number; scrollWidth: number; clipped: ElementFact[] };
  /** At 375 CSS px. */
  mobile: { width: number; scrollWidth: number; smallTargets: ElementFact[]; smallCount: number; targets: number };
}

export interface A11yPage {
  url: string;
  /** Template group the page belongs to. */
  template: string;
  /** Pages this analysis stands for (its template's pages in `templates` mode; itself otherwise). */
  represents: string[];
  /** Null when the page was analysed; otherwise why not (time limit, navigation error). */
  error: string | null;
  ms: number;
  violations: AxeViolation[];
  /** axe rules that passed / needed review, counted. */
  passes: number;
  incomplete: number;
  layout: LayoutFacts | null;
}

export interface A11yArtifact {
  mode: A11yMode;
  tags: string[];
  axeVersion: string;
  pages: A11yPage[];
  /** Template groups: id → pages. */
  templates: Record<string, string[]>;
  ms: number;
  /** The pass's own account: wall time from its first page, time its workers were busy, pages it began while the crawl still ran, and pages analysed on a guess that were not the template's samples after all. */
  phase?: { wallMs: number; busyMs: number; workers: number; startedDuringCrawl: number; discarded: number };
  /** Why nothing could be analysed (e.g. Chromium would not start); the rest of the audit stands. */
  error?: string;
}

/** Another host of the same government crawled from a link a rule wanted followed (a letter system, a service hall). */
export interface Satellite {
  host: string;
  /** The linked page the crawl started from, and where the portal links it. */
  entry: string;
  linkedFrom: string;
  linkText: string;
  reachable: boolean;
  maxPagesReached: boolean;
  pages: Page[];
  readBody(url: string): Promise<string | null>;
}

export interface Snapshot {
  startUrl: string;
  /** Host of the start page after redirects; defines same-site scope. */
  origin: string;
  asOf: string;
  lang: Lang;
  pages: Page[];
  crawl: CrawlSummary;
  /** Same-site URLs the crawler deliberately did not fetch (urlKey → why): link checkers skip them too. */
  heldBack: Record<string, 'robots' | 'excluded'>;
  /** Accessibility and layout analysis in the browser (absent with `--a11y none`). */
  a11y?: A11yArtifact;
  /** Related hosts crawled for the rules that asked (Rule.offsite): their pages are not the portal's. */
  satellites?: Satellite[];
  /** The week of availability probes before `asOf` from the history store (`--db`); absent without one. */
  monitoring?: import('../history/availability.js').Availability & { store: string; sites: string[]; weekEnds: string };
  /** Read a stored page body (HTML after decoding/rendering); null when not kept. */
  readBody(url: string): Promise<string | null>;
}

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** Page where the problem was observed. */
  url: string;
  /** The thing the finding is about: a stale column, a broken href, an account URL. */
  target: string;
  message: string;
  evidence: Record<string, unknown>;
  /** Set when the finding is a veto item of the scoring profile (单项否决). */
  veto?: boolean;
}
