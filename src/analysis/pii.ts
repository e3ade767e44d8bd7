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

type Ctx = 'id' | 'bank' | 'phone' | 'skip';
const KEYWORDS: Record<Ctx, string[]> = {
  id: ['公民身份号码', '身份证号码', '身份证号', '身份证', '身份号码', '证件号码', '证件编号', '证件号'],
  bank: ['银行卡号', '银行卡', '银行账号', '银行帐号', '银行账户', '开户行', '开户', '卡号', '账号', '帐号', '账户', '帐户', '银行'],
  phone: ['手机号码', '手机号', '手机', '联系电话', '电话', '联系方式', 'tel', 'mobile', 'phone'],
  // Numbers that look like IDs or cards but are not personal data.
  skip: ['统一社会信用代码', '信用代码', '订单编号', '订单号', '订单', '流水号', '交易号', '单号', '编号', '批次号', '发票号码', '注册号', '文号'],
};
const CTX_OF = new Map<string, Ctx>(
  (Object.entries(KEYWORDS) as [Ctx, string[]][]).flatMap(([ctx, words]) => words.map((w) => [w, ctx] as [string, Ctx])),
);
const KEYWORD_RE = new RegExp([...CTX_OF.keys()].sort((a, b) => b.length - a.length).join('|'), 'gi');

type Label = { ctx: Ctx; text: string };

/** The last keyword shortly before `start`, unless another number sits between them (it labels that one). */
function keywordBefore(t: string, start: number): Label | null {
  const win = t.slice(Math.max(0, start - WINDOW), start);
  let last: RegExpMatchArray | undefined;
  for (const m of win.matchAll(KEYWORD_RE)) last = m;
  if (!last || /\d{6}/.test(win.slice(last.index! + last[0].length))) return null;
  return { ctx: CTX_OF.get(last[0].toLowerCase())!, text: `keyword ${last[0]}` };
}

function headerLabel(header: string | undefined): Label | null {
  const h = header ? normalize(header).replace(/\s+/g, ' ').trim() : '';
  const words = h.match(KEYWORD_RE);
  return words ? { ctx: CTX_OF.get(words[words.length - 1].toLowerCase())!, text: `table column ${h}` } : null;
}

// Digits in URLs and file names (t20240305_1234567.html, /202403/…) are document IDs, not people.
const URLISH = /(?:[A-Za-z0-9_.\/%~?=&#+-]|:\/\/)+/g;
const FILE_EXT = /\.(?:s?html?|jsp|php|aspx?|pdf|docx?|xlsx?|wps|txt|zip|rar|jpe?g|png|gif)$/i;
function isUrlish(tok: string): boolean {
  const letters = /[A-Za-z]/.test(tok);
  return tok.includes('://') || /^www\./i.test(tok) || FILE_EXT.test(tok)
    || (letters && (tok.startsWith('/') || (tok.match(/\//g) ?? []).length >= 2));
}
const blankUrls = (t: string) => t.replace(URLISH, (tok) => (isUrlish(tok) ? ' '.repeat(tok.length) : tok));

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
    return { kind: 'mobile', context: label?.ctx === 'phone' ? label.text : 'mobile pattern', confidence: 'medium' };
  }
  return null;
}

type Found = { match: PiiMatch; key: string };

/** Matches starting at or after `from` (text before it only lends keyword context). */
function scan(text: string, asOf: string, columnHeader?: string, from = 0): Found[] {
  const t = blankUrls(normalize(text));
  const column = headerLabel(columnHeader);
  const out: Found[] = [];
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
    if (!raw || raw.includes('*') || start < from) continue;
    const digits = raw.replace(/[^\dXx]/g, '').toUpperCase();
    const found = classify(digits, keywordBefore(t, start) ?? column, asOf);
    if (found) {
      const key = `${found.kind}:${found.kind === 'mobile' ? digits.slice(-11) : digits}`;
      out.push({ match: { ...found, masked: maskNumber(found.kind, digits) }, key });
    }
  }
  return out;
}

/** Matches in plain text. `columnHeader` is the table column header when the text is one table cell. */
export function findPersonalData(text: string, opts: { asOf?: string; columnHeader?: string } = {}): PiiMatch[] {
  return scan(text, opts.asOf ?? today(), opts.columnHeader).map((f) => f.match);
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

/** Matches in an HTML document's visible text (script/style/noscript/template ignored, attributes ignored): table cells are scanned with their column's header (the <th> or first-row cell in the same column index), everything else as text. Each number counted once. */
export function scanHtml(html: string, opts: { asOf?: string } = {}): PiiMatch[] {
  const asOf = opts.asOf ?? today();
  const $ = cheerio.load(html);
  $('script, style, noscript, template').remove();
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
      for (const c of cells(tr)) {
        const text = visibleText(c);
        // The cell to the left lends keyword context too: <th>身份证号码</th><td>…</td> rows.
        const prefix = `${left.slice(-WINDOW)}\n`;
        found.push(...scan(prefix + text, asOf, tr === headerRow ? undefined : headers[col], prefix.length));
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
    if (!seen || (seen.confidence === 'medium' && f.match.confidence === 'high')) byKey.set(f.key, f.match);
  }
  return [...byKey.values()];
}

/** Counts per kind, for a page: { 'id-number': n, mobile: n, 'bank-card': n } (all three keys present). */
export function countByKind(matches: PiiMatch[]): Record<PiiKind, number> {
  const counts: Record<PiiKind, number> = { 'id-number': 0, mobile: 0, 'bank-card': 0 };
  for (const m of matches) counts[m.kind]++;
  return counts;
}
