// The HTML report's only script and style. The script draws the long tables (findings, pages)
// a page at a time from the embedded JSON data block (not a script: it never runs). The script is allowed by hash in the page's CSP,
// so nothing else (injected or remote) can run and the page makes no network requests.

export const CLIENT_SCRIPT = `(function () {
  var SIZE = 100, printing = false;
  var dataEl = document.getElementById('report-data');
  var D = dataEl ? JSON.parse(dataEl.textContent) : { s: [], f: [], p: [], l: {} };
  var S = D.s, L = D.l;
  function str(i) { return i < 0 ? '' : S[i]; }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined && text !== null) e.textContent = String(text); return e; }
  function decode(u) { try { return decodeURI(u); } catch (e) { return u; } }
  // As on the server: decoded for reading, cut in the middle, the whole URL on hover; only http(s) links.
  function human(u) {
    var t = Array.from(decode(u));
    if (t.length <= 80) return t.join('');
    var h = Math.ceil(79 * 0.6);
    return t.slice(0, h).join('') + '\u2026' + t.slice(t.length - (79 - h)).join('');
  }
  function link(u) {
    var ok = false;
    try { var p = new URL(u); ok = p.protocol === 'http:' || p.protocol === 'https:'; } catch (e) { ok = false; }
    if (!ok) return document.createTextNode(u);
    var a = el('a', null, human(u)); a.href = u; a.title = decode(u); a.rel = 'noopener noreferrer'; a.target = '_blank';
    return a;
  }
  function td(cls, child) { var c = el('td', cls); if (child) c.appendChild(typeof child === 'string' ? document.createTextNode(child) : child); return c; }
  // Evidence comes packed: long strings are references (U+E000 + index) into the string table.
  function unpack(v) {
    if (typeof v === 'string') return v.charAt(0) === '\ue000' ? S[+v.slice(1)] : v;
    if (Array.isArray(v)) return v.map(unpack);
    if (v && typeof v === 'object') { var o = {}; Object.keys(v).forEach(function (k) { o[k] = unpack(v[k]); }); return o; }
    return v;
  }
  function pretty(v) { return JSON.stringify(unpack(v), null, 2); }
  // Cells both row lists draw: severity (with veto and new marks) and rule (id and title).
  function sevCell(sev, veto, isNew) {
    var c = td(null, el('span', 'sev sev-' + L.sevIds[sev], L.sev[sev]));
    if (veto) { c.appendChild(document.createTextNode(' ')); c.appendChild(el('b', null, L.veto)); }
    if (isNew) { c.appendChild(document.createTextNode(' ')); c.appendChild(el('span', 'badge', L.isNew)); }
    return c;
  }
  function ruleCell(ruleIdx) {
    var c = td(null, el('code', null, str(ruleIdx)));
    c.appendChild(el('br'));
    c.appendChild(el('span', 'muted', L.ruleTitle[str(ruleIdx).split('/')[0]] || ''));
    return c;
  }
  // Sort key of column i: the i-th getter (the last one for any column after).
  function keys(getters) { return function (r, col) { return getters[Math.min(col, getters.length - 1)](r); }; }
  function shotHref(i) { var p = str(i); return /^evidence\\/[0-9a-f]{16}\\.jpg$/.test(p) ? p : ''; }

  // A table drawn SIZE rows at a time from data rows; sorting and filtering work on the data.
  function paged(table, all, render, key) {
    var rows = all.slice(), page = 0, order = null;
    // The chosen sort holds across filtering: new rows are sorted the same way.
    function sortRows() { if (order) rows.sort(function (a, b) { var x = key(a, order.col), y = key(b, order.col); return (x < y ? -1 : x > y ? 1 : 0) * order.dir; }); }
    var nav = document.querySelector('[data-pager="' + table.id + '"]');
    var prev = el('button', null, L.prev), next = el('button', null, L.next), info = el('span');
    prev.type = next.type = 'button';
    if (nav) { nav.appendChild(prev); nav.appendChild(info); nav.appendChild(next); }
    function draw() {
      var pages = Math.max(1, Math.ceil(rows.length / SIZE));
      if (page >= pages) page = pages - 1;
      var frag = document.createDocumentFragment();
      rows.slice(page * SIZE, (page + 1) * SIZE).forEach(function (r) { frag.appendChild(render(r)); });
      var body = table.tBodies[0];
      body.textContent = '';
      body.appendChild(frag);
      info.textContent = L.pageOf.replace('{n}', page + 1).replace('{m}', pages);
      prev.disabled = page === 0; next.disabled = page >= pages - 1;
      if (nav) nav.hidden = pages < 2;
    }
    prev.addEventListener('click', function () { page--; draw(); });
    next.addEventListener('click', function () { page++; draw(); });
    sortable(table, function (col, numeric, dir) {
      order = { col: col, dir: dir };
      sortRows(); page = 0; draw();
    });
    draw();
    return { set: function (r) { rows = r; sortRows(); page = 0; draw(); } };
  }

  function sortable(table, sortBy) {
    table.querySelectorAll('th').forEach(function (th) {
      function sort() {
        var i = Array.prototype.indexOf.call(th.parentNode.children, th);
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        th.parentNode.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        sortBy(i, th.getAttribute('data-sort') === 'num', dir);
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  }
  function cellKey(td, numeric) {
    var t = td ? (td.getAttribute('data-v') || td.textContent) : '';
    if (!numeric) return t;
    var n = parseFloat(String(t).replace('\u2212', '-'));
    return isNaN(n) ? -Infinity : n;
  }
  // Tables written into the page (summaries, issues) sort their own rows.
  document.querySelectorAll('table.sortable:not([data-paged])').forEach(function (table) {
    sortable(table, function (i, numeric, dir) {
      var body = table.tBodies[0];
      Array.prototype.slice.call(body.rows).sort(function (a, b) {
        var x = cellKey(a.cells[i], numeric), y = cellKey(b.cells[i], numeric);
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      }).forEach(function (r) { body.appendChild(r); });
    });
  });

  var findingsTable = document.getElementById('findings');
  if (findingsTable) {
    var fKey = keys([
      function (r) { return r[0]; }, function (r) { return str(r[2]); }, function (r) { return L.cat[r[1]]; }, function (r) { return str(r[3]); },
      function (r) { return str(r[4]); }, function (r) { return str(r[5]); }, function (r) { return r[6]; },
    ]);
    var renderFinding = function (r) {
      var tr = el('tr');
      tr.appendChild(sevCell(r[0], r[7], r[8] === 1));
      tr.appendChild(ruleCell(r[2]));
      tr.appendChild(td(null, L.cat[r[1]]));
      tr.appendChild(td('url', link(str(r[3]))));
      // What a finding is about is the site's (a column, an href, a selector): not translated prose.
      var target = td('url', link(str(r[4])));
      target.setAttribute('translate', 'no');
      tr.appendChild(target);
      var msg = td(null, str(r[5]));
      if (r[9]) {
        var d = el('details'), pre = el('pre');
        pre.setAttribute('translate', 'no');
        d.appendChild(el('summary', null, L.evidence));
        d.appendChild(pre);
        pre.textContent = r[9] === 1 ? L.evidenceInJson : pretty(r[9]);
        if (printing) d.open = true;
        msg.appendChild(d);
      }
      tr.appendChild(msg);
      tr.appendChild(td('num', r[6] ? '\u2212' + r[6] : ''));
      return tr;
    };
    var findings = paged(findingsTable, D.f, renderFinding, fKey);
    var cat = document.getElementById('f-cat'), sevSel = document.getElementById('f-sev');
    var base = document.getElementById('f-base'), q = document.getElementById('f-q');
    var count = document.getElementById('f-count');
    // Search text per row, built on the first search (not at load: 100 000 rows must open at once).
    var texts = null;
    var text = function (r) { return texts[r[10]] || (texts[r[10]] = [str(r[2]), str(r[3]), str(r[4]), str(r[5]), r[9] && r[9] !== 1 ? JSON.stringify(unpack(r[9])) : '', L.cat[r[1]], L.sev[r[0]]].join(' ').toLowerCase()); };
    var apply = function () {
      var needle = (q.value || '').toLowerCase();
      if (needle && !texts) texts = [];
      var c = cat.value === '' ? -1 : L.catIds.indexOf(cat.value), s = sevSel.value === '' ? -1 : L.sevIds.indexOf(sevSel.value);
      var b = !base || !base.value ? 0 : base.value === 'new' ? 1 : 2;
      var shown = D.f.filter(function (r) {
        return (c < 0 || r[1] === c) && (s < 0 || r[0] === s) && (!b || r[8] === b) && (!needle || text(r).indexOf(needle) !== -1);
      });
      count.textContent = String(shown.length);
      findings.set(shown);
    };
    [cat, sevSel, base].forEach(function (e) { if (e) e.addEventListener('change', apply); });
    q.addEventListener('input', apply);
    document.querySelectorAll('a[data-filter-cat]').forEach(function (a) {
      a.addEventListener('click', function () { cat.value = a.getAttribute('data-filter-cat'); sevSel.value = ''; q.value = ''; apply(); });
    });
  }

  // Issues: a finding per rule and target, every page it is on; worst first.
  var issuesTable = document.getElementById('issues-table');
  if (issuesTable) {
    paged(issuesTable, D.g, function (r) {
      var tr = el('tr');
      tr.appendChild(sevCell(r[0], r[9], false));
      tr.appendChild(ruleCell(r[2]));
      tr.appendChild(td(null, L.cat[r[1]]));
      var target = td('url', link(str(r[3])));
      target.setAttribute('translate', 'no');
      tr.appendChild(target);
      var msg = td(null, str(r[4]));
      var shot = shotHref(r[11]);
      if (shot) { var a = el('a', null, L.screenshot); a.href = shot; msg.appendChild(document.createTextNode(' ')); msg.appendChild(a); }
      if (r[10] > 1) { msg.appendChild(el('br')); msg.appendChild(el('span', 'muted', L.templates + ': ' + r[10])); }
      tr.appendChild(msg);
      var pages = td('num pages');
      if (r[6] <= 1) pages.appendChild(link(str(r[5][0] === undefined ? -1 : r[5][0])));
      else {
        var d = el('details'), ul = el('ul');
        d.appendChild(el('summary', null, String(r[6])));
        r[5].forEach(function (i) { var li = el('li'); li.appendChild(link(str(i))); ul.appendChild(li); });
        if (r[6] > r[5].length) ul.appendChild(el('li', null, '\u2026 ' + (r[6] - r[5].length) + ' ' + L.moreInJson));
        d.appendChild(ul);
        if (printing) d.open = true;
        pages.appendChild(d);
      }
      tr.appendChild(pages);
      tr.appendChild(td('num', String(r[7])));
      tr.appendChild(td('num', r[8] ? '\u2212' + r[8] : ''));
      return tr;
    }, keys([
      function (r) { return r[0]; }, function (r) { return str(r[2]); }, function (r) { return L.cat[r[1]]; }, function (r) { return str(r[3]); },
      function (r) { return str(r[4]); }, function (r) { return r[6]; }, function (r) { return r[7]; }, function (r) { return r[8]; },
    ]));
  }

  var pagesTable = document.getElementById('pages-table');
  if (pagesTable) {
    paged(pagesTable, D.p, function (r) {
      var tr = el('tr');
      tr.appendChild(td('url', link(str(r[0]))));
      tr.appendChild(td('num', r[1] < 0 ? '\u2013' : String(r[1])));
      tr.appendChild(td('num', r[2] < 0 ? '\u2013' : String(r[2])));
      var title = td(null, str(r[3]));
      title.setAttribute('translate', 'no');
      tr.appendChild(title);
      tr.appendChild(td(null, str(r[4])));
      return tr;
    }, function (r, col) { return col === 0 || col >= 3 ? str(r[col]) : r[col]; });
  }

  // On paper every piece of evidence is open (a veto's evidence must be printed); the long lists are left to report.json.
  var openAll = function (e) {
    if (!e.matches) return;
    printing = true;
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  };
  if (window.matchMedia) { var pm = window.matchMedia('print'); openAll(pm); if (pm.addEventListener) pm.addEventListener('change', openAll); }
  window.addEventListener('beforeprint', function () { openAll({ matches: true }); });
  document.documentElement.setAttribute('data-ready', String(Math.round(performance.now())));
})();`;

export const STYLE = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;--bad:#b3261e;--ok:#1e7b34;--warn:#b26a00}
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--fg)}
header,main{max-width:1280px;margin:0 auto;padding:16px 24px}
header{display:flex;gap:24px;align-items:center;flex-wrap:wrap;border-bottom:1px solid var(--line)}
h1{font-size:24px;margin:0 0 4px} h2{font-size:20px;margin:32px 0 8px;border-bottom:2px solid var(--line)} h3{font-size:16px;margin:16px 0 4px}
.gauge{width:128px;height:128px;flex:none}
.trend{display:flex;gap:16px;align-items:center;flex-wrap:wrap} .trend p{margin:0}
.verdict{display:inline-block;padding:2px 12px;border-radius:4px;color:#fff;font-weight:700}
.verdict.pass{background:var(--ok)} .verdict.fail{background:var(--bad)}
.muted{color:var(--muted)} .more{color:var(--muted);font-size:13px}
.box{border:1px solid var(--line);border-left:4px solid var(--bad);padding:8px 16px;margin:12px 0;background:#fff}
.box.ok{border-left-color:var(--ok)}
nav.toc a{margin-right:12px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--bg);cursor:pointer;white-space:nowrap} th[aria-sort=ascending]::after{content:" ▲"} th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;white-space:nowrap} td.url{word-break:break-all;max-width:360px} td.empty{color:var(--muted)}
pre{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-all;max-width:100%;max-height:320px;overflow:auto;font-size:12px;margin:4px 0}
td.pages{white-space:normal;text-align:left} td.pages ul{margin:4px 0;padding-left:16px}
.sev{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;color:#fff}
.sev-critical{background:#8c1d18}.sev-serious{background:var(--bad)}.sev-moderate{background:var(--warn)}.sev-minor{background:#0b6e99}.sev-info{background:#6e7781}
.badge{font-size:12px;padding:0 6px;border:1px solid var(--line);border-radius:3px}
.filters{display:flex;gap:12px;flex-wrap:wrap;align-items:center;margin:8px 0}
.filters label{display:flex;gap:4px;align-items:center}
select,input{font:inherit;padding:4px 6px;min-height:36px}
dl.facts{display:flex;flex-wrap:wrap;gap:8px 24px;margin:8px 0} dl.facts div{display:flex;gap:6px;min-width:0;max-width:100%} dl.facts dd{min-width:0;overflow-wrap:anywhere} dt{color:var(--muted)} dd{margin:0;font-weight:600}
a{color:#0b57d0;overflow-wrap:anywhere}
.shots{display:flex;flex-wrap:wrap;gap:12px} figure{margin:0;max-width:320px} figure img{max-width:100%;height:auto;border:1px solid var(--line)} figcaption{font-size:12px;color:var(--muted)}
.pager{display:flex;gap:12px;align-items:center;margin:8px 0} .pager button{font:inherit;min-height:36px;padding:4px 12px}
.print-only{display:none}
@media print{
.filters,.pager{display:none} details{display:block} details::details-content{content-visibility:visible;display:block} .scroll{overflow:visible}
pre{max-height:none;overflow:visible} td,th,td.num{white-space:normal;overflow-wrap:anywhere} table{table-layout:fixed}
tr,figure,li{break-inside:avoid} thead{display:table-header-group} h2{break-after:avoid}
header{min-height:60vh;align-content:center;break-after:page} header h1{font-size:32px}
.print-only{display:block} nav.toc{break-after:page}
#findings-section .scroll,#pages .scroll,#findings-section>.muted{display:none} nav.toc a{display:block;margin:4px 0;color:var(--fg)}
a{color:var(--fg);text-decoration:none}}
`;
