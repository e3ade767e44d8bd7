// The benchmark portal: N pages in the sample portal's templates with a real portal's shape —
// paginated columns of articles, a service-guide catalogue, a letters column, a few broken links
// and an endless calendar — served on 127.0.0.1. Every path the shared header and footer link to
// exists, so the broken links are only the planted ones.
import { createServer } from 'node:http';
import { listenLoopback, type Listening } from '../fixtures/listen.js';
import { a, listItem, page } from '../fixtures/portal/templates.js';

const COLUMNS = ['要闻动态', '通知公告', '政策文件', '部门动态', '乡镇动态', '人事信息', '财政信息', '统计信息', '规划计划', '公示公告'];
const PER_LIST = 20;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const BODY = '<p>为深入贯彻落实上级决策部署，切实做好本年度各项工作，现将有关事项通知如下。各单位要高度重视，加强组织领导，确保各项任务落到实处。</p>'.repeat(3);

/** A page whose server takes 60 s to answer (a stalled backend): the crawl waits out its time-out on it. */
export const HANG_PATH = '/sjkf/index.html';

export interface BenchPortal {
  pages: Map<string, string>;
  /** Planted broken link targets (404). */
  broken: string[];
  calendarPrefix: string;
}

const day = (i: number) => new Date(Date.UTC(2026, 10, 20) - i * 86_400_000).toISOString().slice(0, 10);

/** A paginated list section: index.html, index_1.html … with PER_LIST items each. */
function section(out: Map<string, string>, base: string, name: string, items: { path: string; title: string; date: string }[]): void {
  const lists = Math.max(1, Math.ceil(items.length / PER_LIST));
  for (let n = 0; n < lists; n++) {
    const path = n === 0 ? `${base}index.html` : `${base}index_${n}.html`;
    const chunk = items.slice(n * PER_LIST, (n + 1) * PER_LIST).map((x) => listItem(x.path, x.title, x.date)).join('\n');
    // A CMS pager: 首页 上一页 … numbers around the current page … 下一页 尾页 (so depth grows slowly, as on real portals).
    const at = (k: number) => (k === 0 ? `${base}index.html` : `${base}index_${k}.html`);
    const numbers = Array.from({ length: lists }, (_, k) => k).filter((k) => Math.abs(k - n) <= 5 && k !== n).map((k) => a(at(k), String(k + 1)));
    const pager = [n > 0 ? a(at(0), '首页') : '', n > 0 ? a(at(n - 1), '上一页') : '', ...numbers, n < lists - 1 ? a(at(n + 1), '下一页') : '', n < lists - 1 ? a(at(lists - 1), '尾页') : ''].join(' ');
    out.set(path, page({ title: name, column: { name, type: name }, crumbs: [{ label: name }], body: `<h1>${name}</h1><ul class="list">${chunk}</ul><div class="pagination">${pager} 共${lists}页</div>` }));
  }
}

export function generateBenchPortal(total: number): BenchPortal {
  const out = new Map<string, string>();
  const broken: string[] = [];
  const guides = Math.round(total * 0.1);
  const letters = Math.round(total * 0.05);
  const lists = Math.ceil(total / PER_LIST);
  const articles = Math.max(COLUMNS.length, total - guides - letters - lists - 4);
  const perColumn = Math.ceil(articles / COLUMNS.length);

  COLUMNS.forEach((name, c) => {
    const items = Array.from({ length: perColumn }, (_, i) => ({ path: `/c${c}/${2026 - (i % 5)}/t${i}.html`, title: `${name}第${i + 1}号：关于进一步做好相关工作的通知`, date: day(i * 2 + c) }));
    for (const [i, it] of items.entries()) {
      // Every 50th article links to a page that is gone; every 5th has an image without alt.
      const dead = i % 50 === 25 ? `<p>${a(`/c${c}/gone-${i}.html`, '相关链接')}</p>` : '';
      if (dead) broken.push(`/c${c}/gone-${i}.html`);
      const img = i % 5 === 0 ? '<img src="/img.png" width="300" height="150">' : '<img src="/img.png" alt="配图" width="300" height="150">';
      // Five axe rules planted at different rates, so agreement is compared rule by rule, not on one.
      const planted = [
        i % 7 === 0 ? '<button class="icon-share"></button>' : '', // button-name
        i % 9 === 0 ? `<a href="/c${c}/index.html"></a>` : '', // link-name
        i % 11 === 0 ? '<p style="color:#c8c8c8;background:#fff">来源：本站</p>' : '', // color-contrast
        i % 13 === 0 ? '<input type="text" name="kw">' : '', // label
      ].join('');
      out.set(it.path, page({ title: it.title, column: { name, type: name }, article: { title: it.title, pubDate: `${it.date} 09:00`, source: '示范县人民政府办公室' }, crumbs: [{ label: name, href: `/c${c}/index.html` }, { label: '正文' }], body: `<article class="article"><h1>${it.title}</h1><div class="info">发布时间：${it.date}</div><div class="content">${BODY}${img}${planted}${dead}</div></article>` }));
    }
    section(out, `/c${c}/`, name, items);
  });

  const guideItems = Array.from({ length: guides }, (_, i) => ({ path: `/bs/g${i}.html`, title: `办事指南：第${i + 1}项社会保障服务`, date: day(i % 400) }));
  for (const g of guideItems)
    out.set(g.path, page({ title: g.title, column: { name: '办事指南', type: '办事指南' }, crumbs: [{ label: '办事指南', href: '/bs/index.html' }, { label: '正文' }], body: `<h1>${g.title}</h1><table><tr><th>事项名称</th><td>${g.title}</td></tr><tr><th>办理材料</th><td>身份证明、申请表</td></tr><tr><th>办理地点</th><td>县政务服务中心</td></tr><tr><th>联系电话</th><td>0571-88880001</td></tr></table>` }));
  section(out, '/bs/', '办事指南', guideItems);

  const letterItems = Array.from({ length: letters }, (_, i) => ({ path: `/hd/x${i}.html`, title: `关于第${i + 1}号民生问题的咨询`, date: day(i * 3) }));
  for (const l of letterItems)
    out.set(l.path, page({ title: l.title, column: { name: '县长信箱', type: '互动交流' }, crumbs: [{ label: '县长信箱', href: '/hd/index.html' }, { label: '正文' }], body: `<h1>${l.title}</h1><table><tr><th>来信时间</th><td>${l.date}</td></tr><tr><th>回复时间</th><td>${day(Math.max(0, letterItems.indexOf(l) * 3 - 5))}</td></tr><tr><th>办理状态</th><td>已办结</td></tr></table>` }));
  section(out, '/hd/', '县长信箱', letterItems);

  const hub = [...COLUMNS.map((n, c) => a(`/c${c}/index.html`, n)), a('/bs/index.html', '办事指南'), a('/hd/index.html', '县长信箱'), a('/calendar/?month=2026-11', '活动日历'), a('/zt/old-special.html', '往期专题'), a(HANG_PATH, '数据开放（接口缓慢）')];
  broken.push('/zt/old-special.html');
  out.set('/', page({ title: '示范县人民政府', body: `<h1>示范县人民政府</h1><ul class="quick">${hub.map((h) => `<li>${h}</li>`).join('')}</ul>` }));
  // The shared header and footer link to the sample portal's sections: give each a small hub.
  const home = out.get('/')!;
  for (const m of home.matchAll(/href="(\/[^"#?]*)"/g)) if (!out.has(m[1]) && !m[1].startsWith('/calendar') && !broken.includes(m[1])) out.set(m[1], page({ title: '栏目', body: `<h1>栏目</h1><p>${a('/', '返回首页')}</p>` }));
  return { pages: out, broken, calendarPrefix: '/calendar/' };
}

export async function serveBenchPortal(total: number): Promise<Listening & { portal: BenchPortal }> {
  const portal = generateBenchPortal(total);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/img.png' || url.pathname.startsWith('/images/')) return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    if (url.pathname === portal.calendarPrefix) {
      // Endless: every month links to the next and the previous one.
      const [y, m] = (url.searchParams.get('month') ?? '2026-11').split('-').map(Number);
      const at = (d: number) => new Date(Date.UTC(y, m - 1 + d, 1)).toISOString().slice(0, 7);
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page({ title: `活动日历 ${y}-${m}`, body: `<h1>活动日历</h1>${a(`/calendar/?month=${at(-1)}`, '上月')} ${a(`/calendar/?month=${at(1)}`, '下月')}` }));
    }
    if (url.pathname === HANG_PATH) {
      const timer = setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page({ title: '数据开放', body: '<h1>数据开放</h1>' })), 60_000);
      return void res.on('close', () => clearTimeout(timer));
    }
    const body = portal.pages.get(url.pathname);
    if (!body) return void res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>404</h1>');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  return { ...(await listenLoopback(server)), portal };
}
