// "Too many sub-categories, you can't find anything": click depth of every page and of the
// key tasks, overloaded menus, deep pages without a breadcrumb, dead ends and orphan pages.
import { defineRule, type RuleFinding } from '../src/rules/types.js';
import { DEFAULT_TASKS, locateTasks, type KeyTask } from '../src/analysis/key-tasks.js';
import { sameSite, urlKey } from '../src/crawl/url.js';
import type { Menu, Page, Snapshot } from '../src/model/types.js';

interface Options {
  /** Clicks from the home page a key task may take (domain.md §6: 3). */
  maxDepth: number;
  tasks: KeyTask[];
  /** Top-level entries a menu may offer. */
  maxMenuItems: number;
  /** List nesting a menu may have. */
  maxMenuLevels: number;
  /** Pages at least this deep need a breadcrumb. */
  breadcrumbFromDepth: number;
  /** Per-page findings (no breadcrumb, dead end, orphan) listed at most, per check. */
  maxPerCheck: number;
}
const DEFAULTS: Options = { maxDepth: 3, tasks: DEFAULT_TASKS, maxMenuItems: 12, maxMenuLevels: 2, breadcrumbFromDepth: 3, maxPerCheck: 100 };

/** Content pages: fetched HTML that answered, outside what a trap guard had to cut. */
function contentPages(snapshot: Snapshot): Page[] {
  const trapKeys = snapshot.crawl.traps.map((t) => t.key.split('?')[0]);
  // A data proxy's answer is read as the list's next page; nobody visits it as a page.
  return snapshot.pages.filter((p) => p.html && !p.error && (p.status ?? 0) < 400 && !p.scriptShapes?.includes('hanweb-proxy') && !trapKeys.some((k) => p.url.split('?')[0] === k));
}

const menuKey = (m: Menu) => `${m.label}\u0000${m.texts.join('\u0001')}`;

export default defineRule({
  id: 'navigation',
  category: 'navigation',
  title: { zh: '导航与栏目层级', en: 'Navigation depth and structure' },
  description: {
    zh: '统计各页面点击深度分布；定位关键任务（政务服务、信息公开目录/指南、依申请公开、政策文件、领导信箱、政务新媒体、站内搜索）并给出点击路径，超过3次点击或找不到即报告；导航菜单过载（一级条目过多、层级过深）、深层页面无面包屑、无法返回网站导航的断头页、仅在站点地图中出现的孤立页面。',
    en: 'Click-depth distribution of all pages; locates the key tasks (services, disclosure catalogue and guide, FOI requests, policies, mailbox, new media, site search) with their click paths and reports those deeper than 3 clicks or missing; overloaded menus (too many entries, nested too deep), deep pages without a breadcrumb, dead-end pages with no way back, orphan pages found only in the sitemap.',
  },
  severity: 'moderate',
  standards: ['domain.md §6 关键任务三次点击可达（过深页面）', '国办发〔2017〕47号 栏目设置 · 层级清晰', 'WCAG 2.2 2.4.5 Multiple Ways, 2.4.8 Location'],
  run({ snapshot, t, options }) {
    const o = { ...DEFAULTS, ...(options as Partial<Options>) };
    const findings: RuleFinding[] = [];
    const home = snapshot.pages.find((p) => p.depth === 0);
    const homeUrl = home?.url ?? snapshot.startUrl;
    const pages = contentPages(snapshot);

    // Depth distribution of pages reached by links.
    const linked = pages.filter((p) => p.depth !== null);
    const distribution: Record<string, number> = {};
    for (const p of linked) distribution[p.depth!] = (distribution[p.depth!] ?? 0) + 1;
    const deeper = linked.filter((p) => p.depth! > o.maxDepth);

    // Key tasks.
    const tasks = locateTasks(snapshot, o.tasks);
    for (const task of tasks) {
      if (!task.found) {
        findings.push({
          check: 'key-task-missing',
          severity: 'moderate',
          url: homeUrl,
          target: task.label,
          message: t({ zh: `未找到关键任务「${task.label}」的入口`, en: `No entry found for the key task "${task.label}"` }),
          evidence: { task: task.id, looked: 'link texts, page titles, h1, ColumnName/ColumnType meta', pagesSearched: pages.length },
        });
      } else if (task.depth! > o.maxDepth) {
        findings.push({
          check: 'key-task-deep',
          severity: 'moderate',
          url: task.url!,
          target: task.url!,
          message: t({
            zh: `关键任务「${task.label}」需从首页点击 ${task.depth} 次才能到达（上限 ${o.maxDepth} 次）`,
            en: `Key task "${task.label}" is ${task.depth} clicks from the home page (limit ${o.maxDepth})`,
          }),
          evidence: { task: task.id, depth: task.depth, limit: o.maxDepth, matchedBy: task.matchedBy, path: task.path },
        });
      }
    }

    // Menus: the same block repeated by a template is one menu.
    const menus = new Map<string, { menu: Menu; pages: string[] }>();
    for (const p of pages)
      for (const m of p.menus) {
        const e = menus.get(menuKey(m)) ?? menus.set(menuKey(m), { menu: m, pages: [] }).get(menuKey(m))!;
        e.pages.push(p.url);
      }
    for (const { menu, pages: on } of menus.values()) {
      const tooMany = menu.items > o.maxMenuItems;
      const tooDeep = menu.levels > o.maxMenuLevels;
      if (!tooMany && !tooDeep) continue;
      findings.push({
        check: 'menu-overload',
        severity: 'minor',
        url: on[0],
        target: `${menu.label} (${menu.items} items, ${menu.levels} levels)`,
        message: t({
          zh: `导航菜单「${menu.label}」${tooMany ? `一级条目 ${menu.items} 个（上限 ${o.maxMenuItems}）` : ''}${tooMany && tooDeep ? '，' : ''}${tooDeep ? `嵌套 ${menu.levels} 层（上限 ${o.maxMenuLevels}）` : ''}`,
          en: `Menu "${menu.label}" has ${tooMany ? `${menu.items} top-level entries (limit ${o.maxMenuItems})` : ''}${tooMany && tooDeep ? ' and ' : ''}${tooDeep ? `${menu.levels} nested levels (limit ${o.maxMenuLevels})` : ''}`,
        }),
        evidence: { items: menu.items, levels: menu.levels, region: menu.region, entries: menu.texts, pageCount: on.length, pages: on.slice(0, 20) },
      });
    }

    const perPage = (check: string, list: Page[], make: (p: Page) => RuleFinding) => {
      for (const p of list.slice(0, o.maxPerCheck)) findings.push({ ...make(p), check });
      return { count: list.length, listed: Math.min(list.length, o.maxPerCheck) };
    };

    const noCrumb = linked.filter((p) => p.depth! >= o.breadcrumbFromDepth && !p.breadcrumb);
    const crumbs = perPage('no-breadcrumb', noCrumb, (p) => ({
      severity: 'minor',
      url: p.url,
      target: p.url,
      message: t({ zh: `第 ${p.depth} 层页面没有面包屑导航（当前位置）`, en: `Page ${p.depth} clicks deep has no breadcrumb` }),
      evidence: { depth: p.depth, title: p.title },
    }));

    const host = new URL(snapshot.origin).host;
    const isDeadEnd = (p: Page) => !p.links.some((l) => (l.tag === 'a' || l.tag === 'area' || l.tag === 'frame' || l.tag === 'iframe') && sameSite(l.url, host) && urlKey(l.url) !== urlKey(p.url));
    const deadEnds = perPage('dead-end', pages.filter(isDeadEnd), (p) => ({
      severity: 'moderate',
      url: p.url,
      target: p.url,
      message: t({ zh: '页面没有任何返回本站的链接（断头页）', en: 'Page has no link back into the site (dead end)' }),
      evidence: { depth: p.depth, title: p.title, links: p.links.filter((l) => l.tag === 'a').map((l) => l.url).slice(0, 10), pseudoLinks: p.pseudoLinks.length },
    }));

    const orphans = perPage('orphan', snapshot.pages.filter((p) => p.orphan && !p.error), (p) => ({
      severity: 'minor',
      url: p.url,
      target: p.url,
      message: t({ zh: '页面只出现在站点地图中，网站内没有任何链接指向它（孤立页面）', en: 'Page is listed in the sitemap but no page links to it (orphan)' }),
      evidence: { title: p.title, status: p.status },
    }));

    return {
      findings,
      data: {
        limit: o.maxDepth,
        pages: linked.length,
        distribution,
        deeper: deeper.length,
        deeperShare: linked.length ? Math.round((deeper.length / linked.length) * 1000) / 1000 : 0,
        deepest: [...deeper].sort((a, b) => b.depth! - a.depth!).slice(0, 10).map((p) => ({ url: p.url, depth: p.depth, title: p.title })),
        keyTasks: tasks,
        menus: [...menus.values()].map(({ menu, pages: on }) => ({ label: menu.label, items: menu.items, levels: menu.levels, region: menu.region, pages: on.length })),
        noBreadcrumb: crumbs,
        deadEnds,
        orphans,
      },
    };
  },
});
