import { describe, expect, it } from 'vitest';
import { inferYear, isFuture, parseDates, parseRelativeDates } from '../src/crawl/dates.js';
import { parseHtml } from '../src/crawl/parse.js';

const asOf = '2026-11-22';
const one = (s: string, o: { yearless?: boolean; dayFirst?: boolean } = {}) => parseDates(s, { asOf, ...o })[0];

describe('parseDates: government formats', () => {
  const cases: [string, string, string?][] = [
    ['2024-03-05', '2024-03-05'],
    ['发布时间：2024-03-05 10:30', '2024-03-05', '10:30'],
    ['2024/3/5', '2024-03-05'],
    ['2024.03.05', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['2024年03月05日 09:05', '2024-03-05', '09:05'],
    ['2024 年 3 月 5 日', '2024-03-05'],
    ['5 March 2024', '2024-03-05'],
    ['5th Mar. 2024', '2024-03-05'],
    ['March 5, 2024', '2024-03-05'],
    ['Sept 30, 2023', '2023-09-30'],
    ['Published: December 1st, 2025', '2025-12-01'],
    ['6. Oktober 2017', '2017-10-06'],
    ['06.10.2017', '2017-10-06'],
    ['Stand: 6.10.2017 14:00', '2017-10-06', '14:00'],
    ['03/05/2024', '2024-03-05'],
    ['25/12/2024', '2024-12-25'],
    ['2024-03-05T08:00:00+08:00', '2024-03-05', '08:00'],
    ['Tuesday, the 3rd of October 2017', '2017-10-03'],
    ['05-12-2026', '2026-05-12'],
    ['25-12-2024', '2024-12-25'],
    ['31Dec22', '2022-12-31'],
    ['05-Mar-2024', '2024-03-05'],
    ['Jun 05, 2026', '2026-06-05'],
    ['3. Okt. 2022', '2022-10-03'],
    ['1. Jän. 2020', '2020-01-01'],
    ['Stand - 12.11.2021', '2021-11-12'],
  ];
  for (const [input, date, time] of cases)
    it(`${input} → ${date}`, () => {
      const d = one(input);
      expect(d?.date).toBe(date);
      if (time) expect(d?.time).toBe(time);
    });

  it('reads day first when the site writes day first', () => {
    expect(one('03/05/2024', { dayFirst: true })?.date).toBe('2024-05-03');
  });
  it('reads dashed US dates day first when the site writes day first', () => {
    expect(one('05-12-2026', { dayFirst: true })?.date).toBe('2026-12-05');
  });
  it('takes two-digit years only in the compact month-name form', () => {
    expect(parseDates('31 Dec 22 people', { asOf })).toEqual([]);
    expect(parseDates('Room 12Dec', { asOf })).toEqual([]);
  });
  it('rejects impossible dates and bare numbers', () => {
    expect(parseDates('2024-02-30', { asOf })).toEqual([]);
    expect(parseDates('2024-13-01', { asOf })).toEqual([]);
    expect(parseDates('文号 2024 第 12 号，电话 0571-12345678', { asOf })).toEqual([]);
  });
  it('never takes relative expressions as dates', () => {
    expect(parseDates('Last updated yesterday', { asOf })).toEqual([]);
    expect(parseDates('3 days ago', { asOf })).toEqual([]);
    expect(parseDates('今天', { asOf })).toEqual([]);
  });
  it('finds every date in order', () => {
    expect(parseDates('来信时间：2026-06-23 回复时间：2026年6月26日', { asOf }).map((d) => d.date)).toEqual(['2026-06-23', '2026-06-26']);
  });
});

describe('year-less dates', () => {
  it('are only read where a date is expected', () => {
    expect(parseDates('[03-05]', { asOf })).toEqual([]);
    expect(one('[03-05]', { yearless: true })).toMatchObject({ date: '2026-03-05', yearInferred: true });
    expect(one('11-21', { yearless: true })?.date).toBe('2026-11-21');
    expect(one('3月5日', { yearless: true })?.date).toBe('2026-03-05');
  });
  it('fall into the previous year when the as-of year would put them in the future', () => {
    expect(one('12-25', { yearless: true })?.date).toBe('2025-12-25');
    expect(one('11-24', { yearless: true })?.date).toBe('2025-11-24');
    // One day of slack for time zones: tomorrow is still this year.
    expect(one('11-23', { yearless: true })?.date).toBe('2026-11-23');
    expect(inferYear(1, 2, '2027-01-01')).toBe(2027);
    expect(inferYear(12, 31, '2027-01-01')).toBe(2026);
    expect(inferYear(2, 29, '2028-03-01')).toBe(2028);
    expect(inferYear(2, 29, '2027-03-01')).toBe(2026);
  });
  it('do not swallow parts of full dates, times or phone numbers', () => {
    expect(parseDates('2024-03-05 10:30', { asOf, yearless: true }).map((d) => d.date)).toEqual(['2024-03-05']);
    expect(parseDates('0571-12345678', { asOf, yearless: true })).toEqual([]);
  });
});

describe('future dates', () => {
  it('allow one day of slack, no more', () => {
    expect(isFuture('2026-11-23', asOf)).toBe(false);
    expect(isFuture('2026-11-24', asOf)).toBe(true);
  });
});

const wrap = (head: string, body: string) => `<html><head>${head}</head><body><header><a href="/">首页</a></header>${body}<footer>版权所有 2026-01-01</footer></body></html>`;
const pub = (head: string, body = '', url = 'http://a.gov.cn/x.html') => {
  const p = parseHtml(wrap(head, body), url, asOf);
  return [p.published, p.publishedSource];
};

describe('publication date of a page, most reliable source first', () => {
  it('CMS PubDate meta', () => expect(pub('<meta name="PubDate" content="2026-11-20 10:30">', '<p>发布时间：2026-11-20 10:30</p>')).toEqual(['2026-11-20', 'meta PubDate']));
  it('the printed date over a PubDate meta that disagrees (re-publication, migration), both kept', () => {
    const p = parseHtml(wrap('<title>关于做好冬季供暖的通知</title><meta name="PubDate" content="2026-11-20 10:30">', '<h1>关于做好冬季供暖的通知</h1><p>发布时间：2026-01-01</p>'), 'http://a.gov.cn/x.html', asOf);
    expect([p.published, p.publishedSource, p.publishedConflict]).toEqual(['2026-01-01', 'label 发布时间', { date: '2026-11-20', source: 'meta PubDate' }]);
  });
  it('a bare 日期：/时间： counts only in the information line under the heading', () => {
    // As a provincial CMS prints it: the meta is the page regeneration time.
    const head = '<title>关于征集2025年重点项目的通知_发展和改革委员会</title><meta name="PubDate" content="2025-03-27 09:36:38">';
    expect(pub(head, '<h1>关于征集2025年重点项目的通知</h1><p class="">日期：2025-02-26 11:54 来源：</p><p>正文</p>')).toEqual(['2025-02-26', 'label 日期']);
    // A 时间 in the body (an event) is not the publication date.
    expect(pub(head, '<h1>关于征集2025年重点项目的通知</h1><p>来源：本站</p><p>各单位：现将有关事项通知如下。'.padEnd(220, '。') + '报名时间：2025-01-10</p>')).toEqual(['2025-03-27', 'meta PubDate']);
  });
  it('成文日期 is when a document was written, not published: the meta stays', () =>
    expect(pub('<meta name="PubDate" content="2026-11-20">', '<table><tr><td>成文日期：</td><td>2026-11-02</td></tr></table>')).toEqual(['2026-11-20', 'meta PubDate']));
  it('Open Graph / article meta', () => expect(pub('<meta property="article:published_time" content="2025-05-04T10:00:00Z">')).toEqual(['2025-05-04', 'meta article:published_time']));
  it('<time datetime>', () => expect(pub('', '<article><time datetime="2025-06-01T08:00">June 1</time></article>')).toEqual(['2025-06-01', 'time[datetime]']));
  it('JSON-LD datePublished before dateModified', () =>
    expect(pub('<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2025-07-02","datePublished":"2025-07-01T09:00:00+08:00"}</script>')).toEqual([
      '2025-07-01',
      'json-ld datePublished',
    ]));
  it('labelled text in zh', () => expect(pub('', '<div class="info">来源：县政府办 发布日期：2026年3月15日 浏览次数：12</div>')).toEqual(['2026-03-15', 'label 发布日期']));
  it('labelled text in en', () => expect(pub('', '<p>Published: 5 March 2024</p>')).toEqual(['2024-03-05', 'label Published']));
  it('last-updated label when nothing else', () => expect(pub('', '<p>Last updated: March 7, 2024</p>')).toEqual(['2024-03-07', 'label Last updated']));
  it('the CMS article URL', () => expect(pub('', '<p>正文</p>', 'http://a.gov.cn/xwdt/202403/t20240305_123.html')).toEqual(['2024-03-05', 'url']));
  it('never the footer or today', () => expect(pub('<meta http-equiv="last-modified" content="2026-11-22">', '<p>正文</p>')).toEqual([null, null]));
  it('labels followed by a dash', () => expect(pub('', '<p>Stand - 12.11.2021</p>')).toEqual(['2021-11-12', 'label Stand']));
  it("an article's own <header> is content, the site header is not", () =>
    expect(pub('', '<main><header><h2>Reisehinweise</h2><p>Datum: 12.11.2021</p></header><p>Text</p></main>')).toEqual(['2021-11-12', 'label Datum']));
  it('a visible <time> outranks the generic dcterms.date meta, which still serves alone', () => {
    expect(pub('<meta name="dcterms.date" content="2022-01-21T09:43+01:00">', '<article><time datetime="2022-01-25T08:00:00+01:00">25.01.2022</time></article>')).toEqual([
      '2022-01-25',
      'time[datetime]',
    ]);
    expect(pub('<meta name="dcterms.date" content="2022-01-21T09:43+01:00">', '<p>Text</p>')).toEqual(['2022-01-21', 'meta dcterms.date']);
  });
  const article = (body: string) => pub('<title>Land zahlt Prämie für Wildschweine – Ministerium</title>', body);
  it('the date printed right above or below the page heading', () => {
    expect(article('<div><h3 class="meta">02.01.2022</h3><h1>Land zahlt Prämie für Wildschweine</h1><p>Das Land zahlte …</p></div>')).toEqual([
      '2022-01-02',
      'near heading',
    ]);
    expect(article('<h2>Menü</h2><h1>Land zahlt Prämie für Wildschweine</h1><p><em>10.11.2021</em></p><p>Bis 9. November 2021 …</p>')).toEqual([
      '2021-11-10',
      'near heading',
    ]);
  });
  it('near the heading, skips teaser lists and links', () => {
    const teasers = '<ul>' + [3, 2, 1].map((d) => `<li><a href="/n/${d}.html">Weitere Meldung aus dem Ministerium ${d}</a> <span>0${d}.01.2022</span></li>`).join('') + '</ul>';
    expect(article(`${teasers}<h1>Land zahlt Prämie für Wildschweine</h1><p><a href="/pm.html">Rückblick: Treffen am 08.12.2021</a></p><p>Text</p><p>Stand: 20.12.2021</p>`)).toEqual([
      '2021-12-20',
      'near heading',
    ]);
  });
  it('an element the template marks as the date, not one in a teaser list', () => {
    const teasers = '<ul>' + [3, 2, 1].map((d) => `<li><a href="/n/${d}.html">示范县召开第${d}次县政府常务会议</a><span class="date">2026-10-0${d}</span></li>`).join('') + '</ul>';
    expect(pub('', `${teasers}<div class="article"><p>正文内容较长，此处从略。</p><p>附件：示范县2026年第三季度统计表</p><span class="fbsj">2026-09-30</span></div>`)).toEqual([
      '2026-09-30',
      'date element',
    ]);
  });
  it('an undated article falls back to the newest date in its text; a list page does not', () => {
    expect(pub('', '<h2>Arbeitsmarkt</h2><p><strong>01.02.2022</strong> Die Zahl der Arbeitslosen …</p><p>Seit 3. März 2020 …</p>')).toEqual([
      '2022-02-01',
      'newest in content',
    ]);
    const list = '<ul>' + [3, 2, 1].map((d) => `<li><a href="/n/${d}.html">Meldung des Ministeriums Nummer ${d}</a> 0${d}.01.2022</li>`).join('') + '</ul>';
    expect(pub('', list)).toEqual([null, null]);
  });
  it('ignores future dates and notes them', () => {
    const p = parseHtml(wrap('<meta name="PubDate" content="2027-05-01">', '<p>发布时间：2026-10-01</p>'), 'http://a.gov.cn/x.html', asOf);
    expect(p.published).toBe('2026-10-01');
    expect(p.futureDates).toContain('2027-05-01');
  });
});

describe('list items with dates', () => {
  const list = `<div class="main"><ul class="list">
    <li><a href="/a/t20261120_1.html">示范县召开县政府常务会议</a><span>2026-11-20</span></li>
    <li><a href="/a/t20261101_2.html">关于做好冬季供暖工作的通知</a><span>[11-01]</span></li>
    <li><a href="/a/t20251230_3.html">全县乡村振兴工作推进会召开</a><span>12-30</span></li>
    <li><a href="/a/4.html">县领导督导检查森林防火工作</a></li>
  </ul><div class="page"><a href="index_1.html">下一页</a><a href="index_2.html">2</a></div>
  <table><tr><td><a href="/b/1.html">示范县政府信息公开工作年度报告</a></td><td>2026/3/1</td></tr>
  <tr><td><a href="/b/2.html">示范县人民政府工作报告（全文）</a></td><td>2026/2/1</td></tr>
  <tr><td><a href="/b/3.html">示范县国民经济和社会发展统计公报</a></td><td>2026/1/1</td></tr></table></div>`;
  const p = parseHtml(wrap('', list), 'http://a.gov.cn/a/index.html', asOf);
  it('pairs each title link with the date beside it, inferring missing years', () => {
    expect(p.items.map((i) => [i.text.slice(0, 6), i.date, i.block])).toEqual([
      ['示范县召开县', '2026-11-20', 0],
      ['关于做好冬季', '2026-11-01', 0],
      ['全县乡村振兴', '2025-12-30', 0],
      ['县领导督导检', null, 0],
      ['示范县政府信', '2026-03-01', 1],
      ['示范县人民政', '2026-02-01', 1],
      ['示范县国民经', '2026-01-01', 1],
    ]);
    expect(p.items[2].yearInferred).toBe(true);
  });
  it('records pagination links and ignores header, nav and footer links', () => {
    expect(p.pagination).toEqual(['http://a.gov.cn/a/index_1.html', 'http://a.gov.cn/a/index_2.html']);
    expect(p.items.some((i) => i.url === 'http://a.gov.cn/')).toBe(false);
  });
  it('detects blank-column placeholders in the content, not the chrome', () => {
    expect(parseHtml(wrap('', '<div class="list">暂无信息</div>'), 'http://a.gov.cn/c/', asOf).placeholder).toBe('暂无信息');
    expect(parseHtml(wrap('', '<div>栏目建设中，敬请期待</div>'), 'http://a.gov.cn/c/', asOf).placeholder).toBe('栏目建设中');
    expect(parseHtml(wrap('', '<p>项目建设中取得进展</p>'), 'http://a.gov.cn/c/', asOf).placeholder).toBeNull();
  });
});

describe('list items: records, cells and gaps', () => {
  const items = (body: string, opts: { asOf?: string } = {}) =>
    parseHtml(wrap('', body), 'https://courts.example.gov/opinions/', opts.asOf ?? asOf).items.map((i) => [i.text, i.date]);

  it('a table row: title link and date in different cells, the date column nearest the title when there are several', () => {
    const rows = [
      ['07-07-2026', '05-12-2026', 'Miller v. Miller'],
      ['06-26-2026', '06-04-2026', 'Whitesell Components v. Autoform'],
      ['06-01-2026', '04-27-2026', 'R. L. v. Department of Child Services'],
    ];
    const table = `<table><tr><th>Order date</th><th>Decision issued</th><th>Case</th></tr>${rows
      .map(([a, b, t], i) => `<tr><td>${a}</td><td>${b}</td><td><a href="/op/${i}.pdf">${t}</a></td><td>25A-PL-${i}</td></tr>`)
      .join('')}</table>`;
    expect(items(table)).toEqual([
      ['Miller v. Miller', '2026-05-12'],
      ['Whitesell Components v. Autoform', '2026-06-04'],
      ['R. L. v. Department of Child Services', '2026-04-27'],
    ]);
  });
  it('short titles such as case numbers count when the row is dated', () => {
    const table = `<table>${['12/30/2016', '11/03/2016', '09/06/2016']
      .map((d, i) => `<tr><td><a href="/op/15-120${i}.pdf"><strong>15-120${i}</strong></a></td><td>When the office of county sheriff becomes vacant …</td><td>${d}</td></tr>`)
      .join('')}<tr><td><a href="/op/x.pdf">Doe v. Coe</a></td><td>no date</td><td></td></tr></table>`;
    expect(items(table)).toEqual([
      ['15-1200', '2016-12-30'],
      ['15-1201', '2016-11-03'],
      ['15-1202', '2016-09-06'],
    ]);
  });
  it('a machine-readable date in the row wins over a two-digit year on screen', () => {
    const table = `<table>${['2025-05-09', '2025-04-29', '2025-04-25']
      .map((d, i) => `<tr><td><p><a href="/op/${i}.pdf">Castillo v. Rex, number ${i}</a><br>E2022-0032${i}-SC</p><p>In this appeal, decided on March 3, 2020, …</p></td><td><time datetime="${d}T12:00:00Z">${d.slice(5, 7)}/${d.slice(8)}/25</time></td></tr>`)
      .join('')}</table>`;
    expect(items(table).map(([, d]) => d)).toEqual(['2025-05-09', '2025-04-29', '2025-04-25']);
  });
  it('teaser blocks: one item per block, named by its title, not its download link', () => {
    const teasers = ['2026-04-28', '2026-04-27', '2026-04-23']
      .map(
        (d, i) =>
          `<article class="list__item"><div class="meta"><time datetime="${d}T00:00:00-04:00">April</time> 25-CVS-${i}</div><h3><a href="/doc/${i}">LULANA GARDENS LLC v. SDCK I LLC, 2026 NCBC ${i}</a></h3><p>ORDER AND OPINION</p><div class="file"><a href="/doc/${i}.pdf">view/download</a></div></article>`,
      )
      .join('');
    expect(items(`<a href="#main">Skip to main content</a><section>${teasers}</section>`)).toEqual([
      ['LULANA GARDENS LLC v. SDCK I LLC, 2026 NCBC 0', '2026-04-28'],
      ['LULANA GARDENS LLC v. SDCK I LLC, 2026 NCBC 1', '2026-04-27'],
      ['LULANA GARDENS LLC v. SDCK I LLC, 2026 NCBC 2', '2026-04-23'],
    ]);
  });
  it('the date printed between records: after a heading, before a link, in a <dl>', () => {
    const filed = ['Feb 23, 2018', 'Feb 16, 2018', 'Feb 9, 2018']
      .map((d, i) => `<h3><a href="/case/${i}">Case No. 16-077${i}: Fenceroy v. Gelita USA</a></h3><p>Filed ${d}</p><p><a href="/case/${i}.pdf">View Opinion No. 16-077${i}</a></p>`)
      .join('');
    expect(items(`<div><h2>Most Recent Opinions</h2>${filed}</div>`).map(([, d]) => d)).toEqual(['2018-02-23', '2018-02-16', '2018-02-09']);

    const before = ['2026-03-05', '2026-03-04', '2026-03-01'].map((d, i) => `[${d}] <a href="/n/${i}.html">关于做好第${i}批次工作的通知</a><br>`).join('');
    expect(items(`<div class="list">${before}</div>`).map(([, d]) => d)).toEqual(['2026-03-05', '2026-03-04', '2026-03-01']);

    const dl = ['2026-03-05', '2026-03-04', '2026-03-01'].map((d, i) => `<dt><a href="/n/${i}.html">全县第${i}次工作推进会召开</a></dt><dd>${d}</dd>`).join('');
    expect(items(`<dl>${dl}</dl>`).map(([, d]) => d)).toEqual(['2026-03-05', '2026-03-04', '2026-03-01']);
  });
  it('attachment links beside a title do not split its record', () => {
    const ul = ['2026-03-05', '2026-03-04', '2026-03-01']
      .map((d, i) => `<li><a href="/n/${i}.html">关于印发第${i}批工作方案的通知</a><span>${d}</span> <a href="/n/${i}.docx">Word</a> <a href="/n/${i}.ofd">OFD</a></li>`)
      .join('');
    expect(items(`<ul>${ul}</ul>`)).toEqual([
      ['关于印发第0批工作方案的通知', '2026-03-05'],
      ['关于印发第1批工作方案的通知', '2026-03-04'],
      ['关于印发第2批工作方案的通知', '2026-03-01'],
    ]);
  });
  it('a date at the end of the link text when nothing is printed beside it', () => {
    const ul = ['September 11, 2025', 'September 10, 2025', 'September 3, 2025']
      .map((d, i) => `<li><a href="/doc/${i}">Doe v. Registry Board (SJC 1373${i}) (${d})</a></li>`)
      .join('');
    expect(items(`<ul>${ul}</ul>`).map(([, d]) => d)).toEqual(['2025-09-11', '2025-09-10', '2025-09-03']);
  });
  it('titles ending in "more" are titles, "more »" links are not', () => {
    const rows = ['10/22/2021', '10/21/2021', '12/03/2020']
      .map((d, i) => `<tr><td><a href="/r/${i}">${['People v. House', 'People v. Davis', 'State Farm v. Elmore'][i]}</a></td><td>${d}</td></tr>`)
      .join('');
    expect(items(`<table>${rows}</table><p><a href="/all">more »</a></p>`).map(([t]) => t)).toEqual(['People v. House', 'People v. Davis', 'State Farm v. Elmore']);
  });
  it("a record's date is not read from a list nested in it", () => {
    const inner = (k: number) => `<ul>${[1, 2, 3].map((d) => `<li><a href="/${k}/${d}.html">第${k}栏目的第${d}条信息标题</a><span>2026-0${k}-0${d}</span></li>`).join('')}</ul>`;
    const outer = `<ul class="cols">${[1, 2, 3].map((k) => `<li><a href="/${k}/">第${k}个栏目的名称较长</a>${inner(k)}</li>`).join('')}</ul>`;
    const got = items(outer);
    expect(got.filter(([t]) => String(t).includes('栏目的名称')).map(([, d]) => d)).toEqual([null, null, null]);
    expect(got.filter(([, d]) => d).length).toBe(9);
  });
});

describe('relative post times (account pages only)', () => {
  const rel = (s: string) => parseRelativeDates(s, asOf).map((d) => [d.date, d.time ?? null]);
  it('resolve against the as-of date', () => {
    const cases: [string, string, string?][] = [
      ['刚刚', '2026-11-22'],
      ['5分钟前', '2026-11-22'],
      ['30秒前', '2026-11-22'],
      ['2小时前', '2026-11-22'],
      ['36小时前', '2026-11-21'],
      ['今天 08:00', '2026-11-22', '08:00'],
      ['昨天 10:23', '2026-11-21', '10:23'],
      ['前天', '2026-11-20'],
      ['· 3天前', '2026-11-19'],
      ['1周前', '2026-11-15'],
      ['2 hours ago', '2026-11-22'],
      ['3 days ago', '2026-11-19'],
      ['Yesterday', '2026-11-21'],
    ];
    for (const [text, date, time] of cases) expect([text, rel(text)]).toEqual([text, [[date, time ?? null]]]);
  });
  it('find every one in a line of posts', () => {
    expect(rel('2小时前 来自 微博网页版 · 评论已关闭 · 昨天 10:23')).toEqual([['2026-11-22', null], ['2026-11-21', '10:23']]);
  });
  it('leave vague times, other words and written dates alone', () => {
    for (const text of ['3个月前', '1年前', '今日头条', '之前天气晴好', '2026-11-20', '天前', '12345天前']) expect([text, rel(text)]).toEqual([text, []]);
  });
  it('are still never read as content dates', () => {
    for (const text of ['2小时前', '昨天 10:23', '3天前', '刚刚']) expect(parseDates(text, { asOf, yearless: true })).toEqual([]);
  });
});

