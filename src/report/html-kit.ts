// Building blocks of the HTML report. Everything that may come from the audited site goes
// through esc() or safeHref(): a page title like `<script>` must render as text.
import { createHash } from 'node:crypto';
import { displayUrl, humanUrl } from './urls.js';

export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Only http(s) URLs become links; javascript:, data: and the like stay text. */
export function safeHref(u: unknown): string | null {
  if (typeof u !== 'string') return null;
  try {
    const p = new URL(u);
    return p.protocol === 'http:' || p.protocol === 'https:' ? p.toString() : null;
  } catch {
    return null;
  }
}

/** A link whose text is the URL as people read it (decoded, shortened in the middle), the whole URL on hover. */
export function link(u: unknown, text?: unknown): string {
  const href = safeHref(u);
  if (!href) return esc(text ?? u ?? '');
  const label = text ?? humanUrl(String(u));
  return `<a href="${esc(href)}" title="${esc(displayUrl(String(u)))}" rel="noopener noreferrer" target="_blank">${esc(label)}</a>`;
}

export interface Column<R> {
  label: string;
  get: (r: R) => unknown;
  /** `site`: text quoted from the audited site (marked translate="no": it is in the site's language). */
  kind?: 'text' | 'url' | 'num' | 'site' | 'code';
}

function cell(v: unknown, kind: Column<unknown>['kind']): string {
  if (v === null || v === undefined || v === '') return '<td class="empty">–</td>';
  if (kind === 'url') return `<td class="url">${link(v)}</td>`;
  if (kind === 'site') return `<td translate="no">${esc(v)}</td>`;
  if (kind === 'code') return `<td><code>${esc(v)}</code></td>`;
  if (kind === 'num' || typeof v === 'number') return `<td class="num">${esc(v)}</td>`;
  if (typeof v === 'boolean') return `<td>${v ? '✓' : '✗'}</td>`;
  if (Array.isArray(v)) return `<td>${esc(v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', '))}</td>`;
  if (typeof v === 'object') return `<td><code>${esc(JSON.stringify(v))}</code></td>`;
  return `<td>${esc(v)}</td>`;
}

/** A sortable table; `limit` keeps huge tables readable (the JSON report has every row). */
export function table<R>(cols: Column<R>[], rows: R[], opts: { id?: string; limit?: number; more?: string } = {}): string {
  if (!rows.length) return '';
  const shown = opts.limit ? rows.slice(0, opts.limit) : rows;
  const head = cols.map((c) => `<th data-sort="${c.kind === 'num' ? 'num' : 'text'}" tabindex="0">${esc(c.label)}</th>`).join('');
  const body = shown.map((r) => `<tr>${cols.map((c) => cell(c.get(r), c.kind)).join('')}</tr>`).join('\n');
  const more = rows.length > shown.length ? `<p class="more">${esc(opts.more ?? '')} ${shown.length}/${rows.length}</p>` : '';
  return `<div class="scroll"><table class="sortable"${opts.id ? ` id="${esc(opts.id)}"` : ''}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>${more}`;
}

/** Score gauge: a ring filled to total/100, coloured by verdict. */
export function gauge(total: number, passed: boolean, caption: string): string {
  const r = 52;
  const c = 2 * Math.PI * r;
  const filled = (Math.max(0, Math.min(100, total)) / 100) * c;
  return `<svg class="gauge" viewBox="0 0 128 128" role="img" aria-label="${esc(caption)}">
<circle cx="64" cy="64" r="${r}" fill="none" stroke="#e3e6ea" stroke-width="14"/>
<circle cx="64" cy="64" r="${r}" fill="none" stroke="${passed ? '#1e7b34' : '#b3261e'}" stroke-width="14" stroke-dasharray="${filled.toFixed(1)} ${c.toFixed(1)}" transform="rotate(-90 64 64)"/>
<text x="64" y="72" text-anchor="middle" font-size="30" font-weight="700" fill="#1b1f24">${esc(total)}</text></svg>`;
}

/** Horizontal bars, value/max each, labelled. */
export function bars(rows: { label: string; value: number; max: number; note?: string; colour?: string }[], caption: string): string {
  const h = 26;
  const w = 560;
  const labelW = 200;
  const barW = w - labelW - 90;
  const items = rows
    .map((r, i) => {
      const share = r.max > 0 ? Math.max(0, Math.min(1, r.value / r.max)) : 0;
      // Scores are coloured by how much is left; counts (severities) bring their own colour.
      const colour = r.colour ?? (share >= 0.8 ? '#1e7b34' : share >= 0.6 ? '#b26a00' : '#b3261e');
      const y = i * h;
      return `<text x="0" y="${y + 17}" font-size="13">${esc(r.label)}</text>
<rect x="${labelW}" y="${y + 5}" width="${barW}" height="14" fill="#e3e6ea"/>
<rect x="${labelW}" y="${y + 5}" width="${(share * barW).toFixed(1)}" height="14" fill="${colour}"/>
<text x="${labelW + barW + 8}" y="${y + 17}" font-size="13">${esc(r.note ?? `${r.value}/${r.max}`)}</text>`;
    })
    .join('\n');
  // Scales down with the page (no sideways scroll on a phone).
  return `<svg class="bars" viewBox="0 0 ${w} ${rows.length * h}" width="100%" style="max-width:${w}px" role="img" aria-label="${esc(caption)}">${items}</svg>`;
}

/**
 * The start of a self-contained page, up to </head>: a CSP that allows no network at all and only
 * this one inline script (by hash), so site-derived text can never run as code.
 */
export function documentHead(o: { lang: string; title: string; style: string; script: string }): string {
  const hash = createHash('sha256').update(o.script).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data: 'self' file:; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="${o.lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${o.title}</title>
<style>${o.style}</style></head>`;
}
