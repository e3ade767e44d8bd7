// A tiny static reader for the scripts CMS templates write pages with: string and number
// literals, simple variables, `+`, substring/substr/slice/trim, document.write(…) and TRS
// createPageHTML(…) pagers. Nothing is run. What it cannot know it leaves unknown: blocks and
// conditional statements are skipped (a branch may never run) and the variables they assign
// forgotten; a write it cannot evaluate that would have written links is reported, so the page
// is rendered rather than read as empty.
import type { ScriptShape } from '../model/types.js';

type Value = string | number;
type Tok = { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'p'; v: string };
export type Vars = Map<string, Value>;

/** A value longer than this is not template data (a generated blob, a doubling loop). */
const MAX_VALUE = 200_000;
/** Parentheses nested deeper than this are not template code. */
const MAX_NESTING = 32;
/** Tokens read at most from one script. */
const MAX_TOKENS = 200_000;
/** Pages a generated pager links at most (trap and page limits still apply). */
const MAX_PAGER = 500;

/** Tokens of a script: strings, numbers, identifiers, punctuation; comments dropped. */
function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length && out.length < MAX_TOKENS) {
    const c = src[i];
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '/' && src[i + 1] === '/') { i = src.indexOf('\n', i); if (i < 0) break; continue; }
    if (c === '/' && src[i + 1] === '*') { const e = src.indexOf('*/', i + 2); if (e < 0) break; i = e + 2; continue; }
    if (c === '<' && src.startsWith('<!--', i)) { i += 4; continue; }
    if (c === '-' && src.startsWith('-->', i)) { i += 3; continue; }
    if (c === '"' || c === "'" || c === '`') {
      let v = '';
      let j = i + 1;
      for (; j < src.length && src[j] !== c; j++) {
        if (c === '`' && src[j] === '$' && src[j + 1] === '{') return out; // a template substitution: stop reading here
        if (src[j] !== '\\') { v += src[j]; continue; }
        const n = src[++j];
        if (n === 'n') v += '\n';
        else if (n === 't') v += '\t';
        else if (n === 'u' && /^[0-9a-f]{4}$/i.test(src.slice(j + 1, j + 5))) { v += String.fromCharCode(parseInt(src.slice(j + 1, j + 5), 16)); j += 4; }
        else if (n === 'x' && /^[0-9a-f]{2}$/i.test(src.slice(j + 1, j + 3))) { v += String.fromCharCode(parseInt(src.slice(j + 1, j + 3), 16)); j += 2; }
        else if (n !== '\n') v += n ?? '';
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
type Result = { v: Value; next: number } | null;

/** `expr (+ expr)*` from token `i`: literals, known variables, parentheses, and string methods on them; null when unknown. */
function evaluate(toks: Tok[], i: number, vars: Vars, depth = 0): Result {
  if (depth > MAX_NESTING) return null;
  let acc = term(toks, i, vars, depth);
  while (acc && toks[acc.next]?.v === '+' && toks[acc.next + 1]?.v !== '+') {
    const rhs = term(toks, acc.next + 1, vars, depth);
    if (!rhs) return null;
    const v = typeof acc.v === 'number' && typeof rhs.v === 'number' ? acc.v + rhs.v : String(acc.v) + String(rhs.v);
    if (typeof v === 'string' && v.length > MAX_VALUE) return null;
    acc = { v, next: rhs.next };
  }
  return acc;
}

function term(toks: Tok[], k: number, vars: Vars, depth: number): Result {
  const tok = toks[k];
  if (!tok) return null;
  let r: Result = null;
  if (tok.t === 'str' || tok.t === 'num') r = { v: tok.v, next: k + 1 };
  else if (tok.t === 'id' && vars.has(tok.v)) r = { v: vars.get(tok.v)!, next: k + 1 };
  else if (tok.v === '(') {
    const inner = evaluate(toks, k + 1, vars, depth + 1);
    if (!inner || toks[inner.next]?.v !== ')') return null;
    r = { v: inner.v, next: inner.next + 1 };
  }
  while (r && toks[r.next]?.v === '.' && toks[r.next + 1]?.t === 'id') {
    const m = toks[r.next + 1].v as string;
    if (!STRING_METHODS.has(m) || toks[r.next + 2]?.v !== '(') return null;
    const args: number[] = [];
    let j = r.next + 3;
    while (toks[j] && toks[j].v !== ')') {
      const a = evaluate(toks, j, vars, depth + 1);
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
}

/** Arguments of a call whose `(` is at token `i`: each evaluated, or null when one cannot be. */
function callArgs(toks: Tok[], i: number, vars: Vars): { args: Value[]; next: number } | null {
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

/** Index just past the bracket matching the one at `i` (`(` or `{`), or the end. */
function closing(toks: Tok[], i: number): number {
  const open = toks[i].v;
  const close = open === '(' ? ')' : '}';
  for (let depth = 0, j = i; j < toks.length; j++) {
    if (toks[j].t !== 'p') continue;
    if (toks[j].v === open) depth++;
    else if (toks[j].v === close && --depth === 0) return j + 1;
  }
  return toks.length;
}

const CONDITIONAL = new Set(['if', 'for', 'while', 'switch', 'catch', 'with']);
const PREFIX = new Set(['else', 'do', 'try', 'finally']);

/** Index just past the statement starting at `i`: a block, a compound statement, or an expression up to its `;`. */
function statementEnd(toks: Tok[], i: number): number {
  const v = toks[i]?.v;
  if (v === undefined) return toks.length;
  if (v === '{') return closing(toks, i);
  if (toks[i].t === 'id' && CONDITIONAL.has(v as string) && toks[i + 1]?.v === '(') return statementEnd(toks, closing(toks, i + 1));
  if (toks[i].t === 'id' && PREFIX.has(v as string)) return statementEnd(toks, i + 1);
  for (let j = i; j < toks.length; j++) {
    if (toks[j].v === '(' || toks[j].v === '{') j = closing(toks, j) - 1;
    else if (toks[j].v === ';') return j + 1;
  }
  return toks.length;
}
const LIST_MARKUP = /<li\b|<a\s|href\s*=/i;

/**
 * Tokens [i, end) that may or may not run: forget the variables they assign, and say whether they
 * would document.write list markup (then the page's list is unread, not empty). A function body
 * runs only when called: its writes do not count.
 */
function skipped(toks: Tok[], i: number, end: number, vars: Vars, writesCount = true): boolean {
  let writesList = false;
  for (let j = i; j < end; j++) {
    if (toks[j].t === 'id' && (toks[j + 1]?.v === '=' || toks[j + 1]?.v === '+=')) vars.delete(toks[j].v as string);
    if (writesCount && toks[j - 1]?.v === '.' && (toks[j].v === 'write' || toks[j].v === 'writeln'))
      writesList ||= toks.slice(j, Math.min(end, j + 40)).some((t) => t.t === 'str' && LIST_MARKUP.test(t.v));
  }
  return writesList;
}

/**
 * What a template script writes into the page: document.write output and TRS pagers. Variables
 * carry across the page's scripts. `budget` caps what is written.
 */
export function runTemplateScript(src: string, vars: Vars, shapes: Set<ScriptShape>, budget: number): string {
  const toks = tokenize(src);
  let out = '';
  for (let i = 0; i < toks.length && out.length <= budget; i++) {
    const tok = toks[i];
    const v = tok.v;
    // Function bodies run only when called; blocks and conditional statements maybe not at all.
    let body = -1;
    if (v === 'function') for (let k = i + 1; k < toks.length && body < 0; k++) if (toks[k].v === '{') body = k;
    const block =
      v === 'function' ? (body < 0 ? toks.length : closing(toks, body)) :
      v === '{' || (tok.t === 'id' && ((CONDITIONAL.has(v as string) && toks[i + 1]?.v === '(') || PREFIX.has(v as string))) ? statementEnd(toks, i) : -1;
    if (block > i) {
      if (skipped(toks, i, block, vars, v !== 'function')) shapes.add('unread-write');
      i = block - 1;
      continue;
    }
    if (tok.t !== 'id') continue;
    const op = toks[i + 1]?.v;
    if ((op === '=' || op === '+=') && toks[i - 1]?.v !== '.') {
      i = assign(toks, i, vars) - 1;
      continue;
    }
    if (v === 'document' && toks[i + 1]?.v === '.' && (toks[i + 2]?.v === 'write' || toks[i + 2]?.v === 'writeln') && toks[i + 3]?.v === '(') {
      const call = callArgs(toks, i + 3, vars);
      if (call) {
        out += call.args.join('');
        shapes.add('document-write');
        i = call.next - 1;
      } else if (skipped(toks, i, closing(toks, i + 3), vars)) shapes.add('unread-write');
      continue;
    }
    if (v === 'createPageHTML' && toks[i + 1]?.v === '(') {
      const call = callArgs(toks, i + 1, vars);
      const pager = call && trsPager(call.args);
      if (pager) {
        out += pager;
        shapes.add('trs-pager');
        i = call!.next - 1;
      }
    }
  }
  return out.length <= budget ? out : '';
}

/** `name = expr` / `name += expr` at `i`: stored when the whole right-hand side is known, else forgotten. Returns the next index. */
function assign(toks: Tok[], i: number, vars: Vars): number {
  const name = toks[i].v as string;
  const r = evaluate(toks, i + 2, vars);
  const end = r ? toks[r.next] : undefined;
  // Only whole right-hand sides: `a = b + c.d()` we cannot read must not be half-stored.
  const whole = r && (end === undefined || end.v === ';' || end.v === ',' || end.v === '}' || end.t === 'id');
  if (!whole) {
    vars.delete(name);
    return i + 2;
  }
  // `x += …` on an unknown x stays unknown.
  if (toks[i + 1].v === '=') vars.set(name, r.v);
  else if (vars.has(name)) vars.set(name, String(vars.get(name)) + String(r.v));
  return r.next;
}

const PAGE_EXT = /^(s?html?|jsp|php|aspx?)$/i;

/**
 * TRS WCM's pager: createPageHTML(count, current, "index", "html") links index.html, index_1.html …
 * index_{count−1}.html (some templates put an element id first and a record total last).
 */
function trsPager(args: Value[]): string | null {
  const nums = args.filter((a) => typeof a === 'number' || /^\d+$/.test(String(a))).map(Number);
  const strs = args.filter((a): a is string => typeof a === 'string' && !/^\d+$/.test(a));
  let extAt = strs.length - 1;
  while (extAt >= 0 && !PAGE_EXT.test(strs[extAt])) extAt--;
  const ext = extAt >= 0 ? strs[extAt] : 'html';
  const name = extAt > 0 ? strs[extAt - 1] : 'index';
  const count = nums[0];
  if (!count || count < 2 || !/^[\w-]+$/.test(name)) return null;
  const current = nums[1] ?? 0;
  const links: string[] = [];
  for (let i = 0; i < Math.min(count, MAX_PAGER); i++) if (i !== current) links.push(`<a href="${name}${i === 0 ? '' : `_${i}`}.${ext}">${i + 1}</a>`);
  return `<span class="pager" data-script-content="trs-pager">${links.join(' ')}</span>`;
}
