// The HTML report's only script and style. The script is allowed by hash in the page's CSP,
// so nothing else (injected or remote) can run and the page makes no network requests.

export const CLIENT_SCRIPT = `(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  var cat = document.getElementById('f-cat'), sev = document.getElementById('f-sev');
  var base = document.getElementById('f-base'), q = document.getElementById('f-q');
  var count = document.getElementById('f-count');
  function apply() {
    var needle = (q.value || '').toLowerCase(), shown = 0;
    rows.forEach(function (r) {
      var ok = (!cat.value || r.getAttribute('data-cat') === cat.value) &&
        (!sev.value || r.getAttribute('data-sev') === sev.value) &&
        (!base || !base.value || r.getAttribute('data-base') === base.value) &&
        (!needle || r.textContent.toLowerCase().indexOf(needle) !== -1);
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = String(shown);
  }
  [cat, sev, base].forEach(function (el) { if (el) el.addEventListener('change', apply); });
  q.addEventListener('input', apply);
  document.querySelectorAll('a[data-filter-cat]').forEach(function (a) {
    a.addEventListener('click', function () { cat.value = a.getAttribute('data-filter-cat'); sev.value = ''; q.value = ''; apply(); });
  });
  function key(td, numeric) {
    var t = td ? (td.getAttribute('data-v') || td.textContent) : '';
    if (!numeric) return t;
    var n = parseFloat(t);
    return isNaN(n) ? -Infinity : n;
  }
  document.querySelectorAll('table.sortable th').forEach(function (th) {
    function sort() {
      var table = th.closest('table'), body = table.tBodies[0];
      var i = Array.prototype.indexOf.call(th.parentNode.children, th);
      var numeric = th.getAttribute('data-sort') === 'num';
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      th.parentNode.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      Array.prototype.slice.call(body.rows).sort(function (a, b) {
        var x = key(a.cells[i], numeric), y = key(b.cells[i], numeric);
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      }).forEach(function (r) { body.appendChild(r); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
  });
  apply();
  // On paper every piece of evidence is open: a veto's evidence must be printed, not folded away.
  var openAll = function (e) { if (e.matches) document.querySelectorAll('details').forEach(function (d) { d.open = true; }); };
  if (window.matchMedia) { var pm = window.matchMedia('print'); openAll(pm); if (pm.addEventListener) pm.addEventListener('change', openAll); }
  window.addEventListener('beforeprint', function () { openAll({ matches: true }); });
})();`;

export const STYLE = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;--bad:#b3261e;--ok:#1e7b34;--warn:#b26a00}
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--fg)}
header,main{max-width:1280px;margin:0 auto;padding:16px 24px}
header{display:flex;gap:24px;align-items:center;flex-wrap:wrap;border-bottom:1px solid var(--line)}
h1{font-size:24px;margin:0 0 4px} h2{font-size:20px;margin:32px 0 8px;border-bottom:2px solid var(--line)} h3{font-size:16px;margin:16px 0 4px}
.gauge{width:128px;height:128px;flex:none}
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
td pre{white-space:pre-wrap;word-break:break-all;max-height:320px;overflow:auto;font-size:12px;margin:4px 0}
.sev{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;color:#fff}
.sev-critical{background:#8c1d18}.sev-serious{background:var(--bad)}.sev-moderate{background:var(--warn)}.sev-minor{background:#0b6e99}.sev-info{background:#6e7781}
.badge{font-size:12px;padding:0 6px;border:1px solid var(--line);border-radius:3px}
.filters{display:flex;gap:12px;flex-wrap:wrap;align-items:center;margin:8px 0}
.filters label{display:flex;gap:4px;align-items:center}
select,input{font:inherit;padding:4px 6px;min-height:36px}
dl.facts{display:flex;flex-wrap:wrap;gap:8px 24px;margin:8px 0} dl.facts div{display:flex;gap:6px} dt{color:var(--muted)} dd{margin:0;font-weight:600}
a{color:#0b57d0;overflow-wrap:anywhere}
.shots{display:flex;flex-wrap:wrap;gap:12px} figure{margin:0;max-width:320px} figure img{max-width:100%;height:auto;border:1px solid var(--line)} figcaption{font-size:12px;color:var(--muted)}
@media print{.filters{display:none} details{display:block} details::details-content{content-visibility:visible;display:block} .scroll{overflow:visible} tr,figure{break-inside:avoid} thead{display:table-header-group} nav.toc{display:none}}
`;
