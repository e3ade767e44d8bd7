// "One language per report": the prose a reader sees, without what is quoted from the site or is
// not language at all (URLs, code, rule ids, evidence data), must hold no word of the other language.
import type { Page } from 'playwright';
import type { Lang } from '../../src/model/types.js';

/** Visible text of the report page, leaving out code, raw evidence and site text marked translate="no". */
export async function visibleProse(page: Page): Promise<string> {
  return page.evaluate(() => {
    const root = document.body.cloneNode(true) as HTMLElement;
    root.querySelectorAll('code, pre, script, style, [translate="no"], noscript').forEach((e) => e.remove());
    // Links that show a URL (decoded, shortened) are addresses, not prose.
    root.querySelectorAll('a').forEach((a) => { if (/^(https?:|file:|evidence\/|[\w.-]+\.(html|json|csv|md|xlsx|pdf)$)/.test((a.textContent ?? '').trim())) a.remove(); });
    document.body.appendChild(root);
    root.style.display = 'block';
    const text = root.innerText;
    root.remove();
    return text;
  });
}

/** Words that are names, not language: technical terms, HTML tag and attribute names, header names. */
const NAMES = new Set(
  (
    'axe-core axe HTTP HTTPS URL URLs JSON CSV XLSX PDF JPEG ICP WCAG MIIT CSP WAF DNS IPv6 SiteIDCode SiteName robots txt portal-audit Chromium ' +
    'PubDate ColumnName ColumnType ArticleTitle SARIF JUnit JavaScript UTF BOM CMS SSL TLS CAPTCHA HSTS CVE jQuery nosniff viewport lang alt aria ' +
    'html head body main nav header footer section article aside div span table thead tbody tfoot tr td th form input button select textarea label img iframe frame ' +
    'gov-cn general vetoIncompleteShare'
  ).split(' ').map((w) => w.toLowerCase()),
);

/**
 * Strip what is quoted from the site (“…”, "…", 「…」, 《…》, ‘…’, a parenthesis of Chinese alone such as
 * a promised time or a mark's name), document numbers (国办秘函〔2019〕19号: names), and URLs.
 */
export function unquoted(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/“[^”]*”|"[^"\n]*"|「[^」]*」|《[^》]*》|‘[^’]*’/g, ' ')
    .replace(/[（(][\u3400-\u9fff\d\s、，]+[)）]/g, ' ')
    .replace(/[\u3400-\u9fff]{1,8}〔\d{4}〕\d+号/g, ' ');
}

/** Pieces of other-language text, with a little context: Han characters in an en report, English words in a zh one. */
export function otherLanguage(text: string, lang: Lang): string[] {
  const prose = unquoted(text);
  const out: string[] = [];
  const re = lang === 'en' ? /[\u3400-\u9fff\uf900-\ufaff]+/g : /[A-Za-z][A-Za-z-]{2,}/g;
  for (const m of prose.matchAll(re)) {
    if (lang === 'zh') {
      if (NAMES.has(m[0].toLowerCase()) || m[0].includes('-')) continue; // names; hyphenated words are identifiers (image-alt, X-Frame-Options)
      // Identifiers: rule ids, file names, selectors, attributes, versions (links/broken, ul.links, [href=, CVE-2021).
      const before = prose[m.index! - 1] ?? ' ';
      const after = prose[m.index! + m[0].length] ?? ' ';
      if (/[/._#>=:\[$\d\\-]/.test(before) || /[/._#=:\[\]$\d\\-]/.test(after)) continue;
    }
    out.push(prose.slice(Math.max(0, m.index! - 20), m.index! + m[0].length + 20).replace(/\s+/g, ' '));
  }
  return [...new Set(out)];
}

/** Markdown prose: code spans and link targets left out. */
export const markdownProse = (md: string) => md.replace(/``[^`]*``|`[^`]*`/g, ' ').replace(/\]\([^)]*\)/g, ']');

/** What a report page says in the other language, read in Chromium. */
export async function pageLeaks(page: Page, url: string, lang: Lang): Promise<string[]> {
  await page.goto(url);
  return otherLanguage(await visibleProse(page), lang);
}
