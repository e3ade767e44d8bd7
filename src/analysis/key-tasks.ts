// Where the portal puts what citizens come for (domain.md §6): each key task is located by
// link text, page title, h1 or CMS column meta, and its click path rebuilt from the crawl.
import type { Page, Snapshot } from '../model/types.js';
import { sameSite, urlKey } from '../crawl/url.js';
import { searchForm } from './search.js';

export interface KeyTask {
  id: string;
  zh: string[];
  en: string[];
  /** Also satisfied by a site-search form on a page. */
  searchForm?: boolean;
}

export const DEFAULT_TASKS: KeyTask[] = [
  { id: 'services', zh: ['政务服务', '办事服务', '网上办事', '在线办事', '办事大厅'], en: ['Services', 'Online services', 'E-services', 'Apply online'] },
  { id: 'disclosure-catalogue', zh: ['信息公开目录', '政府信息公开目录'], en: ['Open government information', 'Information disclosure', 'Publication scheme'] },
  { id: 'disclosure-guide', zh: ['信息公开指南', '政府信息公开指南'], en: ['Disclosure guide', 'FOI guide', 'Freedom of information'] },
  { id: 'disclosure-request', zh: ['依申请公开', '依申请公开政府信息', '政府信息依申请公开'], en: ['FOI request', 'Request information', 'Access to information request'] },
  { id: 'policies', zh: ['政策文件', '政策法规', '文件库', '政府文件'], en: ['Policies', 'Policy documents', 'Regulations'] },
  { id: 'mailbox', zh: ['领导信箱', '县长信箱', '市长信箱', '区长信箱', '书记信箱', '互动交流', '政民互动'], en: ["Mayor's mailbox", 'Contact us', 'Contact', 'Feedback'] },
  { id: 'new-media', zh: ['政务新媒体', '新媒体矩阵', '新媒体'], en: ['Social media', 'Follow us'] },
  { id: 'search', zh: ['站内搜索', '全站搜索', '搜索'], en: ['Search', 'Site search'], searchForm: true },
];

export interface TaskHit {
  id: string;
  label: string;
  found: boolean;
  url: string | null;
  depth: number | null;
  /** What matched: `link text "依申请公开"`, `title`, `ColumnName`, `search form` … */
  matchedBy: string | null;
  /** Click path from the home page: each step's page and the link text that led there. */
  path: { url: string; text: string | null }[];
}

// Words of a title around the site name: "依申请公开_XX县人民政府", "FOI | City of X".
const TITLE_PARTS = /\s*(?:[_|｜]|\s[-–—]\s)\s*/;
const norm = (s: string) => s.replace(/[\s：:·•>»]+/g, '').toLowerCase();

/** A short label that is, or barely extends, a synonym: "政府信息公开指南" matches 信息公开指南; an article title does not. */
function matches(field: string, syn: string): 'exact' | 'near' | null {
  const f = norm(field);
  const s = norm(syn);
  if (!f || !s) return null;
  if (f === s) return 'exact';
  return f.includes(s) && f.length <= s.length + 6 ? 'near' : null;
}

export function locateTasks(snapshot: Snapshot, tasks: KeyTask[]): TaskHit[] {
  const byKey = new Map(snapshot.pages.map((p) => [urlKey(p.url), p]));
  const linkTexts = new Map<string, Set<string>>();
  for (const p of snapshot.pages)
    for (const l of p.links) {
      if (l.tag !== 'a' && l.tag !== 'area') continue;
      const k = urlKey(l.url);
      if (!byKey.has(k)) continue;
      (linkTexts.get(k) ?? linkTexts.set(k, new Set()).get(k)!).add(l.text);
    }
  const reachable = snapshot.pages.filter((p) => p.depth !== null && !p.error && (p.status ?? 0) < 400);

  return tasks.map((task) => {
    const synonyms = [...task.zh, ...task.en];
    let best: { page: Page; how: string; rank: number } | null = null;
    const consider = (page: Page, how: string, rank: number) => {
      const better = !best || page.depth! < best.page.depth! || (page.depth === best.page.depth && rank < best.rank);
      if (better) best = { page, how, rank };
    };
    for (const page of reachable) {
      const fields: [string, string][] = [
        ...[...(linkTexts.get(urlKey(page.url)) ?? [])].map((t) => [`link text "${t}"`, t] as [string, string]),
        ...(page.title ?? '').split(TITLE_PARTS).map((t) => ['title', t] as [string, string]),
        ['h1', page.h1 ?? ''],
        ['ColumnName', page.meta.ColumnName ?? ''],
        ['ColumnType', page.meta.ColumnType ?? ''],
      ];
      for (const [how, value] of fields)
        for (const syn of synonyms) {
          const m = matches(value, syn);
          if (m) consider(page, how, m === 'exact' ? 0 : 1);
        }
      if (task.searchForm && page.html && searchForm(page)) consider(page, 'search form', 0);
    }
    const label = task.zh[0] ?? task.en[0] ?? task.id;
    if (!best) return offsiteEntry(task, label, synonyms, reachable, snapshot) ?? { id: task.id, label, found: false, url: null, depth: null, matchedBy: null, path: [] };
    const hit = best as { page: Page; how: string };
    return { id: task.id, label, found: true, url: hit.page.url, depth: hit.page.depth, matchedBy: hit.how, path: clickPath(hit.page, snapshot) };
  });
}

/**
 * A task whose entry is a link to another site (a 县长信箱 on the government's letters host, a
 * 政务服务 hall on the province's platform): found, one click past the shallowest page linking it.
 */
function offsiteEntry(task: KeyTask, label: string, synonyms: string[], pages: Page[], snapshot: Snapshot): TaskHit | null {
  const host = new URL(snapshot.origin).host;
  // Labels are short, and menus repeat on every page: each distinct text is matched once.
  const longest = Math.max(...synonyms.map((s) => s.length)) + 8;
  const named = new Map<string, boolean>();
  const isTask = (text: string) => {
    let v = named.get(text);
    if (v === undefined) named.set(text, (v = synonyms.some((syn) => matches(text, syn))));
    return v;
  };
  for (const page of [...pages].sort((a, b) => a.depth! - b.depth!))
    for (const l of page.links) {
      if (l.tag !== 'a' || !l.text || l.text.length > longest || !isTask(l.text) || sameSite(l.url, host)) continue;
      const path = [...clickPath(page, snapshot), { url: l.url, text: l.text }];
      return { id: task.id, label, found: true, url: l.url, depth: page.depth! + 1, matchedBy: `link text "${l.text}" (another site)`, path };
    }
  return null;
}

/** Home → … → page, along the parents the crawl recorded at minimum depth. */
export function clickPath(page: Page, snapshot: Snapshot): TaskHit['path'] {
  const byUrl = new Map(snapshot.pages.map((p) => [p.url, p]));
  const path: TaskHit['path'] = [];
  for (let p: Page | undefined = page; p && path.length <= 100; p = p.parent ? byUrl.get(p.parent) : undefined) path.unshift({ url: p.url, text: p.linkText });
  return path;
}
