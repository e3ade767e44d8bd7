// Client libraries with known advisories, where the version is visible: in the script URL
// (jquery-1.8.3.min.js, /jquery/1.12.4/, ?ver=) or, for a script named like a library but
// without a version, in the banner comment at the top of the file. The advisory list is data
// (src/analysis/js-advisories.ts).
import { defineRule, type RuleFinding } from '../src/rules/types.js';
import { assessLibrary, libraryFromBanner, libraryFromUrl, type LibraryVersion } from '../src/analysis/js-libraries.js';

interface Options {
  /** Script files fetched to read their banner, at most. */
  maxFetches: number;
}
const DEFAULTS: Options = { maxFetches: 20 };

/** File names worth opening when the URL shows no version. */
const LIBRARY_NAMES = /(jquery|bootstrap|angular|lodash|moment|vue|handlebars|purify)[\w.-]*\.js$/i;

export default defineRule({
  id: 'outdated-libraries',
  category: 'security',
  title: { zh: '过时的前端组件', en: 'Outdated client libraries' },
  description: {
    zh: '从脚本地址或脚本文件头部的版本注释识别 jQuery、jQuery UI、Bootstrap、AngularJS、Lodash、Moment、Vue、Handlebars、DOMPurify 的版本，报告存在已公开漏洞（CVE）或已停止维护的版本。',
    en: 'Reads the version of jQuery, jQuery UI, Bootstrap, AngularJS, Lodash, Moment, Vue, Handlebars and DOMPurify from script URLs or the version banner at the top of the script, and reports versions with published advisories (CVE) or out of support.',
  },
  severity: 'moderate',
  standards: ['OWASP Top 10 2021 A06 · Vulnerable and Outdated Components', 'GB/T 22239-2019 网络安全等级保护基本要求 · 漏洞和风险管理'],
  // Reads no page facts beyond links, title and meta.
  facts: [],
  async run({ snapshot, probe, options, t }) {
    const o = { ...DEFAULTS, ...(options as Partial<Options>) };
    const scripts = new Map<string, string[]>();
    for (const p of snapshot.pages)
      for (const l of p.links) {
        if (l.tag !== 'script' || !/^https?:/.test(l.url)) continue;
        const pages = scripts.get(l.url) ?? [];
        if (!pages.includes(p.url)) pages.push(p.url);
        scripts.set(l.url, pages);
      }

    // One finding per library version, however many pages and copies load it.
    const found = new Map<string, { lib: LibraryVersion; scripts: string[]; pages: Set<string> }>();
    let fetches = 0;
    for (const [url, pages] of scripts) {
      let lib = libraryFromUrl(url);
      if (!lib && LIBRARY_NAMES.test(new URL(url).pathname) && fetches++ < o.maxFetches) {
        const res = await probe.fetch(url).catch(() => null);
        if (res && res.status < 400) lib = libraryFromBanner(res.text.slice(0, 4096));
      }
      if (!lib) continue;
      const key = `${lib.library}@${lib.version}`;
      const e = found.get(key) ?? { lib, scripts: [], pages: new Set<string>() };
      e.scripts.push(url);
      for (const p of pages) e.pages.add(p);
      found.set(key, e);
    }

    const findings: RuleFinding[] = [];
    const detected: { library: string; version: string; how: string; scripts: number }[] = [];
    for (const { lib, scripts: urls, pages } of found.values()) {
      detected.push({ library: lib.library, version: lib.version, how: lib.how, scripts: urls.length });
      const v = assessLibrary(lib);
      if (!v.severity) continue;
      const ids = v.advisories.flatMap((a) => a.ids);
      findings.push({
        check: v.advisories.length ? 'known-vulnerabilities' : 'end-of-life',
        severity: v.severity,
        url: [...pages][0],
        target: urls[0],
        message: t(
          v.advisories.length
            ? { zh: `${lib.library} ${lib.version} 存在 ${ids.length} 个已公开漏洞（${ids.slice(0, 4).join('、')}${ids.length > 4 ? '等' : ''}），出现在 ${pages.size} 个页面`, en: `${lib.library} ${lib.version} has ${ids.length} published advisories (${ids.slice(0, 4).join(', ')}${ids.length > 4 ? ' …' : ''}), on ${pages.size} page(s)` }
            : { zh: `${lib.library} ${lib.version} 已停止维护（${v.endOfLife}），出现在 ${pages.size} 个页面`, en: `${lib.library} ${lib.version} is out of support (${v.endOfLife}), on ${pages.size} page(s)` },
        ),
        evidence: {
          library: lib.library,
          version: lib.version,
          detectedBy: lib.how,
          advisories: v.advisories.map((a) => ({ ids: a.ids, severity: a.severity, fixedIn: a.below, summary: a.summary })),
          endOfLife: v.endOfLife,
          scripts: urls.slice(0, 10),
          pageCount: pages.size,
          pages: [...pages].slice(0, 20),
        },
      });
    }
    return { findings, data: { libraries: detected } };
  },
});
