// The audit report's trend strip (history store, `--db`): this site's recent scores as a small
// inline SVG line (no script: the report's CSP stays as it is) and what changed since last time.
import type { Report } from './model.js';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function trendStrip(report: Report, lang: 'zh' | 'en'): string {
  const h = report.history;
  if (!h) return '';
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const runs = (h.recent ?? []).filter((r) => r.score !== null);
  const W = 240;
  const H = 48;
  const xs = runs.map((_, i) => (runs.length > 1 ? (i * (W - 8)) / (runs.length - 1) + 4 : W / 2));
  const ys = runs.map((r) => H - 4 - ((r.score as number) / 100) * (H - 8));
  const line = runs.length > 1 ? `<polyline fill="none" stroke="#1565c0" stroke-width="2" points="${xs.map((x, i) => `${x.toFixed(1)},${ys[i].toFixed(1)}`).join(' ')}"/>` : '';
  const dots = runs.map((r, i) => `<circle cx="${xs[i].toFixed(1)}" cy="${ys[i].toFixed(1)}" r="3" fill="${r.passed ? '#1e7b34' : '#b3261e'}"><title>${esc(r.asOf)}: ${esc(r.score)}</title></circle>`).join('');
  const pass = `<line x1="0" x2="${W}" y1="${(H - 4 - 0.6 * (H - 8)).toFixed(1)}" y2="${(H - 4 - 0.6 * (H - 8)).toFixed(1)}" stroke="#c62828" stroke-dasharray="4 3" stroke-width="1"/>`;
  const svg = `<svg role="img" aria-label="${esc(L('历次得分', 'scores over time'))}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${pass}${line}${dots}</svg>`;
  const p = h.previous;
  const delta = p && p.score !== null ? Math.round((report.score.total - p.score) * 10) / 10 : null;
  const since = p
    ? L(`较上次（${p.asOf}，${p.score ?? '未评分'} 分）${delta === null ? '' : delta >= 0 ? `上升 ${delta} 分` : `下降 ${-delta} 分`}：新增 ${h.new} 项，仍存在 ${h.still} 项，已修复 ${h.fixed} 项`, `Since the previous audit (${p.asOf}, score ${p.score ?? 'none'})${delta === null ? '' : `: ${delta >= 0 ? '+' : ''}${delta}`}; ${h.new} new, ${h.still} still there, ${h.fixed} fixed`)
    : L('本站在历史库中的第一次检测', 'The first audit of this site in the history store');
  const list = runs.map((r) => `${esc(r.asOf)}: ${esc(r.score)}`).join(' · ');
  return `<section id="trend"><h2>${esc(L('历史趋势', 'Trend'))}</h2><div class="trend">${svg}<p>${esc(since)}<br><small>${list}</small></p></div></section>`;
}
