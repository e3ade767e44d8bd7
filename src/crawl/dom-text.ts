// Small DOM helpers shared by the date extractors.
import type { AnyNode, Element, Text } from 'domhandler';

export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
export const isTag = (n: AnyNode | null | undefined): n is Element => !!n && n.type === 'tag';

const HIDDEN = new Set(['noscript', 'template', 'script', 'style']);

export type TextNode = { node: AnyNode; text: string };

/** The non-blank text nodes under `root` in document order; scripts, styles and `skip`ped subtrees left out. */
export function textNodes(root: AnyNode, skip: (e: Element) => boolean = () => false): TextNode[] {
  const out: TextNode[] = [];
  const walk = (n: AnyNode) => {
    if (n.type === 'text') {
      const text = collapse((n as Text).data);
      if (text) out.push({ node: n, text });
    } else if ((isTag(n) && !HIDDEN.has(n.name) && (n === root || !skip(n))) || n.type === 'root') for (const c of (n as Element).children) walk(c);
  };
  walk(root);
  return out;
}

export function inside(n: AnyNode, ancestor: AnyNode): boolean {
  for (let p: AnyNode | null = n; p; p = p.parent) if (p === ancestor) return true;
  return false;
}
