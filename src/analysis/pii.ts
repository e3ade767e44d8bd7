// Personal data (个人信息) that must not be published on government sites: resident ID numbers,
// mobile numbers and bank card numbers in visible text. Pure functions, no I/O.
//
// Most long digit runs on a portal are dates, order numbers, credit codes or URL fragments, so a
// match needs validation (checksum, calendar date, Luhn) and, where that is weak, context.
import * as cheerio from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';

export type PiiKind = 'id-number' | 'mobile' | 'bank-card';
export interface PiiMatch {
  kind: PiiKind;
  /** Never the full number: ID → first 4 + '*' + last 4 (e.g. 3301**********123X, keeping length); mobile → 138****5678; card → first 4 + '*' + last 4 keeping length. */
  masked: string;
  /** What supports the match: e.g. 'table column 身份证号码', 'keyword 身份证', 'checksum', 'UnionPay prefix', 'keyword 银行卡'. */
  context: string;
  /** high: checksum/Luhn plus context; medium: pattern plus validation only. */
  confidence: 'high' | 'medium';
  /** A mobile published on purpose: labelled as a supervision/complaint/enquiry line, or listed in a directory page. Never set on ID or card numbers. */
  published?: true;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
/** How far before a number a keyword still labels it. */
const WINDOW = 20;

const pad = (n: number) => String(n).padStart(2, '0');
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function isValidIdNumber(id: string, asOf: string = today()): boolean {
  const m = /^[1-8]\d{5}(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/.exec(id);
  if (!m || !realDate(+m[1], +m[2], +m[3]) || `${m[1]}-${m[2]}-${m[3]}` > asOf) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17].toUpperCase();
}

/** 15-digit IDs (issued before 1999) carry no check digit: only the 19YYMMDD birth date can be checked. */
export function isPlausibleLegacyId(id: string): boolean {
  const m = /^[1-8]\d{5}(\d{2})(\d{2})(\d{2})\d{3}$/.exec(id);
  return !!m && realDate(1900 + +m[1], +m[2], +m[3]);
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1 && (n *= 2) > 9) n -= 9;
    sum += n;
  }
  return sum % 10 === 0;
}

/** Full-width digits, letters, colons and asterisks to ASCII; keeps every index in place. */
function normalize(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[×\uFE61]/g, '*')
    .replace(/[\u00A0\u3000]/g, ' ');
}

export function maskNumber(kind: PiiKind, raw: string): string {
  let s = normalize(raw).replace(/[^\dXx]/g, '').toUpperCase();
  if (kind === 'mobile') {
    if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
    if (s.length === 11) return `${s.slice(0, 3)}****${s.slice(7)}`;
  }
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

type Ctx = 'id' | 'bank' | 'phone' | 'public' | 'skip';
const KEYWORDS: Record<Ctx, string[]> = {
  id: ['公民身份号码', '身份证号码', '身份证号', '身份证', '身份号码', '证件号码', '证件编号', '证件号'],
  bank: ['银行卡号', '银行卡', '银行账号', '银行帐号', '银行账户', '开户行', '开户', '卡号', '账号', '帐号', '账户', '帐户', '银行'],
  phone: ['手机号码', '手机号', '手机', '联系电话', '电话', '联系方式', 'tel', 'mobile', 'phone'],
  // Lines an office publishes so the public can reach it: not a person's private number.
  public: ['公开监督电话', '监督举报电话', '监督电话', '举报电话', '投诉电话', '咨询电话', '服务热线', '热线电话', '值班电话', '办公电话', '热线'],
  // Numbers that look like IDs or cards but are not personal data.
  skip: ['统一社会信用代码', '信用代码', '订单编号', '订单号', '订单', '流水号', '交易号', '单号', '编号', '批次号', '发票号码', '注册号', '文号'],
};
const CTX_OF = new Map<string, Ctx>(
  (Object.entries(KEYWORDS) as [Ctx, string[]][]).flatMap(([ctx, words]) => words.map((w) => [w, ctx] as [string, Ctx])),
);
const KEYWORD_RE = new RegExp([...CTX_OF.keys()].sort((a, b) => b.length - a.length).join('|'), 'gi');

type Label = { ctx: Ctx; text: string };

// A hotline label often lists several lines: 监督电话：0571-88880000、13812345678.
const PHONE_LIST = /^[\d\s()+\-—、,/;:或和及转]*$/;

/** The last keyword shortly before `start`, unless another number sits between them (it labels that one; a hotline label labels a list of lines). */
function keywordBefore(t: string, start: number): Label | null {
  const win = t.slice(Math.max(0, start - WINDOW), start);
  let last: RegExpMatchArray | undefined;
  for (const m of win.matchAll(KEYWORD_RE)) last = m;
  if (!last) return null;
  const ctx = CTX_OF.get(last[0].toLowerCase())!;
  const gap = win.slice(last.index! + last[0].length);
  if (/\d{6}/.test(gap) && !(ctx === 'public' && PHONE_LIST.test(gap))) return null;
  return { ctx, text: `keyword ${last[0]}` };
}

/** A column header's or row label's keyword: a hotline word anywhere wins (举报电话（手机）), else the last one. */
function headerLabel(header: string | undefined, what = 'table column'): Label | null {
  const h = header ? normalize(header).replace(/\s+/g, ' ').trim() : '';
  const words = h.match(KEYWORD_RE)?.map((w) => w.toLowerCase());
  if (!words) return null;
  const word = words.find((w) => CTX_OF.get(w) === 'public') ?? words[words.length - 1];
  return { ctx: CTX_OF.get(word)!, text: `${what} ${h}` };
}

// Digits in URLs and file names (t20240305_1234567.html, /202403/…) are document IDs, not people.
// An absolute URL runs to whitespace, a quote, a bracket or CJK text (ports and commas included).
const ABS_URL = /(?:https?|ftp):\/\/[^\s"'<>\u2E80-\uFFFF]+/gi;
// In quoted markup (axe snippets, link targets) a URL attribute's value is a URL whatever it holds
// (/搜索/…); tel:, sms: and mailto: values are the number itself.
const URL_ATTR = /\b(?:href|src|action|poster|cite)\s*=\s*(?:"(?!\s*(?:tel|sms|mailto):)[^"]*"|'(?!\s*(?:tel|sms|mailto):)[^']*')/gi;
const URLISH = /(?:[A-Za-z0-9_.\/%~?=&#+-]|:\/\/)+/g;
const FILE_EXT = /\.(?:s?html?|jsp|php|aspx?|pdf|docx?|xlsx?|csv|wps|txt|zip|rar|jpe?g|png|gif|js|css)(?:[?#]|$)/i;
function isUrlish(tok: string): boolean {
  const letters = /[A-Za-z]/.test(tok);
  return tok.includes('://') || /^www\./i.test(tok) || FILE_EXT.test(tok)
    || (letters && (tok.startsWith('/') || (tok.match(/\//g) ?? []).length >= 2));
}
const blank = (tok: string) => ' '.repeat(tok.length);
const blankUrls = (t: string) => t.replace(URL_ATTR, blank).replace(ABS_URL, blank).replace(URLISH, (tok) => (isUrlish(tok) ? blank(tok) : tok));
/** What the matchers read: full-width forms folded and URLs blanked, every index as in `text`. */
const prepare = (text: string) => blankUrls(normalize(text));

// A number glued to letters, underscores, asterisks or another number (via - or .) is part of something longer.
const startsClean = (t: string, i: number) =>
  !/[\w*]/.test(t[i - 1] ?? '') && !(/[-.]/.test(t[i - 1] ?? '') && /\d/.test(t[i - 2] ?? ''));
const endsClean = (t: string, e: number) =>
  !/[\w*]/.test(t[e] ?? '') && !(/[-.]/.test(t[e] ?? '') && /\d/.test(t[e + 1] ?? ''));

/** Tried in order at each start; '*' in a group means a masked number. */
const SHAPES = [
  /\+?86[ -]?1[3-9]\d([ -]?)\d{4}\1\d{4}/y, // mobile with country code
  /[\d*]{4}([ -])[\d*]{4}(?:\1[\d*]{4}){2}(?:\1[\d*]{1,4})?/y, // card in groups of 4
  /1[3-9]\d([ -])\d{4}\1\d{4}/y, // mobile 3-4-4
  /[\d*]+[Xx]?/y, // anything else: one contiguous run
];

function classify(digits: string, label: Label | null, asOf: string): Omit<PiiMatch, 'masked'> | null {
  if (label?.ctx === 'skip') return null;
  const n = digits.length;
  if (n === 18 && isValidIdNumber(digits, asOf)) {
    return label?.ctx === 'id'
      ? { kind: 'id-number', context: label.text, confidence: 'high' }
      : { kind: 'id-number', context: 'checksum', confidence: 'medium' };
  }
  if (n === 15 && label?.ctx === 'id' && isPlausibleLegacyId(digits)) {
    return { kind: 'id-number', context: label.text, confidence: 'medium' };
  }
  if (n >= 16 && n <= 19 && luhnValid(digits)) {
    if (label?.ctx === 'bank') return { kind: 'bank-card', context: label.text, confidence: 'high' };
    if (digits.startsWith('62') && label?.ctx !== 'id') return { kind: 'bank-card', context: 'UnionPay prefix', confidence: 'medium' };
  }
  if (/^(?:86)?1[3-9]\d{9}$/.test(digits)) {
    if (label?.ctx === 'public') return { kind: 'mobile', context: label.text, confidence: 'medium', published: true };
    return { kind: 'mobile', context: label?.ctx === 'phone' ? label.text : 'mobile pattern', confidence: 'medium' };
  }
  return null;
}

/** Unmasked number-like runs standing alone in prepared text: not glued to letters, other digits or a URL. */
function* numbers(t: string): Generator<{ start: number; end: number; digits: string }> {
  for (let i = 0; i < t.length; ) {
    if (!/[\d*+]/.test(t[i]) || !startsClean(t, i)) { i++; continue; }
    let raw: string | null = null;
    let end = i + 1;
    for (const shape of SHAPES) {
      shape.lastIndex = i;
      const m = shape.exec(t);
      if (!m) continue;
      end = i + m[0].length;
      if (endsClean(t, end)) { raw = m[0]; break; }
    }
    const start = i;
    i = end;
    if (raw && !raw.includes('*')) yield { start, end, digits: raw.replace(/[^\dXx]/g, '').toUpperCase() };
  }
}

type Found = { match: PiiMatch; key: string };

/** Matches starting at or after `from` (text before it only lends keyword context). Labels: keyword before, else column header, else the row's label cell. */
function scan(text: string, asOf: string, where: { column?: string; row?: string; from?: number } = {}): Found[] {
  const t = prepare(text);
  const fallback = headerLabel(where.column) ?? headerLabel(where.row, 'row');
  const out: Found[] = [];
  for (const { start, digits } of numbers(t)) {
    if (start < (where.from ?? 0)) continue;
    const found = classify(digits, keywordBefore(t, start) ?? fallback, asOf);
    if (found) {
      const key = `${found.kind}:${found.kind === 'mobile' ? digits.slice(-11) : digits}`;
      out.push({ match: { ...found, masked: maskNumber(found.kind, digits) }, key });
    }
  }
  return out;
}

/** Matches in plain text. `columnHeader` is the table column header when the text is one table cell. */
export function findPersonalData(text: string, opts: { asOf?: string; columnHeader?: string } = {}): PiiMatch[] {
  return scan(text, opts.asOf ?? today(), { column: opts.columnHeader }).map((f) => f.match);
}

/**
 * `text` with every personal number standing alone masked, whatever its label (an order-number
 * keyword does not spare it: masking errs on the safe side); numbers inside URLs, paths, file
 * names, selectors and hashes are part of those and left exactly as they are.
 */
export function maskPersonalData(text: string, asOf: string = today()): string {
  const t = prepare(text);
  let out = '';
  let last = 0;
  for (const { start, end, digits } of numbers(t)) {
    const label = keywordBefore(t, start);
    const found = classify(digits, label?.ctx === 'skip' ? null : label, asOf);
    if (!found) continue;
    out += text.slice(last, start) + maskNumber(found.kind, digits);
    last = end;
  }
  return out + text.slice(last);
}

const INLINE = new Set(['a', 'abbr', 'b', 'big', 'cite', 'code', 'del', 'em', 'font', 'i', 'ins', 'label', 'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'u']);
const HIDDEN = new Set(['script', 'style', 'noscript', 'template']);

/** Text with a line break at every block boundary, so numbers in adjacent <p>s or <td>s never merge. */
function visibleText(root: AnyNode): string {
  let out = '';
  const walk = (n: AnyNode) => {
    if (n.type === 'text') out += (n as Text).data;
    else if (n.type === 'tag' && !HIDDEN.has((n as Element).name)) {
      const block = !INLINE.has((n as Element).name);
      if (block) out += '\n';
      for (const c of (n as Element).children) walk(c);
      if (block) out += '\n';
    }
  };
  for (const c of (root as Element).children ?? []) walk(c);
  return out;
}

// A page whose title or main heading names published lines (公开监督电话, 通讯录) lists them by design.
const DIRECTORY_WORDS = [...KEYWORDS.public.filter((w) => w !== '热线'), '通讯录'];

/**
 * Matches in an HTML document's visible text (script/style/noscript/template ignored, attributes
 * ignored): table cells are scanned with their column's header (the <th> or first-row cell in the
 * same column index) and their row's label cell, everything else as text. Each number counted once.
 * `title` names the document when it has no <title>/<h1> of its own (an attachment's link text).
 */
export function scanHtml(html: string, opts: { asOf?: string; title?: string } = {}): PiiMatch[] {
  const asOf = opts.asOf ?? today();
  const $ = cheerio.load(html);
  $('script, style, noscript, template').remove();
  const title = `${opts.title ?? ''} ${$('title').first().text()} ${$('h1').first().text()}`;
  const found: Found[] = [];

  // Innermost tables first, then each is removed so no cell is read twice.
  for (const table of $('table').toArray().reverse()) {
    const rows = $(table).find('tr').toArray();
    const cells = (tr: Element) => $(tr).children('td, th').toArray();
    const headerRow = rows.find((r) => $(r).children('th').length > 0) ?? rows.find((r) => cells(r).length > 1);
    const headers: string[] = [];
    for (const c of headerRow ? cells(headerRow) : []) {
      const span = Math.max(1, Number($(c).attr('colspan')) || 1);
      headers.push(...Array<string>(span).fill(visibleText(c).replace(/\s+/g, ' ').trim()));
    }
    for (const tr of rows) {
      let col = 0;
      let left = '';
      const row = cells(tr).map(visibleText);
      for (const [i, c] of cells(tr).entries()) {
        const text = row[i];
        // The cell to the left lends keyword context too: <th>身份证号码</th><td>…</td> rows.
        const prefix = `${left.slice(-WINDOW)}\n`;
        const column = tr === headerRow ? undefined : headers[col];
        found.push(...scan(prefix + text, asOf, { column, row: i > 0 ? row[0].slice(0, WINDOW) : undefined, from: prefix.length }));
        col += Math.max(1, Number($(c).attr('colspan')) || 1);
        left = text;
      }
    }
    $(table).remove();
  }
  found.push(...scan(visibleText($('body')[0] ?? $.root()[0]), asOf));

  const byKey = new Map<string, PiiMatch>();
  for (const f of found) {
    const seen = byKey.get(f.key);
    // A number shown once as a labelled hotline is that office's line wherever else it appears.
    if (!seen || (f.match.published && !seen.published) || (seen.confidence === 'medium' && f.match.confidence === 'high')) byKey.set(f.key, f.match);
  }
  const matches = [...byKey.values()];
  // A directory publishes lines, never identity numbers: a page with those is a list of people.
  const word = DIRECTORY_WORDS.find((w) => title.includes(w));
  if (!word || matches.some((m) => m.kind !== 'mobile')) return matches;
  return matches.map((m) => (m.published ? m : { ...m, context: `page title ${word}`, published: true }));
}

/** Counts per kind, for a page: { 'id-number': n, mobile: n, 'bank-card': n } (all three keys present). */
export function countByKind(matches: PiiMatch[]): Record<PiiKind, number> {
  const counts: Record<PiiKind, number> = { 'id-number': 0, mobile: 0, 'bank-card': 0 };
  for (const m of matches) counts[m.kind]++;
  return counts;
}
