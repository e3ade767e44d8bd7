// Broken links and downloads, redirect chains and loops, mixed content and script-only links.
// One finding per target with every page that carries it; the inspection indicators weigh
// broken links on the home page apart from the rest (国办秘函〔2019〕19号 可用性).
import { homePages } from '../src/analysis/home.js';
import { zhReason } from '../src/model/reasons.js';
import pLimit from 'p-limit';
import { defineRule, type RuleFinding } from '../src/rules/types.js';
import { crawledStatus, linkTargets, type LinkSource, type LinkTarget, type TargetKind } from '../src/analysis/link-targets.js';
import type { LinkStatus } from '../src/crawl/link-check.js';
import { sameSite, urlKey } from '../src/crawl/url.js';
import type { Severity, Text } from '../src/model/types.js';

interface Options {
  /** Check links to other sites too. */
  external: boolean;
  /** Redirect hops above which a chain is reported. */
  maxRedirects: number;
  /** Parallel link checks (each host is still limited on its own). */
  concurrency: number;
  /** Most targets probed in one audit; the rest are counted as not checked. */
  maxChecks: number;
  /** Source pages listed per finding (all are counted). */
  maxSources: number;
}
// maxSources: a link on every page of a template is one finding listing them all (report.json); 1 000 bounds it.
const DEFAULTS: Options = { external: true, maxRedirects: 3, concurrency: 6, maxChecks: 5000, maxSources: 1000 };

const KIND: Record<TargetKind, Text> = {
  page: { zh: '链接', en: 'link' },
  attachment: { zh: '附件', en: 'attachment' },
  image: { zh: '图片', en: 'image' },
  script: { zh: '脚本', en: 'script' },
  stylesheet: { zh: '样式表', en: 'stylesheet' },
  frame: { zh: '内嵌页面', en: 'frame' },
  media: { zh: '媒体文件', en: 'media file' },
};
// Active mixed content is blocked by browsers; passive content is loaded with a warning.
const ACTIVE: TargetKind[] = ['script', 'stylesheet', 'frame'];

interface Checked extends LinkTarget {
  status: LinkStatus;
  checkedBy: 'crawl' | 'probe';
}

/** The options as `run` reads them. */
const optionsOf = (options: Record<string, unknown>): Options => ({ ...DEFAULTS, ...(options as Partial<Options>) });

export default defineRule({
  id: 'links',
  category: 'links',
  title: { zh: '链接可用性', en: 'Broken links and downloads' },
  description: {
    zh: '检查所有站内链接、图片、附件及外部链接（HEAD失败时用GET，遵守Retry-After，按主机限速）：错链断链（首页单独计）、附件无法下载、重定向链过长与循环、HTTPS页面引用HTTP资源、javascript:/空链接充当导航；被反爬拦截的链接记为无法核实。',
    en: 'Checks every internal link, image and attachment and every external link (HEAD, GET fallback, Retry-After honoured, rate-limited per host): broken links (home page counted apart), broken downloads, long redirect chains and loops, mixed content on https pages, javascript:/empty links used as navigation; links a bot block answers are unverifiable.',
  },
  severity: 'moderate',
  standards: ['国办秘函〔2019〕19号 功能设计 · 可用性（首页/其他页面错链断链）', 'WCAG 2.2 2.4.4 Link Purpose', 'W3C Mixed Content'],
  facts: ['pseudoLinks'],
  // Links to other hosts are checked while the crawl runs (a slow foreign server then costs no
  // time after it); same-site targets are the crawl's to fetch. The same cap and switch as run.
  prefetch(page, { options, siteHost, state, checkLink }) {
    const o = optionsOf(options);
    if (!o.external || !page.html) return;
    for (const l of page.links) {
      if (sameSite(l.url, siteHost)) continue;
      const seen = (state.seen ??= new Set<string>()) as Set<string>;
      if (seen.has(l.url)) continue;
      // Capped like run; past the cap run may pick other targets, so at most twice the cap is asked.
      if (seen.size >= o.maxChecks) return;
      seen.add(l.url);
      checkLink(l.url);
    }
  },
  async run({ snapshot, probe, t, options }) {
    const o = optionsOf(options);
    const byKey = new Map(snapshot.pages.map((p) => [urlKey(p.url), p]));
    // A frameset's frames are the home page too.
    const homes = new Set(homePages(snapshot).map((p) => p.url));
    const home = snapshot.pages.find((p) => p.depth === 0)?.url;
    const skipped: Record<string, number> = {};
    const skippedExamples: Record<string, string[]> = {};
    const skip = (why: string, url: string) => {
      skipped[why] = (skipped[why] ?? 0) + 1;
      const ex = (skippedExamples[why] ??= []);
      if (ex.length < 5) ex.push(url);
    };

    const targets = linkTargets(snapshot);
    const checked: Checked[] = [];
    const limit = pLimit(o.concurrency);
    let probes = 0;
    await Promise.all(
      targets.map(async (target) => {
        const page = target.internal ? byKey.get(target.key) : undefined;
        let url = target.url;
        if (page) {
          const s = crawledStatus(page, byKey, snapshot.origin);
          if (s !== 'follow-external') return void checked.push({ ...target, status: s, checkedBy: 'crawl' });
          url = page.finalUrl;
        } else if (target.internal && snapshot.heldBack[target.key]) return skip(snapshot.heldBack[target.key] === 'robots' ? 'disallowed by robots.txt' : 'excluded by --include/--exclude', target.url);
        // The crawl fetches every same-site page and download it may; what it left out was cut
        // by --max-pages, --max-depth or a trap guard, and probing it would undo those limits.
        else if (target.internal && (target.kind === 'page' || target.kind === 'attachment')) return skip('not crawled (page cap, depth limit or trap guard)', target.url);
        else if (!target.internal && !o.external) return skip('external links not checked (option external: false)', target.url);
        if (++probes > o.maxChecks) return skip(`over the check cap (${o.maxChecks})`, target.url);
        const status = await limit(() => probe.checkLink(url));
        if (status.verdict === 'skipped') return skip(status.reason ?? 'refused', target.url);
        checked.push({ ...target, status, checkedBy: 'probe' });
      }),
    );
    checked.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));

    const findings: RuleFinding[] = [];
    const sourcesOf = (list: LinkSource[]) => ({
      sourceCount: list.length,
      sources: list.slice(0, o.maxSources).map((s) => ({ page: s.page, text: s.text, region: s.region, href: s.href })),
    });
    const firstPage = (list: LinkSource[]) => (list.find((s) => homes.has(s.page)) ?? list[0]).page;
    const add = (c: Checked, check: string, severity: Severity, message: Text, extra: Record<string, unknown> = {}) =>
      findings.push({
        check,
        severity,
        url: firstPage(c.sources),
        target: c.url,
        message: t(message),
        evidence: { kind: c.kind, internal: c.internal, status: c.status.status, reason: c.status.reason, redirects: c.status.redirects, finalUrl: c.status.finalUrl, checkedBy: c.checkedBy, ...extra, ...sourcesOf(c.sources) },
      });

    for (const c of checked) {
      const s = c.status;
      const onHome = c.sources.some((x) => homes.has(x.page));
      const kind = KIND[c.kind];
      const pages = c.sources.length;
      if (s.verdict === 'broken') {
        const check = onHome ? 'broken-home' : c.kind === 'attachment' ? 'broken-attachment' : 'broken';
        const severity: Severity = onHome ? 'serious' : c.kind === 'page' || c.kind === 'attachment' ? 'moderate' : 'minor';
        add(c, check, severity, {
          zh: `${onHome ? '首页' : ''}${kind.zh}无法访问（${zhReason(s.reason ?? '')}）：${c.url}，出现在 ${pages} 个页面`,
          en: `Broken ${kind.en}${onHome ? ' on the home page' : ''} (${s.reason}): ${c.url}, on ${pages} page(s)`,
        }, { onHome });
      } else if (s.verdict === 'redirect-loop') {
        add(c, 'redirect-loop', 'serious', { zh: `${kind.zh}陷入重定向循环：${c.url}`, en: `Redirect loop behind ${kind.en} ${c.url}` }, { onHome });
      } else if (s.verdict === 'unverifiable') {
        add(c, 'unverifiable', 'info', { zh: `无法核实${kind.zh}（${zhReason(s.reason ?? '')}）：${c.url}`, en: `Could not verify ${kind.en} (${s.reason}): ${c.url}` });
      } else if (s.redirects.length > o.maxRedirects) {
        add(c, 'redirect-chain', 'minor', {
          zh: `${kind.zh}经过 ${s.redirects.length} 次重定向才到达 ${s.finalUrl}（上限 ${o.maxRedirects}）`,
          en: `${kind.en} goes through ${s.redirects.length} redirects to ${s.finalUrl} (limit ${o.maxRedirects})`,
        });
      }
    }

    // Mixed content: an https page that pulls in (or offers for download) something over http.
    for (const target of targets) {
      if (!target.url.startsWith('http:') || target.kind === 'page') continue;
      const secure = target.sources.filter((s) => s.page.startsWith('https:'));
      if (!secure.length) continue;
      const active = ACTIVE.includes(target.kind);
      findings.push({
        check: 'mixed-content',
        severity: active ? 'serious' : 'moderate',
        url: secure[0].page,
        target: target.url,
        message: t({
          zh: `HTTPS页面通过不安全的HTTP加载${KIND[target.kind].zh}${active ? '（浏览器会拦截）' : ''}：${target.url}`,
          en: `https page loads ${KIND[target.kind].en} over plain http${active ? ' (browsers block it)' : ''}: ${target.url}`,
        }),
        evidence: { kind: target.kind, active, ...sourcesOf(secure) },
      });
    }

    // Script-only links: one finding per (text, href) across the pages that repeat it.
    const pseudo = new Map<string, { href: string; text: string; kind: string; pages: string[] }>();
    for (const p of snapshot.pages)
      for (const l of p.pseudoLinks) {
        const k = `${l.kind}\u0000${l.href}\u0000${l.text}`;
        const e = pseudo.get(k) ?? { href: l.href, text: l.text, kind: l.kind, pages: [] };
        if (!e.pages.includes(p.url)) e.pages.push(p.url);
        pseudo.set(k, e);
      }
    for (const e of pseudo.values()) {
      const what = e.kind === 'javascript' ? 'javascript:' : e.kind === 'hash' ? '#' : 'href=""';
      findings.push({
        check: 'pseudo-link',
        severity: 'minor',
        url: e.pages[0],
        target: `<a href="${e.href}">${e.text}</a>`,
        message: t({
          zh: `「${e.text}」用 ${what} 充当链接，无法直接打开、收藏或由读屏软件识别`,
          en: `"${e.text}" is a ${what} link: it cannot be opened, bookmarked or announced as a destination`,
        }),
        evidence: { href: e.href, text: e.text, kind: e.kind, pageCount: e.pages.length, pages: e.pages.slice(0, o.maxSources) },
      });
    }

    const count = (v: LinkStatus['verdict']) => checked.filter((c) => c.status.verdict === v).length;
    return {
      findings,
      data: {
        targets: targets.length,
        checked: checked.length,
        probed: checked.filter((c) => c.checkedBy === 'probe').length,
        internal: checked.filter((c) => c.internal).length,
        external: checked.filter((c) => !c.internal).length,
        ok: count('ok'),
        broken: count('broken') + count('redirect-loop'),
        unverifiable: count('unverifiable'),
        notChecked: skipped,
        notCheckedExamples: skippedExamples,
        maxRedirects: o.maxRedirects,
        // Every target that is not plainly fine, for the report's broken-link table.
        problems: checked
          .filter((c) => c.status.verdict !== 'ok' || c.status.redirects.length > o.maxRedirects)
          .map((c) => ({
            url: c.url,
            kind: c.kind,
            internal: c.internal,
            verdict: c.status.verdict,
            status: c.status.status,
            reason: c.status.reason,
            redirects: c.status.redirects.length,
            onHome: c.sources.some((x) => homes.has(x.page)),
            pages: c.sources.length,
            // Where a webmaster finds it: the first page carrying the link (all of them are in the finding).
            foundOn: c.sources[0]?.page ?? null,
          })),
      },
    };
  },
});
