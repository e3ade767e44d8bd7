// Template identity of a page: a hash of its element skeleton (tags, ids, first class, the
// html element's lang) a few levels deep, with runs of same-shaped siblings folded, so 500
// articles of one CMS template share a key whatever their text or number of paragraphs.
import { createHash } from 'node:crypto';
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

const MAX_DEPTH = 6;
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'br', 'wbr']);
// Inline formatting says nothing about the template.
const INLINE = new Set(['a', 'span', 'b', 'strong', 'em', 'i', 'font', 'img', 'u', 'sup', 'sub', 'small', 'label', 'input', 'button', 'select', 'option', 'textarea', 'time']);

function shape(el: Element, depth: number): string {
  const cls = (el.attribs.class ?? '').trim().split(/\s+/)[0];
  // Ids with digits are per-page (art_123): they would split one template into many.
  const id = el.attribs.id && !/\d/.test(el.attribs.id) ? `#${el.attribs.id}` : '';
  const head = `${el.name}${id}${cls ? `.${cls}` : ''}`;
  if (depth >= MAX_DEPTH) return head;
  const kids: string[] = [];
  for (const c of el.children as AnyNode[]) {
    if (c.type !== 'tag') continue;
    const e = c as Element;
    if (SKIP.has(e.name) || INLINE.has(e.name)) continue;
    const s = shape(e, depth + 1);
    if (kids[kids.length - 1] !== s) kids.push(s); // fold runs: p p p → p, li li li → li
  }
  return kids.length ? `${head}(${kids.join(',')})` : head;
}

export function templateKey(html: string): string {
  const $ = cheerio.load(html);
  const root = $('html').get(0) as Element | undefined;
  const body = $('body').get(0) as Element | undefined;
  const lang = root?.attribs.lang ? 'lang' : 'nolang';
  const s = `${lang}|${body ? shape(body, 0) : ''}`;
  return createHash('sha1').update(s).digest('hex').slice(0, 10);
}
