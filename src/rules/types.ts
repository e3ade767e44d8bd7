// What a rule is: metadata plus a pure function from the site snapshot to findings.
// Rules that must act on the site (submit a search, open an account page) use the probe.
import type { Page as BrowserPage } from 'playwright';
import type { LinkStatus } from '../crawl/link-check.js';
import type { TlsInfo } from '../crawl/http.js';
import type { Category, Finding, Lang, Link, PageFact, Severity, Snapshot, Text, Page } from '../model/types.js';

export interface ProbeResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** What a rule's `prefetch` may do during the crawl: start link checks (answers are cached for `run`). */
export interface PrefetchContext {
  /** The rule's options, as `run` gets them. */
  options: Record<string, unknown>;
  /** The audited site's host (links to it are the crawl's to fetch). */
  siteHost: string;
  /** State the rule keeps across pages (what it asked, against its cap). */
  state: Record<string, unknown>;
  /** Start a check; its answer is kept for `probe.checkLink`. */
  checkLink(url: string): void;
}

/** The small, explicit API through which a rule may touch the live site. */
export interface Probe {
  /** GET over the crawler's HTTP client (same --resolve, time-outs and body cap). */
  fetch(url: string): Promise<ProbeResponse>;
  /** Status of a link target (HEAD, GET fallback, redirects, Retry-After, bot blocks), polite per host, cached per URL. */
  checkLink(url: string): Promise<LinkStatus>;
  /** Open a browser tab on `url` and run `fn` in it; the tab is always closed. */
  /** `budgetMs` bounds the whole session (default: twice the request time limit). */
  withPage<T>(url: string, fn: (page: BrowserPage) => Promise<T>, opts?: { budgetMs?: number }): Promise<T>;
  /** GET the raw bytes (attachments), capped like every body; `truncated` when the cap cut it. */
  download(url: string): Promise<{ url: string; status: number; headers: Record<string, string>; body: Buffer; truncated: boolean }>;
  /** TLS handshake with an https origin: certificate trust, host name, days left, protocol. */
  tls(url: string): Promise<TlsInfo>;
}

export interface RuleContext {
  snapshot: Snapshot;
  asOf: string;
  /** Language of messages (`--lang`). */
  lang: Lang;
  /** Language of the audited site: what decides Chinese-portal rules such as veto items. */
  siteLang: Lang;
  /** `rules.<id>.options` from the config file. */
  options: Record<string, unknown>;
  probe: Probe;
  /** The audit's per-request time limit, for rules that act on the site. */
  timeoutMs: number;
  t(text: Text): string;
}

/** A finding as a rule writes it; the engine fills in rule id, category and severity defaults. */
export type RuleFinding = Omit<Finding, 'ruleId' | 'category' | 'severity'> & {
  /** A finding of another category than the rule's (a search probe that reveals a security hole). */
  category?: Category;
  /** Sub-check id appended to the rule id: `site-identity/icp-record`. */
  check?: string;
  severity?: Severity;
};

export type RuleOutput = RuleFinding[] | { findings: RuleFinding[]; data?: Record<string, unknown> };

export interface Rule {
  id: string;
  category: Category;
  title: Text;
  description: Text;
  severity: Severity;
  /** Standards or indicators the rule implements, e.g. `国办秘函〔2019〕19号 功能设计`. */
  standards: string[];
  /**
   * Page facts the rule reads beyond links, title, language and meta (see PAGE_FACTS).
   * Absent means all of them; a crawl whose rules need fewer parses less.
   */
  facts?: PageFact[];
  /**
   * Links to another host of the same government whose pages the rule reads (a letter system, a
   * service hall): the crawl follows them there, within a page cap per host (snapshot.satellites).
   */
  offsite?(link: Link): boolean;
  /**
   * Starts link checks for a page the crawl just finished, so they run while the crawl goes on;
   * `run` later finds them answered (the probe caches per URL). It asks only what `run` would ask
   * (up to the rule's own cap).
   */
  prefetch?(page: Page, ctx: PrefetchContext): void;
  /** Reads `snapshot.a11y`: runs once the accessibility pass is done (other rules do not wait for it). */
  needsA11y?: boolean;
  /** Ask the crawler to render pages in the browser: return the reason, or null. */
  renderWhen?(page: Page): string | null;
  /** Findings, optionally with data for reporters (merged into `report.data[category]`). */
  run(ctx: RuleContext): RuleOutput | Promise<RuleOutput>;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
