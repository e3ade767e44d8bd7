// Content that government CMSs ship inside scripts, read statically (no browser, nothing run):
// - Hanweb (大汉) JCMS "datastore" lists: <script type="text/xml"><datastore><recordset><record>
//   <![CDATA[<li>…</li>]]></record>…</datastore></script>, paged through a data proxy
//   (/module/web/jpage/dataproxy.jsp?…&startrecord=46&endrecord=90&perpage=15) whose answer is the
//   same XML;
// - lists and dates written with document.write(…) from string literals and simple variables;
// - TRS WCM pagers, createPageHTML(<page count>, <current index>, "index", "html") → index_1.html ….
// The page's HTML gets what the browser would have written, in place, so every reader (tree,
// token stream, list items, dates) sees it; the shapes found are recorded on the page. An
// expression we cannot evaluate statically is left alone, never guessed.

import type { ScriptShape } from '../model/types.js';

export interface Expanded {
  html: string;
  shapes: ScriptShape[];
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
/** Written content per page at most: a script loop we mis-read must not blow the page up. */
const MAX_OUTPUT = 1_000_000;
/** Scripts longer than this are libraries, not templates. */
const MAX_SCRIPT = 200_000;
/** Pages a generated pager links at most (trap and page limits still apply). */
const MAX_PAGER = 500;
/** Record groups of a data proxy linked at most from one list. */
const MAX_GROUPS = 200;

/** Quick test: does this page ship content in scripts at all? (Most pages do not: no regex runs.) */
export const mayShipScriptContent = (html: string) => html.includes('<datastore') || html.includes('document.write') || html.includes('createPageHTML');

/** A list the browser builds from a client-side template (Handlebars, jpaas loadPageData …): not readable statically. */
const TEMPLATE = /<script\b[^>]*type\s*=\s*["']?text\/(x-handlebars-template|x-template|template|x-tmpl|html)\b[^>]*>(?:(?!<\/script)[\s\S])*?(\{\{|<%)/i;
/** [start, end) of every HTML comment. */
function commentRanges(html: string): [number, number][] {
  const out: [number, number][] = [];
  for (let at = html.indexOf('<!--'); at >= 0; at = html.indexOf('<!--', at + 4)) {
    const end = html.indexOf('-->', at + 4);
    out.push([at, end < 0 ? html.length : end + 3]);
    if (end < 0) break;
    at = end;
  }
  return out;
}

/** A list shipped inside an HTML comment that a script shows: three or more linked list items. */
function commentedList(html: string): boolean {
  for (let at = html.indexOf('<!--'); at >= 0; at = html.indexOf('<!--', at + 4)) {
    const end = html.indexOf('-->', at + 4);
    if (end < 0) return false;
    const c = html.slice(at + 4, end);
    if ((c.match(/<li\b/gi)?.length ?? 0) >= 3 && (c.match(/<a\s[^>]*href/gi)?.length ?? 0) >= 3) return true;
    at = end;
  }
  return false;
}

/**
 * Lists a script builds that cannot be read without running it: the page is not blank, only
 * unread until rendered (a list template filled from an API, a list kept in a comment).
 */
export function unreadLists(html: string): ScriptShape[] {
  const out: ScriptShape[] = [];
  if (html.includes('<script') && TEMPLATE.test(html)) out.push('script-template');
  if (html.includes('<!--') && html.includes('<li') && commentedList(html)) out.push('commented-list');
  return out;
}

export function expandScriptContent(html: string, pageUrl: string): Expanded {
  const unread = unreadLists(html);
  if (!mayShipScriptContent(html)) return { html, shapes: unread };
  const shapes = new Set<ScriptShape>(unread);
  const vars = new Map<string, Value>();
  const config = pagerConfig(html);
  let budget = MAX_OUTPUT;
  // A script inside an HTML comment never runs (templates comment out old lists and pagers).
  const comments = commentRanges(html);
  const out = html.replace(SCRIPT, (whole, attrs: string, body: string, at: number) => {
    if (comments.some(([a, b]) => at > a && at < b)) return whole;
    if (/type\s*=\s*["']?text\/xml/i.test(attrs) && body.includes('<datastore')) {
      const list = datastoreHtml(body, pageUrl, config);
      if (!list) return whole;
      shapes.add('hanweb-datastore');
      budget -= list.length;
      return budget > 0 ? list : whole;
    }
    if (/\bsrc\s*=/i.test(attrs) || body.length > MAX_SCRIPT || (!body.includes('document.write') && !body.includes('createPageHTML') && !/\bvar\b|\blet\b|\bconst\b/.test(body))) return whole;
    const written = runTemplateScript(body, vars, shapes);
    if (!written) return whole;
    budget -= written.length;
    return budget > 0 ? whole + written : whole;
  });
  return { html: out, shapes: [...shapes] };
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
    proxyUrl: /proxyUrl\s*[:=]\s*['"]([^'"]+)['"]/i.exec(html)?.[1] ?? null,
    perPage: num(/perPage\s*[:=]\s*['"]?(\d+)/i),
    totalRecord: num(/totalRecord\s*[:=]\s*['"]?(\d+)/i),
  };
}

const cdataOrText = (s: string) => {
  const parts = [...s.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]);
  return parts.length ? parts.join('') : decodeEntities(s);
};
const decodeEntities = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const tagText = (xml: string, tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'i').exec(xml)?.[1];

export interface Datastore {
  records: string[];
  /** The next group's address (a data proxy URL), as written. */
  nextGroup: string | null;
  totalRecord: number | null;
}

export function readDatastore(xml: string): Datastore | null {
  if (!/<datastore\b/i.test(xml)) return null;
  const recordset = tagText(xml, 'recordset') ?? '';
  const records = [...recordset.matchAll(/<record\b[^>]*>([\s\S]*?)<\/record>/gi)].map((m) => cdataOrText(m[1]).trim()).filter(Boolean);
  const next = tagText(xml, 'nextgroup');
  const nextHref = next ? (/href\s*=\s*["']([^"']+)["']/i.exec(cdataOrText(next))?.[1] ?? null) : null;
  const total = tagText(xml, 'totalrecord');
  return { records, nextGroup: nextHref ? decodeEntities(nextHref) : null, totalRecord: total && /^\s*\d+\s*$/.test(total) ? Number(total) : null };
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
 * from the nextgroup link (POST in the browser; JSP reads the same parameters from a GET).
 */
function proxyPager(ds: Datastore, o: { from: number; pageUrl: string; config: PagerConfig }): string {
  const size = ds.records.length;
  const proxy = ds.nextGroup ?? o.config.proxyUrl;
  if (!proxy || size === 0) return '';
  let base: URL;
  try {
    base = new URL(proxy, o.pageUrl);
  } catch {
    return '';
  }
  const perPage = Number(base.searchParams.get('perpage')) || o.config.perPage || size;
  const total = ds.totalRecord ?? o.config.totalRecord;
  const start = o.from + size;
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

/** A data proxy's XML answer as an HTML list page (its records, and links to the groups after it). */
export function datastoreDocument(xml: string, url: string): string | null {
  const ds = readDatastore(xml);
  if (!ds) return null;
  const u = new URL(url);
  const from = Number(u.searchParams.get('startrecord')) || 1;
  const pager = proxyPager({ ...ds, nextGroup: url }, { from, pageUrl: url, config: { proxyUrl: null, perPage: null, totalRecord: null } });
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div class="list">${listHtml(ds.records, 'hanweb-proxy')}${pager}</div></body></html>`;
}

/** Is this HTTP answer a datastore document (a Hanweb data proxy's reply)? */
export const isDatastoreXml = (contentType: string | null, head: string) => /xml/i.test(contentType ?? '') && /<datastore\b/i.test(head);

const escAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

// ---------------------------------------------------------------- template scripts

type Value = string | number;
type Tok = { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'p'; v: string };

/** Tokens of a script: strings, numbers, identifiers, punctuation; comments and regex-free. */
function tokenize(src: string): Tok[] | null {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '/' && src[i + 1] === '/') { i = src.indexOf('\n', i); if (i < 0) break; continue; }
    if (c === '/' && src[i + 1] === '*') { const e = src.indexOf('*/', i + 2); if (e < 0) break; i = e + 2; continue; }
    if (c === '<' && src.startsWith('<!--', i)) { i += 4; continue; }
    if (c === '-' && src.startsWith('-->', i)) { i += 3; continue; }
    if (c === '"' || c === "'" || c === '`') {
      let v = '';
      let j = i + 1;
      for (; j < src.length && src[j] !== c; j++) {
        if (c === '`' && src[j] === '$' && src[j + 1] === '{') return out; // template substitution: stop reading here
        if (src[j] === '\\') {
          const n = src[++j];
          if (n === 'n') v += '\n';
          else if (n === 't') v += '\t';
          else if (n === 'u' && /^[0-9a-f]{4}$/i.test(src.slice(j + 1, j + 5))) { v += String.fromCharCode(parseInt(src.slice(j + 1, j + 5), 16)); j += 4; }
          else if (n === 'x' && /^[0-9a-f]{2}$/i.test(src.slice(j + 1, j + 3))) { v += String.fromCharCode(parseInt(src.slice(j + 1, j + 3), 16)); j += 2; }
          else if (n === '\n') { /* line continuation */ }
          else v += n ?? '';
        } else v += src[j];
      }
      out.push({ t: 'str', v });
      i = j + 1;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i, i + 20));
    if (num) { out.push({ t: 'num', v: Number(num[0]) }); i += num[0].length; continue; }
    const id = /^[A-Za-z_$][\w$]*/.exec(src.slice(i, i + 200));
    if (id) { out.push({ t: 'id', v: id[0] }); i += id[0].length; continue; }
    const p = /^(\+=|==|!=|<=|>=|&&|\|\||[^\s])/.exec(src.slice(i, i + 3))!;
    out.push({ t: 'p', v: p[0] });
    i += p[0].length;
  }
  return out;
}

const STRING_METHODS = new Set(['substring', 'substr', 'slice', 'toString', 'trim']);

/**
 * Evaluate `expr (+ expr)*` from token `i`: literals, known variables, parentheses, and
 * substring/substr/slice/trim/toString on them. Returns the value and the next index, or null.
 */
function evaluate(toks: Tok[], i: number, vars: Map<string, Value>): { v: Value; next: number } | null {
  const term = (k: number): { v: Value; next: number } | null => {
    const tok = toks[k];
    if (!tok) return null;
    let r: { v: Value; next: number } | null = null;
    if (tok.t === 'str' || tok.t === 'num') r = { v: tok.v, next: k + 1 };
    else if (tok.t === 'id' && vars.has(tok.v)) r = { v: vars.get(tok.v)!, next: k + 1 };
    else if (tok.t === 'p' && tok.v === '(') {
      const inner = evaluate(toks, k + 1, vars);
      if (!inner || toks[inner.next]?.v !== ')') return null;
      r = { v: inner.v, next: inner.next + 1 };
    }
    while (r && toks[r.next]?.v === '.' && toks[r.next + 1]?.t === 'id') {
      const m = toks[r.next + 1].v as string;
      if (!STRING_METHODS.has(m) || toks[r.next + 2]?.v !== '(') return null;
      const args: number[] = [];
      let j = r.next + 3;
      while (toks[j] && toks[j].v !== ')') {
        const a = evaluate(toks, j, vars);
        if (!a || typeof a.v !== 'number') return null;
        args.push(a.v);
        j = a.next;
        if (toks[j]?.v === ',') j++;
      }
      const s = String(r.v);
      const v = m === 'substring' ? s.substring(args[0] ?? 0, args[1]) : m === 'substr' ? s.substr(args[0] ?? 0, args[1]) : m === 'slice' ? s.slice(args[0] ?? 0, args[1]) : m === 'trim' ? s.trim() : s;
      r = { v, next: j + 1 };
    }
    return r;
  };
  let acc = term(i);
  while (acc && toks[acc.next]?.v === '+' && toks[acc.next + 1]?.v !== '+') {
    const rhs = term(acc.next + 1);
    if (!rhs) return null;
    acc = { v: typeof acc.v === 'number' && typeof rhs.v === 'number' ? acc.v + rhs.v : String(acc.v) + String(rhs.v), next: rhs.next };
  }
  return acc;
}

/** Arguments of a call whose `(` is at token `i`: each evaluated, or null when one cannot be. */
function callArgs(toks: Tok[], i: number, vars: Map<string, Value>): { args: Value[]; next: number } | null {
  const args: Value[] = [];
  let j = i + 1;
  if (toks[j]?.v === ')') return { args, next: j + 1 };
  for (;;) {
    const a = evaluate(toks, j, vars);
    if (!a) return null;
    args.push(a.v);
    j = a.next;
    if (toks[j]?.v === ',') { j++; continue; }
    if (toks[j]?.v === ')') return { args, next: j + 1 };
    return null;
  }
}

/** What a template script writes into the page: document.write output and TRS pagers. Variables carry across the page's scripts. */
function runTemplateScript(src: string, vars: Map<string, Value>, shapes: Set<ScriptShape>): string {
  const toks = tokenize(src);
  if (!toks) return '';
  let out = '';
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    if (tok.t !== 'id') continue;
    // A function body runs only when called: its writes are not the page's.
    if (tok.v === 'function') {
      i = skipBody(toks, i);
      continue;
    }
    // name = expr / name += expr (with or without var/let/const)
    const op = toks[i + 1]?.v;
    if ((op === '=' || op === '+=') && toks[i - 1]?.v !== '.') {
      const r = evaluate(toks, i + 2, vars);
      if (!r) { vars.delete(tok.v); continue; }
      const end = toks[r.next]?.v;
      // Only whole right-hand sides: `a = b + c.d()` we cannot read must not be half-stored.
      if (end !== undefined && end !== ';' && end !== ',' && end !== '}' && !(toks[r.next]?.t === 'id')) { vars.delete(tok.v); continue; }
      // `x += …` on an unknown x stays unknown.
      if (op === '=') vars.set(tok.v, r.v);
      else if (vars.has(tok.v)) vars.set(tok.v, String(vars.get(tok.v)) + String(r.v));
      i = r.next - 1;
      continue;
    }
    if (tok.v === 'document' && toks[i + 1]?.v === '.' && (toks[i + 2]?.v === 'write' || toks[i + 2]?.v === 'writeln') && toks[i + 3]?.v === '(') {
      const call = callArgs(toks, i + 3, vars);
      if (call) {
        out += call.args.join('');
        shapes.add('document-write');
        i = call.next - 1;
      }
      continue;
    }
    if (tok.v === 'createPageHTML' && toks[i + 1]?.v === '(' && toks[i - 1]?.v !== 'function') {
      const call = callArgs(toks, i + 1, vars);
      const pager = call && trsPager(call.args);
      if (pager) {
        out += pager;
        shapes.add('trs-pager');
        i = call!.next - 1;
      }
    }
  }
  return out;
}

/** Index of the `}` closing the body of the function whose keyword is at `i` (or the last token). */
function skipBody(toks: Tok[], i: number): number {
  let j = i + 1;
  while (j < toks.length && toks[j].v !== '{') j++;
  for (let depth = 0; j < toks.length; j++) {
    if (toks[j].t !== 'p') continue;
    if (toks[j].v === '{') depth++;
    else if (toks[j].v === '}' && --depth === 0) return j;
  }
  return toks.length;
}

const PAGE_EXT = /^(s?html?|jsp|php|aspx?)$/i;

/**
 * TRS WCM's pager: createPageHTML(count, current, "index", "html") links index.html, index_1.html …
 * index_{count−1}.html (some templates put an element id first and a record total last).
 */
function trsPager(args: Value[]): string | null {
  const nums = args.filter((a): a is number => typeof a === 'number' || /^\d+$/.test(String(a))).map(Number);
  const strs = args.filter((a): a is string => typeof a === 'string' && !/^\d+$/.test(a));
  let extAt = strs.length - 1;
  while (extAt >= 0 && !PAGE_EXT.test(strs[extAt])) extAt--;
  const ext = extAt >= 0 ? strs[extAt] : 'html';
  const name = extAt > 0 ? strs[extAt - 1] : 'index';
  const count = nums[0];
  if (!count || count < 2 || !/^[\w-]+$/.test(name)) return null;
  const current = nums[1] ?? 0;
  const links: string[] = [];
  for (let i = 0; i < Math.min(count, MAX_PAGER); i++) {
    if (i === current) continue;
    links.push(`<a href="${name}${i === 0 ? '' : `_${i}`}.${ext}">${i + 1}</a>`);
  }
  return `<span class="pager" data-script-content="trs-pager">${links.join(' ')}</span>`;
}
