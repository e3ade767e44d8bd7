// Content that government CMSs ship inside scripts, read statically (no browser, nothing run):
// - Hanweb (大汉) JCMS "datastore" lists: <script type="text/xml"><datastore><recordset><record>
//   <![CDATA[<li>…</li>]]></record>…</datastore></script>, paged through a data proxy
//   (/module/web/jpage/dataproxy.jsp?…&startrecord=46&endrecord=90&perpage=15) whose answer is the
//   same XML;
// - lists and dates written with document.write(…) from literals and simple variables, and TRS
//   WCM pagers, createPageHTML(<page count>, <current index>, "index", "html") (template-script.ts).
// The page's HTML gets what the browser would have written, in place, so every reader (tree,
// token stream, list items, dates) sees it; the shapes found are recorded on the page. Lists a
// script builds from a template, from a comment or in a way we cannot evaluate are marked for the
// browser instead, never read as empty. One linear scan of the document: hostile markup (thousands
// of unclosed tags or comments) costs time in proportion to its size.
import type { ScriptShape } from '../model/types.js';
import { runTemplateScript, type Vars } from './template-script.js';

export interface Expanded {
  html: string;
  shapes: ScriptShape[];
}

/** Written content per page at most: a script we mis-read must not blow the page up. */
const MAX_OUTPUT = 1_000_000;
/** Scripts longer than this are libraries, not templates. */
const MAX_SCRIPT = 200_000;
/** Record groups of a data proxy linked at most from one list. */
const MAX_GROUPS = 200;
/** Attributes of a <script> tag longer than this: not a tag. */
const MAX_TAG = 2000;

type Chunk = { kind: 'text' | 'comment'; start: number; end: number } | { kind: 'script'; start: number; end: number; attrs: string; body: string };

/**
 * The document as text, comments and scripts, in order, as an HTML tokenizer splits them: a
 * comment ends at the first `-->` (`<!-->` and `<!--->` are empty), a script at the first `</script`,
 * and both run to the end of the document when unclosed.
 */
function scan(html: string): Chunk[] {
  const out: Chunk[] = [];
  const lower = html.length < 50_000_000 ? html.toLowerCase() : html;
  let at = 0;
  // Next comment and script openings, looked up again only once passed: linear in the document.
  let c = -2;
  let s = -2;
  while (at < html.length) {
    if (c !== -1 && c < at) c = lower.indexOf('<!--', at);
    if (s !== -1 && s < at) s = lower.indexOf('<script', at);
    const next = c < 0 ? s : s < 0 ? c : Math.min(c, s);
    if (next < 0) break;
    if (next > at) out.push({ kind: 'text', start: at, end: next });
    if (next === c) {
      const empty = html.startsWith('<!-->', c) ? 5 : html.startsWith('<!--->', c) ? 6 : 0;
      const close = empty ? c + empty : lower.indexOf('-->', c + 4);
      const end = close < 0 ? html.length : empty ? close : close + 3;
      out.push({ kind: 'comment', start: c, end });
      at = end;
      continue;
    }
    const inTag = html.slice(s + 7, s + 7 + MAX_TAG).indexOf('>');
    const gt = inTag < 0 ? -1 : s + 7 + inTag;
    const nameEnds = /[\s>/]/.test(html[s + 7] ?? '');
    if (!nameEnds || gt < 0) {
      out.push({ kind: 'text', start: s, end: s + 7 });
      at = s + 7;
      continue;
    }
    const close = lower.indexOf('</script', gt + 1);
    const bodyEnd = close < 0 ? html.length : close;
    const tagEnd = close < 0 ? html.length : (html.indexOf('>', close) + 1 || html.length);
    out.push({ kind: 'script', start: s, end: tagEnd, attrs: html.slice(s + 7, gt), body: html.slice(gt + 1, bodyEnd) });
    at = tagEnd;
  }
  if (at < html.length) out.push({ kind: 'text', start: at, end: html.length });
  return out;
}

const TEMPLATE_TYPE = /type\s*=\s*["']?text\/(x-handlebars-template|x-template|template|x-tmpl|html)\b/i;
const JS_TYPE = /type\s*=\s*["']?(?!(?:text|application)\/(?:javascript|ecmascript|x-javascript)|module)[\w/+-]/i;
const DATE = /(19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}/g;

/** A list kept inside an HTML comment that a script shows: three or more linked, dated list items (not a commented-out menu). */
function commentedList(text: string): boolean {
  if (text.length > 500_000) return false;
  const count = (re: RegExp) => text.match(re)?.length ?? 0;
  return count(/<li\b/gi) >= 3 && count(/<a\s[^>]*href/gi) >= 3 && count(DATE) >= 3;
}

/** Quick test: does this page ship content in scripts or comments at all? (Most pages do not: no scan runs.) */
const mayShip = (html: string) => html.includes('<script') || html.includes('<SCRIPT') || html.includes('<!--');

export function expandScriptContent(html: string, pageUrl: string): Expanded {
  if (!mayShip(html)) return { html, shapes: [] };
  try {
    return expand(html, pageUrl);
  } catch {
    // A document we cannot read this way is read as it is.
    return { html, shapes: [] };
  }
}

function expand(html: string, pageUrl: string): Expanded {
  const shapes = new Set<ScriptShape>();
  const vars: Vars = new Map();
  let config: PagerConfig | null = null;
  let budget = MAX_OUTPUT;
  let changed = false;
  const parts: string[] = [];
  for (const ch of scan(html)) {
    const raw = html.slice(ch.start, ch.end);
    if (ch.kind !== 'script') {
      if (ch.kind === 'comment' && commentedList(raw)) shapes.add('commented-list');
      parts.push(raw);
      continue;
    }
    if (TEMPLATE_TYPE.test(ch.attrs) && (ch.body.includes('{{') || ch.body.includes('<%'))) shapes.add('script-template');
    if (/type\s*=\s*["']?text\/xml/i.test(ch.attrs) && ch.body.includes('<datastore')) {
      const list = datastoreHtml(ch.body, pageUrl, (config ??= pagerConfig(html)));
      if (list && list.length < budget) {
        shapes.add('hanweb-datastore');
        budget -= list.length;
        parts.push(list);
        changed = true;
        continue;
      }
    }
    const js = !/\bsrc\s*=/i.test(ch.attrs) && !JS_TYPE.test(ch.attrs) && ch.body.length <= MAX_SCRIPT;
    const written = js && /document\.write|createPageHTML/.test(ch.body) ? runTemplateScript(ch.body, vars, shapes, budget) : js && /\b(var|let|const)\b|=/.test(ch.body) ? (runTemplateScript(ch.body, vars, shapes, 0), '') : '';
    budget -= written.length;
    parts.push(raw + written);
    changed ||= written.length > 0;
  }
  return { html: changed ? parts.join('') : html, shapes: [...shapes] };
}

// ---------------------------------------------------------------- Hanweb datastore

interface PagerConfig {
  proxyUrl: string | null;
  perPage: number | null;
  totalRecord: number | null;
}

/** The jpage call's settings (proxyUrl, perPage, totalRecord) written elsewhere on the page. */
function pagerConfig(html: string): PagerConfig {
  const num = (re: RegExp) => {
    const m = re.exec(html);
    return m ? Number(m[1]) : null;
  };
  return {
    proxyUrl: /proxyUrl\s*[:=]\s*['"]([^'"]{1,500})['"]/i.exec(html)?.[1] ?? null,
    perPage: num(/perPage\s*[:=]\s*['"]?(\d{1,6})/i),
    totalRecord: num(/totalRecord\s*[:=]\s*['"]?(\d{1,9})/i),
  };
}

const decodeEntities = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
/** CDATA sections joined, else the entity-decoded text. */
function cdataOrText(s: string): string {
  const parts: string[] = [];
  for (let at = s.indexOf('<![CDATA['); at >= 0; at = s.indexOf('<![CDATA[', at)) {
    const end = s.indexOf(']]>', at + 9);
    parts.push(s.slice(at + 9, end < 0 ? s.length : end));
    if (end < 0) break;
    at = end + 3;
  }
  return parts.length ? parts.join('') : decodeEntities(s);
}

/** Every `<tag …>…</tag>` content in order (lower-case tag names, as the CMS writes them). */
function elements(xml: string, tag: string, lower = xml.toLowerCase()): string[] {
  const out: string[] = [];
  const open = `<${tag}`;
  const close = `</${tag}>`;
  for (let at = lower.indexOf(open); at >= 0; at = lower.indexOf(open, at)) {
    const after = lower[at + open.length];
    const gt = lower.indexOf('>', at);
    if (gt < 0) break;
    if (after !== '>' && after !== ' ' && after !== '\t' && after !== '\n' && after !== '\r') {
      at = gt;
      continue;
    }
    const end = lower.indexOf(close, gt);
    out.push(xml.slice(gt + 1, end < 0 ? xml.length : end));
    if (end < 0) break;
    at = end + close.length;
  }
  return out;
}

export interface Datastore {
  records: string[];
  /** The next group's address (a data proxy URL), as written. */
  nextGroup: string | null;
  totalRecord: number | null;
}

export function readDatastore(xml: string): Datastore | null {
  const lower = xml.toLowerCase();
  if (!lower.includes('<datastore')) return null;
  const recordset = elements(xml, 'recordset', lower)[0] ?? '';
  const records = elements(recordset, 'record').map((r) => cdataOrText(r).trim()).filter(Boolean);
  const next = elements(xml, 'nextgroup', lower)[0];
  const nextHref = next ? (/href\s*=\s*["']([^"']{1,2000})["']/i.exec(cdataOrText(next))?.[1] ?? null) : null;
  const total = elements(xml, 'totalrecord', lower)[0];
  return { records, nextGroup: nextHref ? decodeEntities(nextHref) : null, totalRecord: total && /^\s*\d{1,9}\s*$/.test(total) ? Number(total) : null };
}

/** Records as the list the page's script would build, plus links to the data proxy's further groups. */
function datastoreHtml(xml: string, pageUrl: string, config: PagerConfig): string | null {
  const ds = readDatastore(xml);
  if (!ds) return null;
  return listHtml(ds.records, 'hanweb-datastore') + proxyPager(ds, { from: 1, pageUrl, config });
}

function listHtml(records: string[], shape: ScriptShape): string {
  const first = records[0]?.trimStart().slice(0, 4).toLowerCase() ?? '';
  if (first.startsWith('<tr')) return `<table data-script-content="${shape}"><tbody>${records.join('\n')}</tbody></table>`;
  if (first.startsWith('<li')) return `<ul data-script-content="${shape}">${records.join('\n')}</ul>`;
  return `<div data-script-content="${shape}">${records.map((r) => `<div class="record">${r}</div>`).join('\n')}</div>`;
}

/**
 * Links to the record groups after `from + records − 1`, numbered like the pager shows them.
 * The proxy takes startrecord/endrecord/perpage with the list's parameters (columnid, unitid …)
 * from the nextgroup link (POST in the browser; JSP reads the same parameters from a GET). A
 * page that ships no record but a total loads its first group through the proxy too.
 */
function proxyPager(ds: Datastore, o: { from: number; pageUrl: string; config: PagerConfig }): string {
  const proxy = ds.nextGroup ?? o.config.proxyUrl;
  const total = ds.totalRecord ?? o.config.totalRecord;
  if (!proxy || (ds.records.length === 0 && !total)) return '';
  let base: URL;
  try {
    base = new URL(proxy, o.pageUrl);
  } catch {
    return '';
  }
  const perPage = Number(base.searchParams.get('perpage')) || o.config.perPage || ds.records.length || 15;
  const size = ds.records.length || perPage;
  const start = o.from + ds.records.length;
  // Without a total, one more group: its answer states the total and links the rest.
  const ends = total !== null ? Math.min(total, start - 1 + size * MAX_GROUPS) : start + size - 1;
  const links: string[] = [];
  for (let s = start; s <= ends; s += size) {
    const u = new URL(base);
    for (const k of ['page', 'startrecord', 'endrecord', 'perpage']) u.searchParams.delete(k);
    u.searchParams.set('startrecord', String(s));
    u.searchParams.set('endrecord', String(Math.min(s + size - 1, total ?? s + size - 1)));
    u.searchParams.set('perpage', String(perPage));
    links.push(`<a href="${escAttr(u.toString())}">${Math.floor((s - 1) / perPage) + 1}</a>`);
  }
  return links.length ? `<div class="pager" data-script-content="hanweb-proxy">${links.join(' ')}</div>` : '';
}

/**
 * A data proxy's XML answer as an HTML list page: its records, and links to the groups after it.
 * Relative record links resolve against `listPage`, the column page that asked for them.
 */
export function datastoreDocument(xml: string, url: string, listPage?: string | null): string | null {
  const ds = readDatastore(xml);
  if (!ds) return null;
  const u = new URL(url);
  const from = Number(u.searchParams.get('startrecord')) || 1;
  const pager = proxyPager({ ...ds, nextGroup: url }, { from, pageUrl: url, config: { proxyUrl: null, perPage: null, totalRecord: null } });
  const base = listPage ? `<base href="${escAttr(listPage)}">` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8">${base}</head><body><div class="list">${listHtml(ds.records, 'hanweb-proxy')}${pager}</div></body></html>`;
}

/** Is this HTTP answer a datastore document (a Hanweb data proxy's reply)? */
export const isDatastoreXml = (contentType: string | null, head: string) => /xml/i.test(contentType ?? '') && /<datastore\b/i.test(head);

const escAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
