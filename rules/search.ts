// "The search box is decoration": use the portal's search like a citizen, with queries built
// from what the crawl found published, and measure what it finds (国办秘函〔2019〕19号
// 功能设计 · 搜索功能: no site-wide search, incomplete results).
import type { Page as BrowserPage } from 'playwright';
import { defineRule, type RuleFinding } from '../src/rules/types.js';
import { classifyColumn, isArticle } from '../src/analysis/columns.js';
import { fillTemplate, findSearchBox, locateSearchForm, searchForm, searchViaUi, searchViaUrl, urlTemplate, type ResultPage } from '../src/analysis/search.js';
import { governmentName, homePages } from '../src/analysis/home.js';
import { daysBetween } from '../src/crawl/dates.js';
import { urlKey } from '../src/crawl/url.js';
import { toTraditional } from '../src/analysis/hanzi.js';
import type { Page, Snapshot } from '../src/model/types.js';

interface Options {
  titles: number;
  keywords: number;
  recentDays: number;
  minRecall: number;
  slowMs: number;
  delayMs: number;
  /** Typo and traditional-character probes, reported in data.search.smart only. */
  smart: boolean;
  /** Tabs querying a GET results URL at once (the crawl itself keeps 4 requests in flight). */
  lanes: number;
}
const DEFAULTS: Options = { titles: 8, keywords: 2, recentDays: 90, minRecall: 0.8, slowMs: 3000, delayMs: 200, smart: true, lanes: 3 };

type Kind = 'title' | 'keyword' | 'nonsense' | 'markup';
interface Probe {
  kind: Kind;
  query: string;
  expectedUrl?: string;
  published?: string;
  age?: number;
}
interface Outcome extends Probe {
  rank: number | null;
  results: number;
  count: number | null;
  noResult: boolean;
  ms: number;
  resultsUrl: string;
  status: number | null;
  error?: string;
  top: string[];
}

const SITE_SUFFIX = /\s*[-_|–—]\s*[^-_|–—]*$/;
const titleOf = (p: Page) => (p.meta.ArticleTitle ?? p.h1 ?? p.title?.replace(SITE_SUFFIX, '') ?? '').trim();
const COMMON = /关于|通知|公告|工作|开展|召开|会议|我县|我市|我区|全县|全市|全区|县委|市委|区委|县政府|市政府|区政府|人民政府|印发|的|和|与|及|做好|进一步|加强/g;
/** The government's own name ("XX县", "XX"): in every title, so no keyword. */
function siteNameWords(snapshot: Snapshot): RegExp | null {
  const name = governmentName(snapshot);
  const stem = name?.replace(/(自治州|自治县|省|市|县|区|州|盟|旗|镇|乡)$/, '');
  const words = [name, stem].filter((w): w is string => !!w && /^[\u4e00-\u9fff]{2,}$/.test(w));
  return words.length ? new RegExp(words.join('|'), 'g') : null;
}

/** Probe queries from the crawl: titles spread over publication age (newest included), keywords, a nonsense query. */
export function buildProbes(snapshot: Snapshot, o: Options): Probe[] {
  const articles = snapshot.pages
    .filter((p) => p.html && p.status === 200 && p.depth !== null && p.published && isArticle(p) && titleOf(p).length >= 6)
    // Citizens' letters usually live in a separate system the site search does not cover.
    .filter((p) => classifyColumn(p.meta.ColumnType, p.meta.ColumnName ?? '').type !== 'interaction')
    .sort((a, b) => (b.published! < a.published! ? -1 : 1));
  const picked: Page[] = [];
  const n = Math.min(o.titles, articles.length);
  for (let i = 0; i < n; i++) picked.push(articles[Math.round((i * (articles.length - 1)) / Math.max(1, n - 1))]);
  const probes: Probe[] = [...new Set(picked)].map((p) => ({
    kind: 'title',
    query: titleOf(p),
    expectedUrl: p.url,
    published: p.published!,
    age: daysBetween(p.published!, snapshot.asOf),
  }));
  const own = siteNameWords(snapshot);
  for (const p of picked.slice(0, o.keywords)) {
    const core = titleOf(p).replace(/[^\u4e00-\u9fffA-Za-z0-9]/g, '').replace(own ?? COMMON, '').replace(COMMON, '');
    const word = /[\u4e00-\u9fff]/.test(core) ? core.slice(Math.max(0, Math.floor(core.length / 2) - 2), Math.floor(core.length / 2) + 2) : core.split(/\s+/)[0];
    if (word.length >= 2) probes.push({ kind: 'keyword', query: word });
  }
  const seed = [...snapshot.origin].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 9973, 7);
  probes.push({ kind: 'nonsense', query: `量子鸭嘴兽${seed}qzx` });
  probes.push({ kind: 'markup', query: `<b>pa${seed}</b>` });
  return probes;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : 0;
};
const recall = (os: Outcome[]) => (os.length ? os.filter((x) => x.rank !== null).length / os.length : null);

export default defineRule({
  id: 'search',
  category: 'search',
  title: { zh: '站内搜索可用性', en: 'Site search that works' },
  description: {
    zh: '找到站内搜索（首页、框架页或内页模板中），像群众一样输入已发布文章的标题和关键词、检索并读取结果，衡量查全率（按发布时间分组）、零结果率、响应时间、无结果提示，发现搜索缺失、失效、索引陈旧和查询回显未转义。',
    en: 'Finds the site search (on the home page, in its frames or in the inner pages\' template), types titles and keywords of published articles like a citizen, reads the results, and measures recall (by publication age), zero-result rate, response time and the no-result message: missing, broken or stale search, and queries echoed unescaped.',
  },
  severity: 'serious',
  standards: ['国办秘函〔2019〕19号 功能设计 · 搜索功能', '国办发〔2017〕47号 §搜索服务'],
  async run({ snapshot, probe, options, t, asOf, timeoutMs }) {
    const o = { ...DEFAULTS, ...(options as Partial<Options>) };
    const homes = homePages(snapshot);
    const home = homes[0];
    if (!home) return [];
    // A citizen looks on the home page first (its frames too, a script-driven box included), then in
    // the header the inner pages share.
    const onHome = homes.find((p) => searchForm(p));
    const inner = onHome ? null : locateSearchForm(snapshot);
    const candidates = onHome ? [onHome] : [...homes, ...(inner ? [inner.page] : [])];
    let entryPage = onHome ?? home;
    const probes = buildProbes(snapshot, o);
    const outcomes: Outcome[] = [];
    const smart: { kind: string; query: string; base: string; expectedUrl: string; found: boolean }[] = [];
    let entry: string | null = null;
    let template: string | null = null;
    const budgetMs = (probes.length + 4) * (timeoutMs + o.delayMs + 2000);

    const session = async (page: BrowserPage, at: Page) => {
      entry ??= searchForm(at)?.evidence ?? (await findSearchBox(page));
      if (!entry) return;
      entryPage = at;
      // The first query goes through the page's own UI; a results page that is a plain GET URL
      // lets the others open that URL directly, in up to `lanes` tabs at once (no more than the
      // crawl's own parallel requests), else each goes back to the box in this tab.
      const viaUi = async (tab: BrowserPage, query: string, first: boolean): Promise<ResultPage> => {
        if (!first) await tab.goto(at.finalUrl, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
        const r = await searchViaUi(tab, query, asOf, timeoutMs);
        template ??= urlTemplate(r.url, query);
        return r;
      };
      const search = (tab: BrowserPage, query: string) => (template ? searchViaUrl(tab, fillTemplate(template, query), asOf, timeoutMs) : viaUi(tab, query, false));
      const rankOf = (r: ResultPage, pr: Probe) => {
        const want = pr.expectedUrl ? urlKey(pr.expectedUrl) : null;
        const idx = want ? r.results.slice(0, 10).findIndex((x) => urlKey(x.url) === want || x.text === pr.query) : -1;
        return idx >= 0 ? idx + 1 : null;
      };
      const outcomeOf = async (tab: BrowserPage, pr: Probe, first: boolean): Promise<Outcome> => {
        let r: ResultPage;
        try {
          r = first ? await viaUi(tab, pr.query, true) : await search(tab, pr.query);
        } catch (e) {
          return { ...pr, rank: null, results: 0, count: null, noResult: false, ms: 0, resultsUrl: tab.url(), status: null, error: (e as Error).message.split('\n')[0], top: [] };
        } finally {
          await new Promise((res) => setTimeout(res, o.delayMs));
        }
        return {
          ...pr,
          rank: rankOf(r, pr),
          results: r.results.length,
          count: r.count,
          noResult: !!r.noResultMessage,
          ms: Math.round(r.ms),
          resultsUrl: r.url,
          status: r.status,
          ...(r.status !== null && r.status >= 400 ? { error: `HTTP ${r.status}` } : {}),
          top: r.results.slice(0, 3).map((x) => x.url),
          ...(pr.kind === 'markup' ? { reflected: r.html.includes(pr.query) } : {}),
        } as Outcome;
      };
      if (!probes.length) return;
      outcomes.push(await outcomeOf(page, probes[0]!, true));
      const extraTabs: BrowserPage[] = [];
      try {
        const tabs = [page];
        for (let k = 1; template && k < Math.min(o.lanes, probes.length - 1); k++) {
          const tab = await page.context().newPage();
          tab.on('dialog', (d) => void d.dismiss().catch(() => {}));
          extraTabs.push(tab);
          tabs.push(tab);
        }
        const inLanes = async <T, R>(items: T[], fn: (tab: BrowserPage, item: T) => Promise<R>): Promise<R[]> => {
          const out: R[] = new Array(items.length);
          let next = 0;
          await Promise.all(tabs.map(async (tab) => {
            for (let i = next++; i < items.length; i = next++) out[i] = await fn(tab, items[i]!);
          }));
          return out;
        };
        const rest = await inLanes(probes.slice(1), (tab, pr) => outcomeOf(tab, pr, false));
        // A server that throttles parallel queries (429, 503) is asked again one query at a time:
        // our parallelism must not read as a broken search.
        if (tabs.length > 1)
          for (const [i, x] of rest.entries())
            if (x.status === 429 || x.status === 503) rest[i] = await outcomeOf(page, probes[i + 1]!, false);
        outcomes.push(...rest);
        // "Smart search" (information only): does a title the search found survive a typo or traditional characters?
        const base = outcomes.find((x) => x.kind === 'title' && x.rank !== null);
        if (!o.smart || !base) return;
        const variants = (
          [
            ['typo', [...base.query].filter((_, k) => k !== 2).join('')],
            ['traditional', toTraditional(base.query)],
          ] as [string, string][]
        ).filter(([, query]) => query !== base.query);
        smart.push(
          ...(await inLanes(variants, async (tab, [kind, query]) => {
            const r = await search(tab, query).catch(() => null);
            await new Promise((res) => setTimeout(res, o.delayMs));
            return { kind, query, base: base.query, expectedUrl: base.expectedUrl!, found: r ? rankOf(r, { ...base, query }) !== null : false };
          })),
        );
      } finally {
        for (const tab of extraTabs) await tab.close({ runBeforeUnload: false }).catch(() => {});
      }
    };
    for (const at of candidates) {
      await probe.withPage(at.finalUrl, (page: BrowserPage) => session(page, at), { budgetMs });
      if (entry) break;
    }

    const findings: RuleFinding[] = [];
    if (!entry) {
      const looked = snapshot.pages.filter((p) => p.html && !p.error).length;
      findings.push({
        check: 'no-search',
        url: home.url,
        target: home.url,
        message: t({ zh: `网站未提供站内搜索（首页及其余 ${looked - 1} 个页面均未发现搜索框）`, en: `The site offers no search (none on the home page or on any of the other ${looked - 1} pages)` }),
        evidence: {
          looked: 'forms of every crawled page (role=search, type=search, 搜索/检索/查询/search wording, searchword/q/keyword/kw/query/wd); script-driven boxes in the browser on the home page and its frames',
          pages: looked,
          browserChecked: candidates.map((p) => p.url),
        },
      });
      return { findings, data: { entry: null, entryPage: null } };
    }
    // Found off the home page: the inspectors' "no site-wide search" does not apply, but say where it is.
    const where = entryPage.url;

    const titles = outcomes.filter((x) => x.kind === 'title');
    const recent = titles.filter((x) => x.age! <= o.recentDays);
    const older = titles.filter((x) => x.age! > o.recentDays);
    const answered = outcomes.filter((x) => !x.error && (x.results > 0 || x.noResult || x.count !== null));
    const errors = outcomes.filter((x) => x.error);
    const blank = outcomes.filter((x) => !x.error && x.results === 0 && !x.noResult && x.count === null);
    const real = outcomes.filter((x) => x.kind !== 'markup' && !x.error);
    const lists = new Set(real.map((x) => x.top.join(' ')));
    const ignoresQuery = real.length >= 3 && lists.size === 1 && real[0].results > 0;
    const nonsense = outcomes.find((x) => x.kind === 'nonsense');
    const markup = outcomes.find((x) => x.kind === 'markup') as (Outcome & { reflected?: boolean }) | undefined;
    const ms = median(answered.map((x) => x.ms));
    const found = titles.filter((x) => x.rank !== null);
    const missed = titles.filter((x) => x.rank === null && !x.error);
    // A stale index finds old pages and misses every page newer than some date.
    const newestFound = found.map((x) => x.published!).sort().at(-1) ?? null;
    const staleIndex = found.length > 0 && missed.length >= 2 && missed.every((x) => x.published! > newestFound!);
    const evidenceProbes = outcomes.map(({ top: _t, ...x }) => ({ ...x, found: x.kind === 'title' ? (x.rank !== null ? `rank ${x.rank}` : 'not found') : undefined }));
    const rate = recall(titles);
    const broken = errors.length + blank.length >= Math.ceil(outcomes.length / 2) || ignoresQuery;

    if (broken)
      findings.push({
        check: 'broken',
        severity: 'critical',
        url: where,
        target: template ?? entry,
        message: ignoresQuery
          ? t({ zh: '站内搜索忽略查询词：不同查询返回相同结果', en: 'Site search ignores the query: every query returns the same results' })
          : t({ zh: `站内搜索不可用：${outcomes.length} 次检索中 ${errors.length} 次出错、${blank.length} 次空白`, en: `Site search is broken: ${errors.length} errors and ${blank.length} blank pages in ${outcomes.length} queries` }),
        evidence: { entry, template, errors: errors.length, blank: blank.length, distinctResultLists: lists.size, probes: evidenceProbes },
      });
    else {
      if (staleIndex)
        findings.push({
          check: 'stale-index',
          url: where,
          target: template ?? entry,
          message: t({
            zh: `站内搜索索引陈旧：${newestFound} 之后发布的 ${missed.length} 篇文章均检索不到`,
            en: `Search index is stale: none of the ${missed.length} articles published after ${newestFound} is found`,
          }),
          evidence: { newestFound, oldestMissed: missed.map((x) => x.published!).sort()[0], recentRecall: recall(recent), olderRecall: recall(older), probes: evidenceProbes },
        });
      else if (rate !== null && rate < o.minRecall)
        findings.push({
          check: 'misses-content',
          url: where,
          target: template ?? entry,
          message: t({ zh: `站内搜索查全率低：${titles.length} 个已发布文章标题中仅 ${found.length} 个出现在前10条结果`, en: `Search misses published content: ${found.length} of ${titles.length} exact titles in the top 10` }),
          evidence: { recall: rate, threshold: o.minRecall, recentRecall: recall(recent), olderRecall: recall(older), probes: evidenceProbes },
        });
      if (ms > o.slowMs)
        findings.push({
          check: 'slow',
          severity: 'moderate',
          url: where,
          target: template ?? entry,
          message: t({ zh: `站内搜索响应慢：中位数 ${(ms / 1000).toFixed(1)} 秒`, en: `Search is slow: median ${(ms / 1000).toFixed(1)} s` }),
          evidence: { medianMs: ms, thresholdMs: o.slowMs },
        });
      if (nonsense && !nonsense.error && !nonsense.noResult)
        findings.push({
          check: 'no-result-message',
          severity: 'minor',
          url: where,
          target: nonsense.resultsUrl,
          message: t({ zh: '检索不存在的词时没有明确的“无结果”提示', en: 'A query with no matches gets no clear "no results" message' }),
          evidence: { query: nonsense.query, results: nonsense.results, count: nonsense.count },
        });
    }
    if (markup?.reflected)
      findings.push({
        check: 'reflected-query',
        category: 'security',
        severity: 'serious',
        url: markup.resultsUrl,
        target: markup.resultsUrl,
        message: t({ zh: '搜索结果页未转义地回显查询词（可被用于注入标记/脚本）', en: 'The results page echoes the query unescaped (markup injection)' }),
        evidence: { query: markup.query, resultsUrl: markup.resultsUrl },
      });

    return {
      findings,
      data: {
        entry,
        entryPage: entryPage.url,
        entryOn: homes.includes(entryPage) ? 'home' : 'inner pages',
        pagesWithEntry: inner?.pages ?? null,
        template,
        titleRecall: rate,
        recallByAge: { recentDays: o.recentDays, recent: recall(recent), older: recall(older), recentProbes: recent.length, olderProbes: older.length },
        zeroResultRate: answered.length ? answered.filter((x) => x.results === 0).length / answered.length : null,
        errorRate: outcomes.length ? errors.length / outcomes.length : null,
        blankRate: outcomes.length ? blank.length / outcomes.length : null,
        medianMs: ms,
        distinctResultLists: lists.size,
        noResultMessage: nonsense ? nonsense.noResult : null,
        reflected: markup?.reflected ?? null,
        probes: evidenceProbes,
        smart,
      },
    };
  },
});
