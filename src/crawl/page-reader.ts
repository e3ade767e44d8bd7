// The crawl's parse and persist stages: what a fetched body becomes. Decoded (GBK and friends),
// lists shipped in scripts expanded, parsed into page facts, judged (a 200 "页面不存在" is a soft
// 404), rendered in Chromium when the static page cannot be read, and its HTML stored on disk.
import { UNREAD_SHAPES, type Page, type PageFact } from '../model/types.js';
import type { BodyStore } from '../model/store.js';
import type { BrowserPool } from './browser.js';
import { decodeHtml } from './charset.js';
import type { HttpResponse } from './http.js';
import { parseHtml, type ParsedPage } from './parse.js';
import { datastoreDocument, expandScriptContent, isDatastoreXml } from './script-content.js';
import { looksLikeResource } from './url.js';

export interface ReaderOptions {
  asOf: string;
  facts?: ReadonlySet<PageFact>;
  render: 'auto' | 'always' | 'never';
  renderWhen?: ((page: Page) => string | null)[];
  maxBodyBytes: number;
}

export class PageReader {
  constructor(
    private readonly opts: ReaderOptions,
    private readonly browser: BrowserPool,
    private readonly store: BodyStore,
    private readonly intern: (s: string) => string,
  ) {}

  /**
   * Fills `page` from the response. True when it is an HTML page of the site whose links the
   * crawl follows; false for resources, error answers, soft 404s and pages shown as source.
   * `judgeNotFound` is false for the start page: a false match there would leave no site.
   */
  async read(page: Page, res: HttpResponse, where: { parent: string | null; judgeNotFound: boolean }): Promise<boolean> {
    const ct = res.headers['content-type'] ?? null;
    page.contentType = ct;
    page.bytes = res.body.length;
    if (res.truncated) page.error = `body larger than ${this.opts.maxBodyBytes} bytes; truncated`;
    const head = res.body.subarray(0, 512).toString('latin1');
    const isHtml = ct ? /html|xhtml/i.test(ct) : !looksLikeResource(page.finalUrl) && /^\s*</.test(head);
    // A whole HTML document labelled text/plain is shown to visitors as source code: a broken page.
    if (ct && /^text\/plain/i.test(ct) && /^\s*(<!doctype html|<html[\s>])/i.test(head) && !page.error)
      page.error = `HTML served as ${ct.split(';')[0].trim()}: browsers show it as source text; not parsed`;
    // A Hanweb data proxy answers XML records: the next pages of a column's list.
    const datastore = !isHtml && isDatastoreXml(ct, head);
    if ((!isHtml && !datastore) || res.status >= 400) return false;
    const decoded = decodeHtml(res.body, ct);
    page.charset = decoded.charset;
    // Lists and pagers the CMS ships in scripts are read statically, as the browser would write them.
    const expanded = datastore ? { html: datastoreDocument(decoded.text, page.finalUrl, where.parent) ?? '', shapes: ['hanweb-proxy' as const] } : expandScriptContent(decoded.text, page.finalUrl);
    const parsed = parseHtml(expanded.html, page.finalUrl, this.opts.asOf, this.opts.facts);
    // A "not found" page served with 200 is a broken target, not a page to audit.
    const notFound = where.judgeNotFound ? softNotFound(parsed.title, parsed.h1) : null;
    if (notFound) {
      page.title = parsed.title;
      page.error = `soft 404: answers HTTP ${res.status} but says “${notFound}”`;
      return false;
    }
    this.apply(page, parsed);
    if (expanded.shapes.length) page.scriptShapes = expanded.shapes;
    page.html = true;
    // A truncated body stays truncated: the browser would fetch the whole of it again.
    const reason = res.truncated ? null : this.renderReason(page, parsed);
    const html = reason ? await this.render(page, parsed, reason, expanded.html) : expanded.html;
    page.bodyFile = await this.store.put(page.url, html);
    return true;
  }

  /** The rendered DOM replaces the static facts; a render that fails is recorded and the static page kept. */
  private async render(page: Page, parsed: ParsedPage, reason: string, html: string): Promise<string> {
    try {
      const r = await this.browser.render(page.finalUrl);
      this.apply(page, mergeRendered(parsed, parseHtml(r.html, r.finalUrl, this.opts.asOf, this.opts.facts)));
      page.rendered = true;
      page.renderReason = reason;
      page.timings.render = Math.round(r.ms);
      return r.html;
    } catch (e) {
      page.renderError = (e as Error).message.split('\n')[0];
      return html;
    }
  }

  private renderReason(page: Page, parsed: ParsedPage): string | null {
    if (this.opts.render === 'never') return null;
    if (this.opts.render === 'always') return 'render=always';
    if (parsed.appShell) return 'script-driven page with little static text';
    // A list only a script builds (client template, list kept in a comment): read what the browser shows.
    if (page.scriptShapes?.some((x) => UNREAD_SHAPES.includes(x)) && page.items.length < 3) return 'list built by script';
    for (const f of this.opts.renderWhen ?? []) {
      const r = f(page);
      if (r) return r;
    }
    return null;
  }

  private apply(page: Page, p: ParsedPage): void {
    const { appShell: _shell, ...facts } = p;
    // Header, menu and footer links repeat on every page: one copy of each string, not 10 000.
    facts.links = facts.links.map((l) => ({ ...l, url: this.intern(l.url), href: this.intern(l.href), text: this.intern(l.text) }));
    Object.assign(page, facts);
  }
}

// Titles and headings of error pages that answer 200 (custom 404 pages of IIS, Dede, Hanweb …).
const NOT_FOUND = /^\s*(?:error\s*)?404(?:\s*$|[\s\-–—:：!！|_]|\s*(?:not found|错误|页面|error))|\b404\s*(?:not found|错误|页面|error)|错误\s*404|页面不存在|网页不存在|页面未找到|页面找不到|找不到(?:该|您要的|您访问的|此)?页面|您(?:所)?(?:要)?访问的页面(?:不存在|已删除|已被删除|找不到)|信息(?:已删除|不存在)|文章不存在|(?:page|file) not found|^\s*not found\s*$/i;

/** The words of a title or heading that say "not found", or null. Long titles are articles that mention it. */
export function softNotFound(title: string | null, h1: string | null): string | null {
  for (const t of [title, h1]) {
    if (!t || t.length > 60) continue;
    const m = NOT_FOUND.exec(t);
    if (m) return t.trim();
  }
  return null;
}

/** The rendered DOM wins, but CMS meta tags a script removed are kept from the HTTP body. */
function mergeRendered(http: ParsedPage, dom: ParsedPage): ParsedPage {
  return { ...dom, meta: { ...http.meta, ...dom.meta }, title: dom.title ?? http.title, lang: dom.lang ?? http.lang };
}
