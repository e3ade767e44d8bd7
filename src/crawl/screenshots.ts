// Screenshot evidence (截图取证), as inspectors file it: the page behind a veto (or a serious
// finding), dated and stamped with its URL, and the element a finding is about outlined in red.
// Stored as JPEG under <out>/evidence/; the finding's evidence names the files.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page as BrowserPage } from 'playwright';
import type { Finding } from '../model/types.js';
import type { Probe } from '../rules/types.js';

export type ScreenshotMode = 'none' | 'vetoes' | 'serious' | 'all';
/** Pages photographed at most: evidence for the worst findings, not an archive of the site. */
const MAX_PAGES = 40;

// A page that leaks personal data is never photographed: the picture would carry what the report masks.
const wanted = (f: Finding, mode: ScreenshotMode) =>
  f.ruleId.startsWith('personal-data') ? false : mode === 'all' ? f.severity !== 'info' : mode === 'serious' ? !!f.veto || f.severity === 'critical' || f.severity === 'serious' : mode === 'vetoes' ? !!f.veto : false;

const name = (...parts: string[]) => `${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16)}.jpg`;

/** The stamp an inspector's screenshot carries: when and where it was taken. */
async function stamp(page: BrowserPage, url: string, takenAt: string): Promise<void> {
  await page.evaluate(
    ([u, at]) => {
      const d = document.createElement('div');
      d.textContent = `portal-audit · ${at} · ${u}`;
      d.setAttribute('style', 'position:fixed;left:0;right:0;bottom:0;z-index:2147483647;background:rgba(0,0,0,.78);color:#fff;font:13px/1.6 sans-serif;padding:2px 8px;word-break:break-all');
      document.body?.appendChild(d);
    },
    [url, takenAt],
  );
}

/** The page that shows the fault: a new-media account's own page (dead, dormant), else where the finding was seen. */
const pageOf = (f: Finding) => (f.category === 'accounts' && /^https?:\/\//.test(f.target) ? f.target : f.url);

export async function takeScreenshots(findings: Finding[], mode: ScreenshotMode, probe: Probe, outDir: string, now = new Date()): Promise<number> {
  const chosen = findings.filter((f) => wanted(f, mode) && /^https?:\/\//.test(pageOf(f)));
  if (!chosen.length) return 0;
  const dir = join(outDir, 'evidence');
  await mkdir(dir, { recursive: true });
  const takenAt = now.toISOString().replace(/\.\d+Z$/, 'Z');
  const byPage = new Map<string, Finding[]>();
  for (const f of chosen) byPage.set(pageOf(f), [...(byPage.get(pageOf(f)) ?? []), f]);
  let taken = 0;
  for (const [url, list] of [...byPage].slice(0, MAX_PAGES)) {
    try {
      await probe.withPage(url, async (page) => {
        await page.setViewportSize({ width: 1280, height: 900 });
        await stamp(page, url, takenAt);
        const file = name(url);
        await page.screenshot({ path: join(dir, file), type: 'jpeg', quality: 60 });
        taken++;
        for (const f of list) {
          f.evidence = { ...f.evidence, screenshot: { page: `evidence/${file}`, url, takenAt } };
          const selector = typeof f.evidence.selector === 'string' ? f.evidence.selector : null;
          if (!selector) continue;
          const el = page.locator(selector).first();
          // The element outlined where it sits, with some of the page around it.
          const shot = name(url, selector);
          const ok = await el
            .evaluate((e) => {
              (e as HTMLElement).style.outline = '3px solid #e00';
              (e as HTMLElement).style.outlineOffset = '2px';
            }, undefined, { timeout: 2000 })
            .then(() => el.screenshot({ path: join(dir, shot), type: 'jpeg', quality: 70, timeout: 3000 }))
            .then(() => true, () => false);
          if (ok) f.evidence = { ...f.evidence, screenshot: { page: `evidence/${file}`, element: `evidence/${shot}`, url, takenAt } };
        }
      });
    } catch (e) {
      for (const f of list) f.evidence = { ...f.evidence, screenshotError: (e as Error).message.split('\n')[0] };
    }
  }
  return taken;
}
