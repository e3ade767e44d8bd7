// A stable identity for a finding across runs, so a baseline can tell new problems from old
// ones. Built from the rule, the thing the finding is about and (for element findings) a
// selector with the volatile parts removed; never from messages, counts or dates.
import { createHash } from 'node:crypto';
import type { Finding } from './types.js';

/** Query parameters that change on every visit (cache busters, sessions). */
const VOLATILE_PARAMS = /^(_|t|ts|timestamp|rnd|rand|random|nocache|cachebust|sessionid|jsessionid|phpsessid|utm_[a-z]+|spm)$/i;

export function normaliseUrl(s: string): string {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return s.trim();
  }
  u.hash = '';
  u.pathname = u.pathname.replace(/;jsessionid=[^/]*/i, '');
  const kept = [...u.searchParams].filter(([k]) => !VOLATILE_PARAMS.test(k)).sort(([a], [b]) => a.localeCompare(b));
  u.search = new URLSearchParams(kept).toString();
  return u.toString();
}

/** A CSS selector without positions, generated ids/classes or framework attributes. */
export function normaliseSelector(sel: string): string {
  return sel
    .replace(/:nth-(child|of-type|last-child|last-of-type)\([^)]*\)/g, '')
    .replace(/\[(data-v-[\w-]+|data-reactid|style|data-[\w-]*id)(?:[~|^$*]?=(?:"[^"]*"|'[^']*'|[^\]]*))?\]/g, '')
    .replace(/#[\w-]*\d{3,}[\w-]*/g, '') // #item-123456, #j_id0:xyz
    .replace(/\.(css|sc|jsx|emotion)-[\w-]+/g, '') // CSS-in-JS class hashes
    .replace(/\.[\w-]*_[a-z0-9]{5,}\b/gi, '') // CSS modules: .title_x7f3a
    .replace(/\s+/g, ' ')
    .trim();
}

/** Targets that are summaries ("菜单 (14 items, 3 levels)") keep their name, not the counts. */
function normaliseTarget(t: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? normaliseUrl(t) : normaliseSelector(t.replace(/\s*[(（][^()（）]*\d[^()（）]*[)）]\s*$/, ''));
}

export function fingerprint(f: Pick<Finding, 'ruleId' | 'target' | 'url' | 'evidence'>): string {
  // Template-level findings (accessibility, layout) name a sample page that depends on crawl
  // order; their DOM templates do not. Otherwise an element finding is about an element on one
  // page, and a URL finding about that URL.
  const templates = Array.isArray(f.evidence?.templates) && f.evidence.templates.length ? [...(f.evidence.templates as string[])].sort().join(',') : null;
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(f.target);
  const target = templates && isUrl && f.target === f.url ? `template:${templates}` : normaliseTarget(f.target);
  // `sitewide`: one finding for an element kind wherever it occurs (small tap targets).
  const where = f.evidence?.sitewide === true ? '' : templates ? `template:${templates}` : isUrl ? '' : normaliseUrl(f.url);
  const selector = typeof f.evidence?.selector === 'string' ? normaliseSelector(f.evidence.selector) : '';
  return createHash('sha256').update([f.ruleId, target, where, selector].join('\n')).digest('hex').slice(0, 16);
}
