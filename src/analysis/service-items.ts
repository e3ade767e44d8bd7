// The service guides of a portal and of the service hall it links to (政务服务网), each read
// once: its elements, its department, how far online it goes by its own words and links.
import type { Page, Snapshot } from '../model/types.js';
import { satellitesLinkedBy } from '../crawl/satellites.js';
import { siblingHost, urlKey } from '../crawl/url.js';
import { GUIDE_ELEMENTS } from './guide-elements.js';
import { governmentName } from './home.js';
import { looksLikeGuide, readGuide, type GuideReading } from './service-guides.js';

/** Links that lead to services: the 政务服务 section, a service hall, an online-service entry. */
export const SERVICE_LINK = /政务服务|办事大厅|网上办事|在线办事|办事服务|办事指南|服务指南|网上办理|在线办理|一网通办|服务网|便民服务/;
export const GUIDE_HEADING = /办事指南|服务指南|事项指南|办理指南|申办指南|事项详情/;

// A page is parsed only when its raw HTML names at least three elements: one regex pass, no DOM.
const LABEL_SCAN = new RegExp(
  GUIDE_ELEMENTS.filter((e) => !['contact', 'place', 'hours'].includes(e.id))
    .flatMap((e) => e.labels)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

function namesElements(html: string, min: number): boolean {
  const seen = new Set<string>();
  LABEL_SCAN.lastIndex = 0;
  for (let m = LABEL_SCAN.exec(html); m; m = LABEL_SCAN.exec(html)) {
    seen.add(m[0]);
    if (seen.size >= min) return true;
  }
  return false;
}

export interface ServiceGuide {
  url: string;
  name: string;
  /** Who runs it: the guide's 实施主体 field, else its ContentSource, else the list it is on. */
  department: string;
  /** True when `department` is the guide's own field: only those group guides into one template. */
  departmentStated: boolean;
  host: string;
  /** The page that lists it (the crawl's parent): the department's item list. */
  listedOn: string | null;
  reading: GuideReading;
}

export interface GuideCollection {
  guides: ServiceGuide[];
  /** Guides on a hall shared by several governments that do not name this one: left out. */
  notAttributed: number;
  /** Service hall hosts read, with the pages read there. */
  halls: { host: string; entry: string; pages: number; reachable: boolean }[];
  /** Pages read when the guide cap stopped the reading. */
  capped: boolean;
}

// Its column too: a page in 工作动态 or 通知公告 is a document unless it is plainly a guide.
const headingOf = (p: Page) => [p.meta.ArticleTitle, p.h1, p.title, p.linkText, p.meta.ColumnName].filter(Boolean).join(' ');

function guideName(g: GuideReading, p: Page): string {
  const named = g.fields.name?.trim();
  if (named && named.length <= 60 && !/^(无|暂无|—+|-+)$/.test(named)) return named;
  return (p.meta.ArticleTitle ?? p.h1 ?? p.title ?? p.url).replace(/(办事指南|服务指南)$/, '').trim() || p.url;
}

async function guidesOn(pages: Page[], read: (url: string) => Promise<string | null>, titleOf: (url: string | null) => string | null, max: number, out: ServiceGuide[]): Promise<boolean> {
  for (const p of pages) {
    if (!p.html || p.error || (p.status ?? 0) >= 400) continue;
    if (out.length >= max) return true;
    const html = await read(p.url);
    if (!html || !namesElements(html, GUIDE_HEADING.test(headingOf(p)) ? 1 : 3)) continue;
    let reading: GuideReading;
    try {
      reading = readGuide(html, p.finalUrl);
    } catch {
      continue; // hostile markup (nesting deeper than the stack): not a guide we can read
    }
    if (!looksLikeGuide(reading, headingOf(p))) continue;
    // A guide without a 事项名称 row is named by its heading (the item's name as the page title).
    const heading = (p.h1 ?? p.meta.ArticleTitle ?? p.title ?? '').split(/\s*[-_|｜]\s*/)[0].replace(/(办事指南|服务指南)$/, '').trim();
    if (reading.fields.name === undefined && heading) reading.fields.name = heading;
    const stated = reading.fields.department?.trim();
    const department = stated || p.meta.ContentSource || titleOf(p.parent) || new URL(p.url).host;
    out.push({ url: p.url, name: guideName(reading, p), department: department.slice(0, 60), departmentStated: !!stated, host: new URL(p.url).host, listedOn: p.parent, reading });
  }
  return false;
}

/**
 * A department of this government: 杭州市民政局 and 杭州市市场监督管理局 are 杭州市's, 杭州市西湖区民政局
 * is a district's (a lower government between the name and the office).
 */
export function runBy(department: string, government: string): boolean {
  const at = department.indexOf(government);
  if (at < 0) return false;
  const rest = department.slice(at + government.length);
  return !/^[\u4e00-\u9fff]{1,6}?(?:区|县|旗|镇|乡|街道|新区|开发区|管委会)(?!政府|人民政府)/.test(rest) || /^(?:人民政府|政府)/.test(rest);
}

export async function collectGuides(snapshot: Snapshot, maxGuides: number): Promise<GuideCollection> {
  const guides: ServiceGuide[] = [];
  const titles = new Map<string, string>();
  const note = (pages: Page[]) => {
    for (const p of pages) titles.set(urlKey(p.url), (p.meta.ColumnName ?? p.h1 ?? p.title ?? '').trim());
  };
  const titleOf = (u: string | null) => (u ? titles.get(urlKey(u)) || null : null);
  note(snapshot.pages);
  let capped = await guidesOn(snapshot.pages, (u) => snapshot.readBody(u), titleOf, maxGuides, guides);
  const portalHost = new URL(snapshot.origin).host;
  const name = governmentName(snapshot);
  let notAttributed = 0;
  const halls: GuideCollection['halls'] = [];
  for (const s of satellitesLinkedBy(snapshot, (l) => SERVICE_LINK.test(l.text))) {
    halls.push({ host: s.host, entry: s.entry, pages: s.pages.length, reachable: s.reachable });
    if (capped) continue;
    note(s.pages);
    const found: ServiceGuide[] = [];
    capped = await guidesOn(s.pages, s.readBody, titleOf, maxGuides - guides.length, found);
    // A hall of the province serves every county (and names them all in its chrome): a guide counts
    // when its department (or the county list it is on) is this government's.
    const own = siblingHost(s.host, portalHost) ? found : found.filter((g) => !!name && runBy(g.department, name));
    notAttributed += found.length - own.length;
    guides.push(...own);
  }
  return { guides, notAttributed, halls, capped };
}
