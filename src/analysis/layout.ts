// Layout facts of the analysed pages grouped so that one template's defect is one finding:
// pages whose measurement gives the same verdict key are merged, listing every page they stand for.
import type { A11yPage, LayoutFacts, Snapshot } from '../model/types.js';

export interface LayoutGroup<T> {
  /** What the check found, identical across the group (e.g. the overlay's selector). */
  value: T;
  analysed: string[];
  represents: string[];
  /** DOM templates of the analysed pages: a stable identity for baselines. */
  templates: string[];
}

/** Run `check` on every analysed page; pages with the same non-null key are grouped. */
export function groupLayout<T>(snapshot: Snapshot, check: (l: LayoutFacts, p: A11yPage) => { key: string; value: T } | null): LayoutGroup<T>[] {
  const groups = new Map<string, LayoutGroup<T> & { seen: Set<string> }>();
  for (const p of snapshot.a11y?.pages ?? []) {
    if (!p.layout) continue;
    const r = check(p.layout, p);
    if (!r) continue;
    let g = groups.get(r.key);
    if (!g) groups.set(r.key, (g = { value: r.value, analysed: [], represents: [], templates: [], seen: new Set() }));
    g.analysed.push(p.url);
    if (!g.templates.includes(p.template)) g.templates.push(p.template);
    for (const u of p.represents) if (!g.seen.has(u)) (g.seen.add(u), g.represents.push(u));
  }
  return [...groups.values()].map(({ seen: _s, ...g }) => ({ ...g, templates: g.templates.sort() }));
}

/** Evidence every layout finding carries: where it was measured and what it stands for. */
export const pagesEvidence = (g: LayoutGroup<unknown>, max = 50) => ({
  analysedOn: g.analysed.slice(0, max),
  pageCount: g.represents.length,
  pages: g.represents.slice(0, max),
  templates: g.templates,
});
