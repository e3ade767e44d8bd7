// Click depth as a serial breadth-first search would find it: visiting pages in BFS order and
// each page's links in document order makes parent and link text deterministic too.
export interface DepthInfo {
  depth: number;
  parent: string | null;
  text: string | null;
}

/** A link out of a page; `framed` for a frame or iframe, which shows its page without a click. */
export interface Edge {
  key: string;
  text: string;
  framed?: boolean;
}

export function computeDepths(startKey: string, edges: Map<string, Edge[]>, alias: (key: string) => string = (k) => k): Map<string, DepthInfo> {
  const out = new Map<string, DepthInfo>([[startKey, { depth: 0, parent: null, text: null }]]);
  // Pages of one depth in BFS order: first every page framed in them (same depth), then their links.
  let level = [startKey];
  for (let d = 0; level.length; d++) {
    for (let i = 0; i < level.length; i++)
      for (const { key, text, framed } of edges.get(level[i]) ?? []) {
        const to = alias(key);
        if (!framed || out.has(to)) continue;
        out.set(to, { depth: d, parent: level[i], text });
        level.push(to);
      }
    const next: string[] = [];
    for (const from of level)
      for (const { key, text } of edges.get(from) ?? []) {
        const to = alias(key);
        if (out.has(to)) continue;
        out.set(to, { depth: d + 1, parent: from, text });
        next.push(to);
      }
    level = next;
  }
  return out;
}
