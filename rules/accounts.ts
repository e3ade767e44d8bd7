// Zombie and sleeping new-media accounts (僵尸/睡眠账号, 国办发〔2018〕123号; 国办秘函〔2019〕19号
// 政务新媒体单项否决 "内容不更新": nothing posted in 2 weeks). Every account the portal
// advertises is opened and dated; evaluator input from platform back-ends can override.
import { defineRule, type RuleFinding } from '../src/rules/types.js';
import { zhReason } from '../src/model/reasons.js';
import { discoverAccounts, PLATFORMS, type Account } from '../src/analysis/accounts.js';
import { checkAccount, type AccountCheck } from '../src/analysis/account-check.js';
import type { AccountInputRow } from '../src/analysis/account-input.js';
import { daysBetween } from '../src/crawl/dates.js';
import { urlKey } from '../src/crawl/url.js';

interface Options {
  staleDays: number;
  dormantDays: number;
  /** Rows from --accounts (set by the audit, not by hand). */
  input: AccountInputRow[];
}
const DEFAULTS: Options = { staleDays: 14, dormantDays: 365, input: [] };

type Verdict = 'active' | 'stale' | 'dormant' | 'dead' | 'unverifiable';

interface Row extends Account {
  verdict: Verdict;
  newestPost: string | null;
  age: number | null;
  source: 'page' | 'feed' | 'evaluator input' | null;
  reason: string | null;
  status: number | null;
}

const LABEL: Record<Verdict, { zh: string; en: string }> = {
  active: { zh: '正常更新', en: 'active' },
  stale: { zh: '超过时限未更新', en: 'not updated within the limit' },
  dormant: { zh: '一年以上未更新（睡眠/僵尸账号）', en: 'dormant for over a year (zombie account)' },
  dead: { zh: '无法访问或已注销', en: 'broken link or removed account' },
  unverifiable: { zh: '无法核实', en: 'unverifiable' },
};

function verdictOf(newest: string | null, asOf: string, o: Options): { verdict: Verdict; age: number | null } {
  if (!newest) return { verdict: 'unverifiable', age: null };
  const age = daysBetween(newest, asOf);
  return { verdict: age > o.dormantDays ? 'dormant' : age > o.staleDays ? 'stale' : 'active', age };
}

export default defineRule({
  id: 'accounts',
  category: 'accounts',
  title: { zh: '政务新媒体账号更新', en: 'Government new-media accounts' },
  description: {
    zh: '发现网站展示的政务新媒体账号（平台链接、二维码、新媒体矩阵），打开账号页读取最新发文日期（含RSS/Atom），判定正常、超期未更新、睡眠、失效或无法核实；可用 --accounts 导入平台后台数据。',
    en: 'Discovers the new-media accounts the portal advertises (platform links, QR codes, matrix pages), opens each account page for its newest post (RSS/Atom included) and rates it active, stale, dormant, dead or unverifiable; platform back-end exports can be supplied with --accounts.',
  },
  severity: 'serious',
  standards: ['国办发〔2018〕123号 政务新媒体 · 僵尸/睡眠账号', '国办秘函〔2019〕19号 政务新媒体单项否决 · 内容不更新'],
  async run({ snapshot, probe, asOf, t, siteLang, options }) {
    const o = { ...DEFAULTS, ...(options as Partial<Options>) };
    const accounts = discoverAccounts(snapshot);
    const inputByUrl = new Map(o.input.filter((r) => r.url).map((r) => [urlKey(r.url!), r]));
    const inputByName = new Map(o.input.map((r) => [`${r.platform}:${r.name}`, r]));
    const used = new Set<AccountInputRow>();
    // Accounts only the evaluator knows are audited too.
    for (const r of o.input)
      if (!(r.url && accounts.some((a) => a.url && urlKey(a.url) === urlKey(r.url!))) && !accounts.some((a) => a.platform === r.platform && a.name === r.name))
        accounts.push({ platform: r.platform, name: r.name, url: r.url, foundOn: [], via: 'link' });

    const rows: Row[] = [];
    for (const a of accounts) {
      const input = (a.url && inputByUrl.get(urlKey(a.url))) || inputByName.get(`${a.platform}:${a.name}`);
      if (input?.lastPost) {
        used.add(input);
        rows.push({ ...a, ...verdictOf(input.lastPost, asOf, o), newestPost: input.lastPost, source: 'evaluator input', reason: null, status: null });
        continue;
      }
      if (!a.url) {
        rows.push({ ...a, verdict: 'unverifiable', newestPost: null, age: null, source: null, reason: 'shown only as a QR code', status: null });
        continue;
      }
      const c: AccountCheck = await checkAccount(probe, a.url, asOf);
      if (c.state === 'removed') rows.push({ ...a, verdict: 'dead', newestPost: null, age: null, source: null, reason: c.reason, status: c.status });
      else if (c.state === 'unverifiable') rows.push({ ...a, verdict: 'unverifiable', newestPost: null, age: null, source: null, reason: c.reason, status: c.status });
      else rows.push({ ...a, ...verdictOf(c.newestPost, asOf, o), newestPost: c.newestPost, source: c.source, reason: null, status: c.status });
    }

    const findings: RuleFinding[] = [];
    for (const r of rows) {
      if (r.verdict === 'active') continue;
      // A stale, dormant or dead publishing account fails the new-media veto in the Chinese profile.
      const veto = siteLang === 'zh' && r.verdict !== 'unverifiable';
      // The platform by its Chinese name in a Chinese message (微博, not weibo).
      const what = `${r.platform}「${r.name || r.url}」`;
      const whatZh = `${PLATFORMS.find((p) => p.id === r.platform)?.name ?? r.platform}「${r.name || r.url}」`;
      findings.push({
        check: r.verdict,
        severity: r.verdict === 'unverifiable' ? 'info' : veto ? 'critical' : 'serious',
        ...(veto ? { veto: true } : {}),
        url: r.foundOn[0] ?? snapshot.startUrl,
        target: r.url ?? `${r.platform}:${r.name}`,
        message: t({
          zh: `政务新媒体账号 ${whatZh}${LABEL[r.verdict].zh}${r.newestPost ? `：最新发文 ${r.newestPost}，已 ${r.age} 天` : ''}${r.reason ? `（${zhReason(r.reason)}）` : ''}`,
          en: `New-media account ${what} is ${LABEL[r.verdict].en}${r.newestPost ? `: newest post ${r.newestPost}, ${r.age} days ago` : ''}${r.reason ? ` (${r.reason})` : ''}`,
        }),
        evidence: { platform: r.platform, name: r.name, newestPost: r.newestPost, age: r.age, source: r.source, reason: r.reason, status: r.status, foundOn: r.foundOn, staleDays: o.staleDays },
      });
    }
    return {
      findings,
      data: {
        staleDays: o.staleDays,
        dormantDays: o.dormantDays,
        accounts: rows,
        unusedInput: o.input.filter((r) => !used.has(r) && !rows.some((x) => x.name === r.name && x.platform === r.platform)),
      },
    };
  },
});
