// Stale and blank columns, a home page that is not updated, undated list items — and the
// veto verdict the 2019 indicators give for them (国办秘函〔2019〕19号 单项否决: 首页不更新,
// 栏目不更新). Thresholds per column type follow domain.md §1 and are configurable.
import { homePages } from '../src/analysis/home.js';
import { defineRule, type RuleFinding } from '../src/rules/types.js';
import { columnsOf, itemDate, pagesByKey, type Column, type ColumnType } from '../src/analysis/columns.js';
import { daysBetween } from '../src/crawl/dates.js';
import { urlKey } from '../src/crawl/url.js';
import type { Page, Severity, Snapshot } from '../src/model/types.js';

interface Options {
  /** Days a column of each type may go without a new item; null = no update duty. */
  thresholds: Record<ColumnType, number | null>;
  homeDays: number;
  veto: { staleKeyColumns: number; staleColumns: number; blankColumns: number };
  warn: { homeDays: number; blankColumns: number; staleColumns: number; severity: Severity };
}

const DEFAULTS: Options = {
  thresholds: { news: 14, notice: 183, info: 365, unknown: 365, static: null, interaction: null },
  homeDays: 14,
  veto: { staleKeyColumns: 5, staleColumns: 10, blankColumns: 5 },
  // Vendors' early warnings (stricter than the veto): domain.md §1.
  warn: { homeDays: 10, blankColumns: 2, staleColumns: 6, severity: 'minor' },
};

export type ColumnStatus = 'fresh' | 'stale' | 'blank' | 'undated' | 'exempt' | 'unread';

const TYPE_ZH: Record<ColumnType, string> = { news: '动态类', notice: '通知公告/政策文件类', info: '信息类', static: '概况类', interaction: '互动类', unknown: '未分类' };

/** How far past its threshold a column is decides how bad it is. */
function staleSeverity(age: number, threshold: number): Severity {
  const r = age / threshold;
  return r <= 2 ? 'moderate' : r <= 6 ? 'serious' : 'critical';
}

function merge(o: Record<string, unknown>): Options {
  const u = o as Partial<Options>;
  return {
    thresholds: { ...DEFAULTS.thresholds, ...u.thresholds },
    homeDays: u.homeDays ?? DEFAULTS.homeDays,
    veto: { ...DEFAULTS.veto, ...u.veto },
    warn: { ...DEFAULTS.warn, ...u.warn },
  };
}

/** Newest date the home page shows; a navigation-only home page is judged by its second-level pages. */
function homeNewest(snapshot: Snapshot): { newest: string | null; source: string; home: Page | undefined } {
  const [home, ...frames] = homePages(snapshot);
  const byKey = pagesByKey(snapshot);
  const dates = [home, ...frames].flatMap((p) => p?.items ?? []).map((i) => itemDate(i, byKey)).filter((d): d is string => !!d);
  if (dates.length) return { newest: dates.sort().at(-1)!, source: 'home page list items', home };
  const second = snapshot.pages
    .filter((p) => p.depth === 1 && p.html && !p.error)
    .flatMap((p) => [...p.items.map((i) => i.date), p.published])
    .filter((d): d is string => !!d);
  return { newest: second.length ? second.sort().at(-1)! : null, source: 'second-level pages (home page shows no dates)', home };
}

export default defineRule({
  id: 'freshness',
  category: 'freshness',
  title: { zh: '栏目更新与空白栏目', en: 'Stale and blank columns' },
  description: {
    zh: '按栏目类型检查更新时限（动态类2周、通知公告/政策文件6个月、其他信息类1年），发现空白栏目、首页2周未更新和列表中无日期的条目，并按检查指标给出单项否决。',
    en: 'Checks each column against the update limit for its type (news 2 weeks, notices/policies 6 months, other information 1 year), finds blank columns, a home page not updated in 2 weeks and list items without dates, and applies the indicators\' veto items.',
  },
  severity: 'moderate',
  standards: ['国办秘函〔2019〕19号 单项否决 · 首页不更新 / 栏目不更新', '国办发〔2017〕47号 §信息发布', 'vendor early-warning levels (configurable)'],
  run({ snapshot, asOf, t, options, siteLang }) {
    const o = merge(options);
    const findings: RuleFinding[] = [];
    const columns = columnsOf(snapshot);
    const byKey = pagesByKey(snapshot);
    const rows = columns.map((c) => row(c, o, asOf));

    for (const r of rows) {
      const c = r.column;
      const where = c.pages[0];
      if (r.status === 'stale')
        findings.push({
          check: 'stale-column',
          severity: staleSeverity(r.age!, r.threshold!),
          url: where,
          target: c.url,
          message: t({
            zh: `栏目“${c.name}”（${TYPE_ZH[c.type]}）最新信息为 ${c.newest}，已 ${r.age} 天未更新，超过 ${r.threshold} 天时限`,
            en: `Column "${c.name}" (${c.type}) was last updated ${c.newest}, ${r.age} days ago; the limit is ${r.threshold} days`,
          }),
          // Dated by its articles: which page, which of its dates was used, and the one that disagreed.
          evidence: { column: c.name, type: c.type, typeSource: c.typeSource, newest: c.newest, source: c.newestSource, age: r.age, threshold: r.threshold, pages: c.pages.length, ...(c.newestArticle ? { newestArticle: c.newestArticle } : {}) },
        });
      if (r.status === 'blank')
        findings.push({
          check: 'blank-column',
          severity: 'serious',
          url: where,
          target: c.url,
          message: t({ zh: `空白栏目“${c.name}”：栏目无任何内容${c.placeholder ? `（页面显示“${c.placeholder}”）` : ''}`, en: `Blank column "${c.name}": no content${c.placeholder ? ` (page says "${c.placeholder}")` : ''}` }),
          evidence: { column: c.name, type: c.type, placeholder: c.placeholder, items: 0 },
        });
      if (r.status === 'undated')
        findings.push({
          check: 'stale-column',
          severity: 'moderate',
          url: where,
          target: c.url,
          message: t({ zh: `栏目“${c.name}”的 ${c.items.length} 条信息均无可见日期，视为未更新`, en: `Column "${c.name}": none of its ${c.items.length} items shows a date; counted as not updated` }),
          evidence: { column: c.name, type: c.type, newest: null, source: null, age: null, threshold: r.threshold, items: c.items.length },
        });
      if (r.status === 'unread')
        findings.push({
          check: 'unread-column',
          severity: 'info',
          url: where,
          target: c.url,
          message: t({ zh: `栏目“${c.name}”的列表由脚本生成，未能读取，未评估其更新情况`, en: `Column "${c.name}": its list is built by a script and could not be read; not assessed` }),
          evidence: { column: c.name, unread: true, shapes: [...new Set(c.pages.flatMap((u) => byKey.get(urlKey(u))?.scriptShapes ?? []))] },
        });
      if (c.undated.length && r.status !== 'undated' && r.status !== 'exempt')
        findings.push({
          check: 'undated-items',
          severity: 'minor',
          url: where,
          target: c.url,
          message: t({ zh: `栏目“${c.name}”有 ${c.undated.length} 条信息未显示发布日期`, en: `Column "${c.name}": ${c.undated.length} items show no publication date` }),
          evidence: { column: c.name, count: c.undated.length, of: c.items.length, examples: c.undated.slice(0, 5).map((i) => ({ title: i.text, url: i.url })) },
        });
    }

    for (const p of snapshot.pages.filter((x) => x.futureDates.length))
      findings.push({
        check: 'future-date',
        severity: 'minor',
        url: p.url,
        target: p.url,
        message: t({ zh: `页面显示晚于监测日期的日期（${p.futureDates[0]}），已忽略；可能是错误或伪造的发布日期`, en: `Page shows a date after the monitoring date (${p.futureDates[0]}); ignored as a possible error or forged date` }),
        evidence: { dates: [...new Set(p.futureDates)].slice(0, 5), asOf },
      });

    const h = homeNewest(snapshot);
    const homeAge = h.newest ? daysBetween(h.newest, asOf) : null;
    const homeStale = homeAge === null || homeAge > o.homeDays;
    if (h.home && homeStale)
      findings.push({
        check: 'home-not-updated',
        severity: 'critical',
        url: h.home.url,
        target: h.home.url,
        message: h.newest
          ? t({ zh: `首页最新信息为 ${h.newest}，已 ${homeAge} 天未更新（时限 ${o.homeDays} 天）`, en: `Home page last updated ${h.newest}, ${homeAge} days ago (limit ${o.homeDays} days)` })
          : t({ zh: '首页及二级页面均无带日期的信息，视为未更新', en: 'Neither the home page nor its second-level pages show any dated item; counted as not updated' }),
        evidence: { newest: h.newest, source: h.source, age: homeAge, threshold: o.homeDays },
      });

    const stale = rows.filter((r) => r.status === 'stale' || r.status === 'undated');
    const staleKey = stale.filter((r) => r.column.type === 'news' || r.column.type === 'notice');
    const blank = rows.filter((r) => r.status === 'blank');
    const list = (rs: typeof rows) => rs.map((r) => ({ column: r.column.name, url: r.column.url, newest: r.column.newest, age: r.age }));
    const homeUrl = h.home?.url ?? snapshot.startUrl;
    // The veto items are Chinese inspection rules: applied to Chinese portals only.
    if (siteLang === 'zh') {
      const veto = (check: string, zh: string, en: string, evidence: Record<string, unknown>) =>
        findings.push({ check, severity: 'critical', veto: true, url: homeUrl, target: homeUrl, message: t({ zh, en }), evidence });
      if (h.home && homeStale) veto('veto-home', '单项否决：首页超过2周未更新', 'Veto: home page not updated for over 2 weeks', { newest: h.newest, age: homeAge });
      if (staleKey.length >= o.veto.staleKeyColumns)
        veto('veto-stale-columns', `单项否决：${staleKey.length} 个动态/通知公告/政策文件类栏目未按时更新（≥${o.veto.staleKeyColumns}）`, `Veto: ${staleKey.length} news/notice/policy columns are stale (≥ ${o.veto.staleKeyColumns})`, { columns: list(staleKey) });
      else if (stale.length >= o.veto.staleColumns)
        veto('veto-stale-columns', `单项否决：${stale.length} 个栏目长期未更新（≥${o.veto.staleColumns}）`, `Veto: ${stale.length} columns are stale (≥ ${o.veto.staleColumns})`, { columns: list(stale) });
      if (blank.length >= o.veto.blankColumns)
        veto('veto-blank-columns', `单项否决：${blank.length} 个空白栏目（≥${o.veto.blankColumns}）`, `Veto: ${blank.length} blank columns (≥ ${o.veto.blankColumns})`, { columns: list(blank) });
    }
    const warn = (check: string, zh: string, en: string, evidence: Record<string, unknown>) =>
      findings.push({ check, severity: o.warn.severity, url: homeUrl, target: homeUrl, message: t({ zh, en }), evidence: { level: 'warn', ...evidence } });
    if (!homeStale && homeAge !== null && homeAge > o.warn.homeDays)
      warn('warn-home', `预警：首页已 ${homeAge} 天未更新（预警线 ${o.warn.homeDays} 天）`, `Early warning: home page not updated for ${homeAge} days (warning at ${o.warn.homeDays})`, { newest: h.newest, age: homeAge });
    if (blank.length > o.warn.blankColumns && blank.length < o.veto.blankColumns)
      warn('warn-blank-columns', `预警：${blank.length} 个空白栏目（预警线 >${o.warn.blankColumns}）`, `Early warning: ${blank.length} blank columns (warning above ${o.warn.blankColumns})`, { columns: list(blank) });
    if (stale.length > o.warn.staleColumns && stale.length < o.veto.staleColumns)
      warn('warn-stale-columns', `预警：${stale.length} 个栏目未按时更新（预警线 >${o.warn.staleColumns}）`, `Early warning: ${stale.length} stale columns (warning above ${o.warn.staleColumns})`, { columns: list(stale) });

    return {
      findings,
      data: {
        home: { url: h.home?.url ?? null, newest: h.newest, source: h.source, age: homeAge, threshold: o.homeDays, status: homeStale ? 'stale' : 'fresh' },
        columns: rows.map((r) => ({
          url: r.column.url,
          name: r.column.name,
          type: r.column.type,
          newest: r.column.newest,
          newestSource: r.column.newestSource,
          age: r.age,
          threshold: r.threshold,
          status: r.status,
          pages: r.column.pages.length,
          items: r.column.items.length,
          undated: r.column.undated.length,
        })),
      },
    };
  },
});

function row(column: Column, o: Options, asOf: string) {
  const threshold = o.thresholds[column.type];
  const age = column.newest ? daysBetween(column.newest, asOf) : null;
  let status: ColumnStatus;
  if (column.blank) status = 'blank';
  else if (column.unread) status = 'unread';
  else if (threshold === null) status = 'exempt';
  else if (age === null) status = 'undated';
  else status = age > threshold ? 'stale' : 'fresh';
  return { column, threshold, age, status };
}
