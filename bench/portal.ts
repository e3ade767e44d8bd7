// A generated portal for benchmarks: N pages in the sample portal's page template (header,
// search box, nav, breadcrumb, footer): a home page, column lists and articles, some with
// accessibility defects (images without alt, unlabelled inputs), served on 127.0.0.1.
import { createServer } from 'node:http';
import { listenLoopback, type Listening } from '../fixtures/listen.js';
import { a, listItem, page } from '../fixtures/portal/templates.js';

const COLUMNS = ['要闻动态', '通知公告', '政策文件', '部门动态', '乡镇动态', '人事信息', '财政信息', '统计信息', '规划计划', '公示公告'];
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export function generatePortal(pages: number): Map<string, string> {
  const out = new Map<string, string>();
  const articlesPerColumn = Math.max(1, Math.floor((pages - 1 - COLUMNS.length) / COLUMNS.length));
  const day = (i: number) => new Date(Date.UTC(2026, 10, 20) - i * 86_400_000).toISOString().slice(0, 10);
  COLUMNS.forEach((name, c) => {
    const items: string[] = [];
    for (let i = 0; i < articlesPerColumn; i++) {
      const path = `/c${c}/t${i}.html`;
      const title = `${name}第${i + 1}号：关于进一步做好相关工作的通知`;
      items.push(listItem(path, title, day(i * 3 + c)));
      // Every fifth article has an image without alt and a form field without a label.
      const defect = i % 5 === 0 ? '<img src="/img.png" width="300" height="150"><form><input name="q"></form>' : '<img src="/img.png" alt="配图" width="300" height="150">';
      out.set(
        path,
        page({
          title,
          column: { name, type: name },
          article: { title, pubDate: `${day(i * 3 + c)} 09:00`, source: '示范县人民政府办公室' },
          crumbs: [{ label: name, href: `/c${c}/` }, { label: '正文' }],
          body: `<article class="article"><h1>${title}</h1><div class="info">发布时间：${day(i * 3 + c)}</div>
<div class="content">${'<p>为深入贯彻落实上级决策部署，切实做好本年度各项工作，现将有关事项通知如下。各单位要高度重视，加强组织领导，确保各项任务落到实处。</p>'.repeat(4)}${defect}
<table><tr><th>序号</th><th>事项</th></tr><tr><td>1</td><td>落实责任</td></tr></table></div></article>`,
        }),
      );
    }
    out.set(`/c${c}/`, page({ title: name, column: { name, type: name }, crumbs: [{ label: name }], body: `<h1>${name}</h1><ul class="list">${items.join('\n')}</ul>` }));
  });
  out.set('/', page({ title: '示范县人民政府', body: `<h1>示范县人民政府</h1><ul class="quick">${COLUMNS.map((n, c) => `<li>${a(`/c${c}/`, n)}</li>`).join('')}</ul>` }));
  return out;
}

export async function serveGenerated(pages: number): Promise<Listening & { count: number }> {
  const site = generatePortal(pages);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/img.png' || path.startsWith('/images/')) return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    const body = site.get(path);
    if (!body) return void res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>404</h1>');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  return { ...(await listenLoopback(server)), count: site.size };
}
