// Which well-known client-side library (and version) a script is, from what a crawler sees: the
// script URL and the first few KB of the file. Pure functions; the advisory data lives in
// js-advisories.ts.
import { ADVISORIES, END_OF_LIFE, type Advisory, type AdvisorySeverity } from './js-advisories.js';

export type { Advisory, AdvisorySeverity };

export interface LibraryVersion { library: string; version: string; how: 'filename' | 'path' | 'query' | 'banner' }

export interface LibraryVerdict {
  library: string;
  version: string;
  advisories: Advisory[];
  endOfLife: string | null;
  severity: AdvisorySeverity | null;
}

// Names as they appear in file names, npm packages and CDN folders → canonical id.
const ALIASES: Record<string, string> = {
  jquery: 'jquery',
  'jquery-ui': 'jquery-ui', jqueryui: 'jquery-ui',
  bootstrap: 'bootstrap', 'twitter-bootstrap': 'bootstrap',
  angular: 'angularjs', 'angular.js': 'angularjs', angularjs: 'angularjs',
  lodash: 'lodash', 'lodash.js': 'lodash',
  moment: 'moment', 'moment.js': 'moment', 'moment-with-locales': 'moment',
  vue: 'vue',
  handlebars: 'handlebars', 'handlebars.js': 'handlebars',
  dompurify: 'dompurify', purify: 'dompurify',
};

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first, so 'jquery-ui' wins over 'jquery'.
const NAME = `(${Object.keys(ALIASES).sort((a, b) => b.length - a.length).map(esc).join('|')})`;
// Dotted versions only: a bare number (?v=20240305, ?t=1699999999) is a cache-buster, never a version.
const VER = String.raw`(\d+\.\d+(?:\.\d+)?(?:-(?:alpha|beta|rc|pre)(?:\.?\d+)*)?)`;
// Build flavours that still mean "the library itself" (not a plugin or add-on).
const FLAVOUR = String.raw`(?:[.-](?:min|slim|custom|prod|production|runtime|global|bundle|common|esm|browser|umd|full|core|pack|packed|all))*`;

const PLAIN_FILE = new RegExp(`^${NAME}${FLAVOUR}$`);
const VERSIONED_FILE = new RegExp(`^${NAME}[-._]?v?${VER}${FLAVOUR}$`);
const NPM_SEGMENT = new RegExp(`^${NAME}@v?${VER}$`);
const VERSIONED_DIR = new RegExp(`^${NAME}[-._]?v?${VER}(?:[-.](?:dist|custom|min))*$`);
const VERSION_DIR = new RegExp(`^v?${VER}$`);
// WordPress appends the registered version (?ver=1.12.4, core jQuery as 1.12.4-wp); insist on
// three parts so a theme's "?ver=1.0" is less likely to pass as a library version.
const QUERY_VERSION = /^v?(\d+\.\d+\.\d+(?:-(?:alpha|beta|rc)(?:\.?\d+)*)?)(?:-wp)?$/;

function segmentsOf(url: string): { segs: string[]; query: URLSearchParams } | null {
  let u: URL;
  try {
    u = new URL(url, 'http://relative.invalid/');
  } catch {
    return null;
  }
  const segs = u.pathname.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s).toLowerCase();
    } catch {
      return s.toLowerCase();
    }
  });
  return { segs, query: u.searchParams };
}

const stemOf = (file: string) => file.replace(/\.m?js$/, '');

export function libraryFromUrl(url: string): LibraryVersion | null {
  const parsed = segmentsOf(url);
  if (!parsed || parsed.segs.length === 0) return null;
  const { segs, query } = parsed;
  const stem = stemOf(segs[segs.length - 1]);

  const inName = VERSIONED_FILE.exec(stem);
  if (inName) return { library: ALIASES[inName[1]], version: inName[2], how: 'filename' };

  // A version in the path only counts when the file itself is that library (a plugin kept in
  // a bootstrap-3.3.7/ folder is not Bootstrap 3.3.7).
  const plain = PLAIN_FILE.exec(stem);
  const fileLib = plain ? ALIASES[plain[1]] : null;
  for (let i = 0; i < segs.length; i++) {
    const npm = NPM_SEGMENT.exec(segs[i]);
    if (npm && (i === segs.length - 1 || ALIASES[npm[1]] === fileLib)) {
      return { library: ALIASES[npm[1]], version: npm[2], how: 'path' };
    }
    if (!fileLib || i === segs.length - 1) continue;
    const dir = VERSIONED_DIR.exec(segs[i]);
    if (dir && ALIASES[dir[1]] === fileLib) return { library: fileLib, version: dir[2], how: 'path' };
    // /jquery/1.12.4/…, /twitter-bootstrap/3.3.7/js/…, code.jquery.com/ui/1.12.1/jquery-ui.js
    const named = segs[i] === 'ui' && fileLib === 'jquery-ui' ? 'jquery-ui' : ALIASES[segs[i]];
    const next = VERSION_DIR.exec(segs[i + 1]);
    if (named === fileLib && next && i + 1 < segs.length - 1) return { library: fileLib, version: next[1], how: 'path' };
  }

  if (fileLib) {
    for (const key of ['ver', 'version']) {
      const m = QUERY_VERSION.exec(query.get(key) ?? '');
      if (m) return { library: fileLib, version: m[1], how: 'query' };
    }
  }
  return null;
}

// Banners sit at the top of a file; anchoring each to the start of a (comment) line keeps
// "Requires jQuery v1.7.2 or later" in a plugin's header from reading as jQuery itself.
const LINE = String.raw`^[\s/*!]*(?:@license\s+)?`;
const BV = String.raw`(\d+\.\d+(?:\.\d+)?(?:-[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?)`;
const BANNERS: { library: string; re: RegExp }[] = [
  { library: 'jquery-ui', re: new RegExp(`${LINE}jQuery UI\\s*(?:-\\s*)?v?${BV}`, 'm') },
  { library: 'jquery', re: new RegExp(`${LINE}jQuery(?: JavaScript Library)? v${BV}`, 'm') },
  { library: 'bootstrap', re: new RegExp(`${LINE}Bootstrap(?::\\s*[\\w.-]+\\.js)?\\s+v${BV}`, 'm') },
  { library: 'angularjs', re: new RegExp(`${LINE}AngularJS v${BV}`, 'm') },
  { library: 'lodash', re: new RegExp(`${LINE}lo-?dash\\s+v?${BV}`, 'im') },
  { library: 'moment', re: new RegExp(`${LINE}moment\\.js[\\s/*!]*version\\s*:\\s*${BV}`, 'im') },
  { library: 'vue', re: new RegExp(`${LINE}vue(?:\\.js)? v${BV}`, 'im') },
  { library: 'handlebars', re: new RegExp(`${LINE}handlebars v${BV}`, 'im') },
  { library: 'dompurify', re: new RegExp(`${LINE}DOMPurify v?${BV}`, 'm') },
];
// Lodash 4 names no version in its banner; the unminified build sets VERSION a few lines down.
const LODASH_MARK = new RegExp(`${LINE}lodash\\b`, 'im');
const LODASH_VERSION = new RegExp(`\\bVERSION\\s*=\\s*['"]${BV}['"]`);

export function libraryFromBanner(text: string): LibraryVersion | null {
  const head = text.slice(0, 8192);
  const found: { at: number; library: string; version: string }[] = [];
  for (const b of BANNERS) {
    const m = b.re.exec(head);
    if (m) found.push({ at: m.index, library: b.library, version: m[1] });
  }
  const mark = LODASH_MARK.exec(head);
  const v = mark && LODASH_VERSION.exec(head);
  if (mark && v) found.push({ at: mark.index, library: 'lodash', version: v[1] });
  // A bundle may concatenate several libraries: report the one whose banner comes first.
  const first = found.sort((a, b) => a.at - b.at)[0];
  return first ? { library: first.library, version: first.version, how: 'banner' } : null;
}

function parseVersion(v: string): { nums: number[]; pre: string[] } {
  const m = /^v?(\d+(?:\.\d+)*)(?:-?([0-9A-Za-z][0-9A-Za-z.-]*))?/.exec(v.trim());
  if (!m) return { nums: [], pre: [] };
  return { nums: m[1].split('.').map(Number), pre: m[2] ? m[2].split(/[.-]/).filter(Boolean) : [] };
}

export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  for (let i = 0; i < Math.max(pa.nums.length, pb.nums.length); i++) {
    const d = (pa.nums[i] ?? 0) - (pb.nums[i] ?? 0);
    if (d) return Math.sign(d);
  }
  // A pre-release sorts before its release; identifiers compare as in semver.
  if (!pa.pre.length || !pb.pre.length) return pa.pre.length ? -1 : pb.pre.length ? 1 : 0;
  for (let i = 0; i < Math.max(pa.pre.length, pb.pre.length); i++) {
    const x = pa.pre[i];
    const y = pb.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny && Number(x) !== Number(y)) return Math.sign(Number(x) - Number(y));
    if (nx !== ny) return nx ? -1 : 1;
    if (!nx && x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

const RANK: AdvisorySeverity[] = ['minor', 'moderate', 'serious', 'critical'];

export function assessLibrary(lib: { library: string; version: string }): LibraryVerdict {
  const { library, version } = lib;
  const advisories = ADVISORIES.filter(
    (a) => a.library === library && compareVersions(version, a.below) < 0 && (!a.atLeast || compareVersions(version, a.atLeast) >= 0),
  );
  const eol = END_OF_LIFE.find((e) => e.library === library && (!e.below || compareVersions(version, e.below) < 0));
  let severity: AdvisorySeverity | null = null;
  for (const a of advisories) if (!severity || RANK.indexOf(a.severity) > RANK.indexOf(severity)) severity = a.severity;
  if (!severity && eol) severity = 'minor';
  return { library, version, advisories, endOfLife: eol?.note ?? null, severity };
}
