// Click depth as a serial breadth-first search would find it: visiting pages in BFS order and
// each page's links in document order makes parent and link text deterministic too.
export interface DepthInfo {
  depth: number;
  parent: string | null;
  text: string | null;
}

export function computeDepths(
  startKey: string,
  edges: Map<string, { key: string; text: string }[]>,
  alias: (key: string) => string = (k) => k,
): Map<string, DepthInfo> {
  const out = new Map<string, DepthInfo>([[startKey, { depth: 0, parent: null, text: null }]]);
  const queue = [startKey];
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i];
    const d = out.get(from)!.depth;
    for (const { key, text } of edges.get(from) ?? []) {
      const to = alias(key);
      if (out.has(to)) continue;
      out.set(to, { depth: d + 1, parent: from, text });
      queue.push(to);
    }
  }
  return out;
}
