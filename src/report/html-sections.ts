// Per-category tables of the HTML report, drawn from `report.data` (what the rules measured).
// A category without data still gets its findings in the main findings table.
import type { Category, Lang } from '../model/types.js';
import { table, type Column } from './html-kit.js';
import { statusWord } from './labels.js';
import { localReason } from '../model/reasons.js';
import { PLATFORMS } from '../analysis/accounts.js';
import { DEFAULT_TASKS } from '../analysis/key-tasks.js';
import { SEVERITY_LABEL } from './labels.js';

type Row = Record<string, unknown>;
const arr = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);
const pct = (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 100)}%` : v);

/** Label–value facts; a third element shows the value as code (a form's description) or as the site's own text. */
function facts(items: ([string, unknown] | [string, unknown, 'code' | 'site'])[]): string {
  const shown = items.filter(([, v]) => v !== undefined && v !== null);
  if (!shown.length) return '';
  const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<dl class="facts">${shown
    .map(([k, v, kind]) => {
      const text = esc(typeof v === 'object' ? JSON.stringify(v) : v);
      return `<div><dt>${esc(k)}</dt><dd${kind === 'site' ? ' translate="no"' : ''}>${kind === 'code' ? `<code>${text}</code>` : text}</dd></div>`;
    })
    .join('')}</dl>`;
}

/** Words rules write as data values (column types, probe kinds), in the report's language. */
const VALUE_ZH: Record<string, string> = {
  news: '动态类', notice: '通知公告/政策类', info: '其他信息类', static: '静态介绍', interaction: '互动类', service: '服务类',
  title: '标题', keyword: '关键词', nonsense: '无意义词', markup: '含标记',
  banner: '版权注释', filename: '文件名', path: '路径', query: '查询参数',
};
const value = (v: unknown, lang: Lang) => (lang === 'zh' && typeof v === 'string' && VALUE_ZH[v] ? VALUE_ZH[v] : v);
const platformName = (id: unknown, lang: Lang) => (lang === 'zh' ? (PLATFORMS.find((p) => p.id === id)?.name ?? id) : id);
const taskName = (r: Row, lang: Lang) => {
  const t = DEFAULT_TASKS.find((x) => x.id === r.id);
  return t ? (lang === 'zh' ? t.zh[0] : t.en[0]) : r.label;
};
/** Clicks → pages, as "1 click: 20 · 2 clicks: 30", not a JSON object. */
const distributionText = (d: unknown, lang: Lang) =>
  d && typeof d === 'object'
    ? Object.entries(d as Record<string, number>)
        .map(([k, n]) => (lang === 'zh' ? `${k} 次：${n}` : `${k}: ${n}`))
        .join(' · ')
    : undefined;

export function categoryTables(cat: Category, data: Row | undefined, lang: Lang): string {
  if (!data) return '';
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const c = <R,>(label: [string, string], get: (r: R) => unknown, kind?: Column<R>['kind']): Column<R> => ({ label: L(...label), get, kind });
  const more = L('仅显示前', 'first');
  switch (cat) {
    case 'freshness': {
      const home = data.home as Row | undefined;
      return (
        (home ? facts([[L('首页最新信息', 'Home page newest item'), home.newest], [L('距今天数', 'Age (days)'), home.age], [L('状态', 'Status'), statusWord(home.status, lang)]]) : '') +
        table(
          [
            c(['栏目', 'Column'], (r: Row) => r.name, 'site'),
            c(['类型', 'Type'], (r: Row) => value(r.type, lang)),
            c(['状态', 'Status'], (r: Row) => statusWord(r.status, lang)),
            c(['最新日期', 'Newest'], (r: Row) => r.newest),
            c(['距今（天）', 'Age (days)'], (r: Row) => r.age, 'num'),
            c(['时限（天）', 'Limit (days)'], (r: Row) => r.threshold, 'num'),
            c(['条目', 'Items'], (r: Row) => r.items, 'num'),
            c(['地址', 'URL'], (r: Row) => r.url, 'url'),
          ],
          arr(data.columns).sort((a, b) => rank(a.status) - rank(b.status)),
        )
      );
    }
    case 'accounts':
      return table(
        [
          c(['平台', 'Platform'], (r: Row) => platformName(r.platform, lang)),
          c(['账号', 'Account'], (r: Row) => r.name, 'site'),
          c(['结论', 'Verdict'], (r: Row) => statusWord(r.verdict, lang)),
          c(['最新发布', 'Newest post'], (r: Row) => r.newestPost),
          c(['距今（天）', 'Age (days)'], (r: Row) => r.age, 'num'),
          c(['原因', 'Reason'], (r: Row) => localReason(r.reason, lang)),
          c(['账号地址', 'Account URL'], (r: Row) => r.url, 'url'),
        ],
        arr(data.accounts),
      );
    case 'search':
      return (
        facts([
          [L('搜索入口', 'Entry'), data.entry, 'code'],
          [L('标题召回率', 'Title recall'), pct(data.titleRecall)],
          [L('零结果率', 'Zero-result rate'), pct(data.zeroResultRate)],
          [L('响应时间中位数（毫秒）', 'Median ms'), data.medianMs],
        ]) +
        table(
          [
            c(['类型', 'Kind'], (r: Row) => value(r.kind, lang)),
            c(['检索词', 'Query'], (r: Row) => r.query, 'site'),
            c(['应找到', 'Expected'], (r: Row) => r.expectedUrl, 'url'),
            c(['发布日期', 'Published'], (r: Row) => r.published),
            c(['排名', 'Rank'], (r: Row) => r.rank, 'num'),
            c(['结果数', 'Results'], (r: Row) => r.results, 'num'),
            c(['毫秒', 'ms'], (r: Row) => r.ms, 'num'),
            c(['结果页', 'Results page'], (r: Row) => r.resultsUrl, 'url'),
          ],
          arr(data.probes),
        )
      );
    case 'navigation':
      return (
        facts([[L('点击深度分布（点击次数：页面数）', 'Click-depth distribution (clicks: pages)'), distributionText(data.distribution, lang)], [L('超过深度限制的页面', 'Pages deeper than the limit'), data.deeper]]) +
        table(
          [
            c(['关键任务', 'Key task'], (r: Row) => taskName(r, lang)),
            c(['已找到', 'Found'], (r: Row) => r.found),
            c(['点击深度', 'Depth'], (r: Row) => r.depth, 'num'),
            c(['点击路径', 'Click path'], (r: Row) => arr(r.path).map((s) => s.text ?? '/').join(' › '), 'site'),
            c(['地址', 'URL'], (r: Row) => r.url, 'url'),
          ],
          arr(data.keyTasks),
        )
      );
    case 'links':
      return (
        facts([[L('检查的链接', 'Links checked'), data.checked], [L('失效', 'Broken'), data.broken], [L('无法核实', 'Unverifiable'), data.unverifiable]]) +
        table(
          [
            c(['链接', 'Link'], (r: Row) => r.url, 'url'),
            c(['结论', 'Verdict'], (r: Row) => statusWord(r.verdict, lang)),
            c(['状态码', 'Status'], (r: Row) => r.status, 'num'),
            c(['原因', 'Reason'], (r: Row) => localReason(r.reason, lang)),
            c(['站内', 'Internal'], (r: Row) => r.internal),
            c(['首页', 'On home'], (r: Row) => r.onHome),
            c(['所在页面数', 'Pages'], (r: Row) => r.pages, 'num'),
            c(['所在页面（首个）', 'Found on (first)'], (r: Row) => r.foundOn, 'url'),
          ],
          arr(data.problems),
          // Every problem link is in the issues list with its pages; this table is the overview.
          { limit: 100, more },
        )
      );
    case 'accessibility': {
      const byRule = Object.entries((data.byRule ?? {}) as Record<string, Row>).map(([id, r]): Row => ({ id, ...r }));
      return (
        facts([
          ['axe-core', data.axeVersion],
          [L('检测页面', 'Pages analysed'), data.pagesAnalysed],
          [L('覆盖页面', 'Pages represented'), data.pagesRepresented],
          [L('未检测原因', 'Not analysed'), (data as Row).error],
        ]) +
        table(
          [
            c(['规则', 'Rule'], (r: Row) => r.id, 'code'),
            c(['影响', 'Impact'], (r: Row) => (typeof r.impact === 'string' && r.impact in SEVERITY_LABEL ? SEVERITY_LABEL[r.impact as keyof typeof SEVERITY_LABEL][lang] : r.impact)),
            c(['说明', 'Help'], (r: Row) => r.help),
            c(['元素', 'Elements'], (r: Row) => r.elements, 'num'),
            c(['页面', 'Pages'], (r: Row) => r.pages, 'num'),
          ],
          byRule.sort((a, b) => Number(b.elements ?? 0) - Number(a.elements ?? 0)),
        )
      );
    }
    case 'interaction':
      return (
        facts([[L('留言数', 'Letters'), data.letters], [L('已答复', 'Answered'), data.answered], [L('答复用时中位数（天）', 'Median reply days'), data.medianReplyDays]]) +
        table(
          [
            c(['标题', 'Title'], (r: Row) => r.title, 'site'),
            c(['来信日期', 'Submitted'], (r: Row) => r.submitted),
            c(['答复日期', 'Replied'], (r: Row) => r.replied),
            c(['用时（天）', 'Reply days'], (r: Row) => r.replyDays, 'num'),
            c(['地址', 'URL'], (r: Row) => r.url, 'url'),
          ],
          arr(data.list),
          { limit: 100, more },
        )
      );
    case 'services': {
      const depth = (data.depth ?? {}) as Record<string, number>;
      return (
        facts([
          [L('办事指南', 'Service guides'), data.guides],
          [L('仅有指南 / 可下载表格 / 可在线申办 / 全程网办', 'Guide only / forms / online application / fully online'), data.assessed ? [1, 2, 3, 4].map((k) => depth[k] ?? 0).join(' / ') : undefined],
          [L('只能线下办理', 'Paper-only items'), data.paperOnly],
          [L('未注明本级政府而未计入的指南', 'Guides not naming this government'), data.notAttributed || undefined],
        ]) +
        table(
          [
            c(['要素', 'Element'], (r: Row) => r.label),
            c(['齐全', 'Present'], (r: Row) => r.present, 'num'),
            c(['为空', 'Empty'], (r: Row) => r.empty, 'num'),
            c(['缺失', 'Missing'], (r: Row) => r.missing, 'num'),
            c(['未能读取', 'Unread'], (r: Row) => r.unread, 'num'),
            c(['齐全比例', 'Share present'], (r: Row) => pct(r.share)),
          ],
          arr(data.elements),
        ) +
        table(
          [
            c(['事项', 'Item'], (r: Row) => r.name, 'site'),
            c(['部门', 'Department'], (r: Row) => r.department, 'site'),
            c(['在线深度', 'Online depth'], (r: Row) => `${r.level} ${r.levelName ?? ''}`),
            c(['缺少的要素', 'Gaps'], (r: Row) => r.gapsText),
            c(['只能线下', 'Paper-only'], (r: Row) => (r.paperOnly ? L('是', 'yes') : '')),
            c(['地址', 'URL'], (r: Row) => r.url, 'url'),
          ],
          arr(data.list).sort((a, b) => Number(a.level) - Number(b.level)),
          { limit: 500, more },
        )
      );
    }
    case 'security': {
      const id = (data.identity ?? {}) as Row;
      const pd = (data.personalData ?? {}) as Row;
      const totals = (pd.totals ?? {}) as Record<string, number>;
      return (
        facts([
          [L('网站名称', 'Site name'), id.siteName, 'site'],
          [L('主办单位', 'Sponsoring body'), id.sponsor, 'site'],
          [L('网站标识码', 'Site identification code'), id.siteIdCode, 'site'],
          [L('ICP备案编号', 'ICP record number'), id.icp, 'site'],
          [L('公安机关备案号', 'Public-security record number'), id.psb, 'site'],
        ]) +
        facts([
          [L('检查个人信息的页面', 'Pages scanned for personal data'), pd.pagesScanned],
          [L('读取的附件', 'Attachments read'), pd.attachmentsRead],
          [L('泄露个人信息的页面 / 附件', 'Pages / attachments leaking personal data'), pd.pagesScanned === undefined ? undefined : `${pd.pagesWithLeaks ?? 0} / ${pd.attachmentsWithLeaks ?? 0}`],
          [L('身份证号 / 手机号 / 银行卡号（已遮盖，不显示）', 'ID / mobile / bank-card numbers (masked, never shown)'), pd.pagesScanned === undefined ? undefined : `${totals['id-number'] ?? 0} / ${totals.mobile ?? 0} / ${totals['bank-card'] ?? 0}`],
        ]) +
        table(
          [
            c(['前端组件', 'Library'], (r: Row) => r.library, 'code'),
            c(['版本', 'Version'], (r: Row) => r.version, 'code'),
            c(['识别方式', 'Found by'], (r: Row) => value(r.how, lang)),
            c(['脚本数', 'Scripts'], (r: Row) => r.scripts, 'num'),
          ],
          arr(data.libraries),
        ) +
        table(
          [
            c(['未能读取的附件', 'Attachment not read'], (r: Row) => r.url, 'url'),
            // A parser's own error text: shown as written.
            c(['原因', 'Reason'], (r: Row) => localReason(r.reason, lang), 'site'),
          ],
          arr(pd.unreadAttachments),
          { limit: 50, more },
        )
      );
    }
    default:
      return '';
  }
}

const rank = (status: unknown) => ['stale', 'blank', 'undated', 'fresh'].indexOf(String(status)) + 1 || 9;
