// Site search as a citizen uses it: find the box, type, press Enter, read what comes back.
// The first query always goes through the page's own UI; when that lands on a plain GET URL
// carrying the query, later queries open that URL directly (same browser, same rendering).
import type { Page as BrowserPage } from 'playwright';
import type { Form, Page, Snapshot } from '../model/types.js';
import { parseHtml } from '../crawl/parse.js';
import { urlKey } from '../crawl/url.js';

export const SEARCH_WORDS = /搜索|检索|查询|搜\s*索|search|find/i;
const SEARCH_NAMES = /^(searchword|q|keyword|keywords|kw|query|wd|word|key|search|sw|s|text|qt)$/i;

export interface SearchEntry {
  kind: 'form' | 'script';
  /** Form action (GET/POST target) or the page holding a script-driven box. */
  action: string;
  method: string;
  field: string | null;
  evidence: string;
}

/** The best search form of a page, by role, input type, parameter name and wording. */
export function searchForm(page: Page): SearchEntry | null {
  let best: { form: Form; score: number } | null = null;
  for (const form of page.forms) {
    const texts = [form.action, ...form.buttons, ...form.fields.flatMap((f) => [f.placeholder ?? '', f.label ?? ''])].join(' ');
    const field = form.fields.find((f) => f.type === 'search' || SEARCH_NAMES.test(f.name)) ?? form.fields.find((f) => ['text', ''].includes(f.type));
    if (!field) continue;
    const score =
      (form.role === 'search' ? 3 : 0) +
      (form.fields.some((f) => f.type === 'search') ? 3 : 0) +
      (form.fields.some((f) => SEARCH_NAMES.test(f.name)) ? 2 : 0) +
      (SEARCH_WORDS.test(texts) ? 2 : 0) -
      (form.fields.some((f) => f.type === 'password') ? 10 : 0);
    if (score >= 2 && (!best || score > best.score)) best = { form, score };
  }
  if (!best) return null;
  const f = best.form;
  const field = f.fields.find((x) => x.type === 'search' || SEARCH_NAMES.test(x.name)) ?? f.fields[0];
  return { kind: 'form', action: f.action, method: f.method, field: field.name || null, evidence: `form action=${f.action} method=${f.method} field=${field.name}` };
}

/** The search form most crawled pages share (a header template), on its shallowest page: where to search from when the home page has none. */
export function locateSearchForm(snapshot: Snapshot): { page: Page; entry: SearchEntry; pages: number } | null {
  const byForm = new Map<string, { page: Page; entry: SearchEntry; pages: number }>();
  for (const p of snapshot.pages) {
    if (!p.html || p.error || p.depth === null || !p.forms.length) continue;
    const entry = searchForm(p);
    if (!entry) continue;
    const key = `${entry.action} ${entry.field}`;
    const had = byForm.get(key);
    if (!had) byForm.set(key, { page: p, entry, pages: 1 });
    else {
      had.pages++;
      if (p.depth < had.page.depth!) had.page = p;
    }
  }
  return [...byForm.values()].sort((a, b) => b.pages - a.pages || a.page.depth! - b.page.depth!)[0] ?? null;
}

export interface ResultPage {
  url: string;
  status: number | null;
  /** Result links in page order (title links in the main region, pagination excluded). */
  results: { url: string; text: string }[];
  count: number | null;
  noResultMessage: string | null;
  html: string;
  ms: number;
  error?: string;
}

const COUNT = [/共\s*(?:找到|检索到|搜索到|查到|有)?\s*([\d,]+)\s*(?:条|个|篇|项)/, /找到\s*(?:相关)?(?:结果|信息|内容)?\s*(?:约)?\s*([\d,]+)\s*(?:条|个|篇|项)/, /([\d,]+)\s+(?:results?|matches|items) (?:found|for)/i, /(?:found|showing)\s+([\d,]+)\s+(?:results?|matches)/i];
const NO_RESULT = /没有找到|无相关|无结果|未找到|找不到|未检索到|未搜索到|暂无(?:相关)?(?:结果|信息)|no results?|nothing found|did not match|0 results/i;

/** Read a results page: links of the result list, the stated count, a no-result message. */
export function readResults(html: string, url: string, asOf: string, status: number | null, ms: number): ResultPage {
  const p = parseHtml(html, url, asOf);
  const self = urlKey(url);
  const isResult = (u: string) => urlKey(u) !== self && !p.pagination.includes(u);
  let results = p.items.filter((i) => isResult(i.url)).map((i) => ({ url: i.url, text: i.text }));
  if (!results.length)
    results = p.links
      .filter((l) => l.tag === 'a' && l.region === 'main' && isResult(l.url) && (l.text.match(/[\u4e00-\u9fff]/g)?.length ?? 0) + l.text.length / 3 >= 4)
      .map((l) => ({ url: l.url, text: l.text }));
  const text = html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  let count: number | null = null;
  for (const re of COUNT) {
    const m = re.exec(text);
    if (m) {
      count = Number(m[1].replace(/,/g, ''));
      break;
    }
  }
  return { url, status, results, count, noResultMessage: NO_RESULT.exec(text)?.[0] ?? null, html, ms };
}

/** Mark the page's search box (and its button) for the probe; null when the page has none. */
async function markSearchBox(page: BrowserPage): Promise<string | null> {
  return page.evaluate((words) => {
    const re = new RegExp(words, 'i');
    const names = /^(searchword|q|keyword|keywords|kw|query|wd|word|key|search|sw|s|text|qt)$/i;
    const inputs = [...document.querySelectorAll('input')].filter((i) => ['', 'text', 'search'].includes(i.type) && i.offsetParent !== null);
    const score = (i: HTMLInputElement) =>
      (i.type === 'search' ? 3 : 0) + (i.closest('[role=search]') ? 3 : 0) + (names.test(i.name) ? 2 : 0) + (re.test(`${i.placeholder} ${i.title} ${i.getAttribute('aria-label') ?? ''} ${i.id} ${i.className}`) ? 2 : 0);
    const best = inputs.map((i) => ({ i, s: score(i) })).filter((x) => x.s >= 2).sort((a, b) => b.s - a.s)[0]?.i;
    if (!best) return null;
    best.setAttribute('data-pa-search', 'box');
    // Results opening in a new window would be lost to the popup guard: keep them in this tab.
    best.form?.removeAttribute('target');
    const scope = best.form ?? best.parentElement?.parentElement ?? document.body;
    const button = [...scope.querySelectorAll('button, input[type=submit], input[type=button], input[type=image], a, [role=button]')].find(
      (b) => b.getAttribute('type') === 'submit' || re.test(`${b.textContent} ${b.getAttribute('value') ?? ''} ${b.getAttribute('alt') ?? ''} ${b.id} ${b.className}`),
    );
    button?.setAttribute('data-pa-search', 'button');
    return `${best.tagName.toLowerCase()}[name=${best.name || '-'}]${best.form ? ` in form action=${best.form.getAttribute('action') ?? ''}` : ' (no form)'}`;
  }, SEARCH_WORDS.source);
}

/** Whether the live page has a search box (script-driven boxes without a form included). */
export async function findSearchBox(page: BrowserPage): Promise<string | null> {
  return markSearchBox(page);
}

/** Type the query into the box on the current page, submit like a person, and read the results. */
export async function searchViaUi(page: BrowserPage, query: string, asOf: string, timeoutMs: number): Promise<ResultPage> {
  const started = performance.now();
  const where = await markSearchBox(page);
  if (!where) throw new Error('no search box on the page');
  const before = page.url();
  const box = page.locator('[data-pa-search=box]').first();
  await box.fill(query);
  let status: number | null = null;
  const response = page.waitForResponse((r) => r.request().isNavigationRequest() || r.request().resourceType() === 'fetch' || r.request().resourceType() === 'xhr', { timeout: timeoutMs }).catch(() => null);
  const navigated = page.waitForURL((u) => u.toString() !== before, { timeout: 3000 }).then(() => true, () => false);
  await box.press('Enter');
  if (!(await navigated)) {
    const button = page.locator('[data-pa-search=button]').first();
    if (await button.count()) await button.click({ timeout: 3000 }).catch(() => {});
  }
  const r = await response;
  if (r?.request().isNavigationRequest()) status = r.status();
  return readSettled(page, asOf, status, started, timeoutMs);
}

/** Open a results URL directly (a GET template found by the UI probe). */
export async function searchViaUrl(page: BrowserPage, url: string, asOf: string, timeoutMs: number): Promise<ResultPage> {
  const started = performance.now();
  const resp = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  return readSettled(page, asOf, resp?.status() ?? null, started, timeoutMs);
}

/**
 * Results as soon as they are there: a server-rendered list is read once the page has loaded
 * (no 500 ms network-quiet wait per query, which also inflated the measured time); a page that
 * shows no results yet may still be filling its list by script, so it gets the quiet wait first
 * (unless it answered with an error status).
 */
async function readSettled(page: BrowserPage, asOf: string, status: number | null, started: number, timeoutMs: number): Promise<ResultPage> {
  await page.waitForLoadState('load', { timeout: Math.min(timeoutMs, 8000) }).catch(() => {});
  const now = readResults(await page.content(), page.url(), asOf, status, performance.now() - started);
  // An error status is the outcome whatever a script adds later: no quiet wait for it either.
  if (now.results.length || (status !== null && status >= 400)) return now;
  await page.waitForLoadState('networkidle', { timeout: Math.min(timeoutMs, 8000) }).catch(() => {});
  return readResults(await page.content(), page.url(), asOf, status, performance.now() - started);
}

/** `…/search/?searchword=乡村振兴` → `…/search/?searchword={q}` when the URL carries the query. */
export function urlTemplate(resultUrl: string, query: string): string | null {
  const u = new URL(resultUrl);
  const key = [...u.searchParams].find(([, v]) => v === query)?.[0];
  if (!key) return null;
  u.searchParams.set(key, '__QUERY__');
  return u.toString().replace('__QUERY__', '{q}');
}

export const fillTemplate = (template: string, query: string) => template.replace('{q}', encodeURIComponent(query));
