// Date strings as government portals write them: explicit patterns for the common gov
// formats (exact and fast), chrono-node's strict parsers as the fallback for the long tail.
// Relative expressions ("yesterday", "3 days ago") are never content dates; only account pages,
// where a platform prints them next to each post, read them (parseRelativeDates).
import { createRequire } from 'node:module';
import type * as ChronoLocale from 'chrono-node/en';

export interface ParsedDate {
  /** ISO date YYYY-MM-DD. */
  date: string;
  /** HH:MM when the string had a time. */
  time?: string;
  /** The matched text. */
  text: string;
  /** Offset of the match in the input. */
  index: number;
  /** The year was not written (`03-05`, `3月5日`) and was inferred from the as-of date. */
  yearInferred?: boolean;
}

export interface ParseOptions {
  /** Monitoring date YYYY-MM-DD: year inference and the future cut-off are relative to it. */
  asOf: string;
  /** Accept year-less `MM-DD` / `M月D日` (only where a date is expected, e.g. next to a list link). */
  yearless?: boolean;
  /** Read `01/02/2024` as day/month (European) rather than month/day. */
  dayFirst?: boolean;
}

const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DE_MONTHS = ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'];
const EN_MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
// Full German names, plus the abbreviations that differ from English (Jän., Mär., Okt., Dez.).
const DE_MONTH = '(Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jän\\.?|Mär\\.?|Mrz\\.?|Okt\\.?|Dez\\.?)';
const DE_ABBR: Record<string, number> = { jän: 1, mär: 3, mrz: 3, okt: 10, dez: 12 };
const TIME = '(?:[T\\s]+(\\d{1,2})[:：](\\d{2})(?::\\d{2})?)?';

interface Pattern {
  re: RegExp;
  /** Returns [year | null, month, day, hour?, minute?] from the match. */
  pick(m: RegExpExecArray, o: ParseOptions): [number | null, number, number, string?, string?] | null;
  yearless?: boolean;
}

const monthOf = (name: string): number => {
  const n = name.toLowerCase().replace('.', '');
  if (DE_ABBR[n]) return DE_ABBR[n];
  const en = EN_MONTHS.indexOf(n.slice(0, 3));
  if (/^[a-z]+$/.test(n) && en >= 0 && !DE_MONTHS.includes(n)) return en + 1;
  const de = DE_MONTHS.indexOf(n === 'jänner' ? 'januar' : n === 'maerz' ? 'märz' : n);
  return de >= 0 ? de + 1 : en + 1;
};

const PATTERNS: Pattern[] = [
  // 2024年3月5日 (10:30)
  { re: new RegExp(`(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]${TIME}`, 'g'), pick: (m) => [+m[1], +m[2], +m[3], m[4], m[5]] },
  // 2024-03-05, 2024/3/5, 2024.03.05 (10:30)
  { re: new RegExp(`(?<![\\d.])(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?![\\d])${TIME}`, 'g'), pick: (m) => [+m[1], +m[3], +m[4], m[5], m[6]] },
  // 5 March 2024, 5th Mar. 2024
  { re: new RegExp(`(?<![\\d])(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+${EN_MONTH},?\\s+(\\d{4})`, 'gi'), pick: (m) => [+m[3], monthOf(m[2]), +m[1]] },
  // March 5, 2024
  { re: new RegExp(`${EN_MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, 'gi'), pick: (m) => [+m[3], monthOf(m[1]), +m[2]] },
  // 6. Oktober 2017
  { re: new RegExp(`(?<![\\d])(\\d{1,2})\\.\\s*${DE_MONTH}\\s+(\\d{4})`, 'gi'), pick: (m) => [+m[3], monthOf(m[2]), +m[1]] },
  // 06.10.2017 (day first, as written in Europe)
  { re: new RegExp(`(?<![\\d.])(\\d{1,2})\\.\\s?(\\d{1,2})\\.\\s?(\\d{4})(?![\\d])${TIME}`, 'g'), pick: (m) => [+m[3], +m[2], +m[1], m[4], m[5]] },
  // 03/05/2024, 03-05-2024 (US courts): month first unless the first number cannot be a month or the site writes day first
  {
    re: new RegExp(`(?<![\\d/-])(\\d{1,2})([/-])(\\d{1,2})\\2(\\d{4})(?![\\d])${TIME}`, 'g'),
    pick: (m, o) => (o.dayFirst || +m[1] > 12 ? [+m[4], +m[3], +m[1], m[5], m[6]] : [+m[4], +m[1], +m[3], m[5], m[6]]),
  },
  // 05-Mar-2024, 31Dec22 (table cells): a two-digit year only in this compact form, where it cannot be a count
  {
    re: new RegExp(`(?<![\\dA-Za-z])(\\d{1,2})(-?)${EN_MONTH}\\2(\\d{4}|\\d{2})(?![\\dA-Za-z])`, 'gi'),
    pick: (m) => [m[4].length === 2 ? 2000 + +m[4] : +m[4], monthOf(m[3]), +m[1]],
  },
  // 3月5日 (year-less, Chinese)
  { re: /(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g, pick: (m) => [null, +m[1], +m[2]], yearless: true },
  // [03-05], 03-05, 03/05 (year-less, home-page lists)
  { re: /(?<![\d\-/.:])(\d{1,2})[-/](\d{1,2})(?![\d\-/.:])/g, pick: (m) => [null, +m[1], +m[2]], yearless: true },
];

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

export function validDate(y: number, m: number, d: number): boolean {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Whole days from `a` to `b` (ISO dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The year for a year-less date: the as-of year, or the one before if that would be in the future. */
export function inferYear(month: number, day: number, asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  return validDate(y, month, day) && iso(y, month, day) <= addDays(asOf, 1) ? y : y - 1;
}

/** Every date in `text`, in order of appearance; overlapping matches keep the first, most specific pattern. */
export function parseDates(text: string, o: ParseOptions): ParsedDate[] {
  const out: ParsedDate[] = [];
  const taken: [number, number][] = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
  for (const p of PATTERNS) {
    if (p.yearless && !o.yearless) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      const v = p.pick(m, o);
      if (!v) continue;
      const [yy, mo, d, hh, mm] = v;
      const y = yy ?? inferYear(mo, d, o.asOf);
      if (!validDate(y, mo, d)) continue;
      taken.push([start, end]);
      out.push({
        date: iso(y, mo, d),
        ...(hh !== undefined && mm !== undefined && +hh < 24 && +mm < 60 ? { time: `${pad(+hh)}:${mm}` } : {}),
        text: m[0].trim(),
        index: start,
        ...(yy === null ? { yearInferred: true } : {}),
      });
    }
  }
  if (!out.length) out.push(...chronoDates(text, o));
  return out.sort((a, b) => a.index - b.index);
}

// Loaded on the first long-tail date, not at start-up (~90 modules, ~30 ms): most pages never
// need it, and runs without date rules never do. One locale entry each: the package root loads all 15.
const require = createRequire(import.meta.url);
let chronoParsers: (typeof ChronoLocale.strict)[] | undefined;
const CHRONO = () => (chronoParsers ??= (['en', 'de', 'zh'] as const).map((l) => (require(`chrono-node/${l}`) as typeof ChronoLocale).strict));

/** Long-tail formats (weekday prefixes, ISO timestamps, other languages); only fully written dates. */
function chronoDates(text: string, o: ParseOptions): ParsedDate[] {
  // Every date kept below has a written year: skip chrono (slow) on texts without one.
  if (!/\d{4}/.test(text)) return [];
  const ref = new Date(`${o.asOf}T12:00:00Z`);
  for (const parser of CHRONO()) {
    const found = parser
      .parse(text, ref)
      // A written year is the proof that the text is a date, not "3 days ago".
      .filter((r) => /\d{4}/.test(r.text) && r.start.isCertain('year') && r.start.isCertain('month') && r.start.isCertain('day'))
      .map((r) => ({ y: r.start.get('year')!, m: r.start.get('month')!, d: r.start.get('day')!, r }))
      .filter(({ y, m, d }) => validDate(y, m, d))
      .map(({ y, m, d, r }) => ({ date: iso(y, m, d), text: r.text, index: r.index }));
    if (found.length) return found;
  }
  return [];
}

/** Dates later than the as-of date plus one day are not believable as content dates. */
export function isFuture(date: string, asOf: string): boolean {
  return date > addDays(asOf, 1);
}

const DAY_S = 86_400;
const UNIT_S: Record<string, number> = {
  秒: 1, 分: 60, 分钟: 60, 小时: 3600, 个小时: 3600, 天: DAY_S, 日: DAY_S, 周: 7 * DAY_S, 星期: 7 * DAY_S, 个星期: 7 * DAY_S,
  second: 1, minute: 60, hour: 3600, day: DAY_S, week: 7 * DAY_S,
};
const NAMED: Record<string, number> = { 刚刚: 0, 今天: 0, 昨天: 1, 前天: 2, 'just now': 0, today: 0, yesterday: 1 };

// 前天 but not 之前天气 / 以前天数; a count is never the tail of a longer number.
const RELATIVE = new RegExp(
  [
    `(?<!\\d)(\\d{1,3})\\s*(秒|分钟|分|个小时|小时|天|日|个星期|星期|周)前`,
    `(?<!\\d)(\\d{1,3})\\s*(second|minute|hour|day|week)s?\\s+ago\\b`,
    `(刚刚|今天|昨天|(?<![之以提目从])前天|\\bjust now\\b|\\btoday\\b|\\byesterday\\b)(?:\\s*(\\d{1,2})[:：](\\d{2}))?`,
  ].join('|'),
  'gi',
);

/**
 * Post times as platforms print them (刚刚, 5分钟前, 2小时前, 今天 08:00, 昨天 10:23, 前天, 3天前,
 * 1周前, "2 hours ago"), resolved against the as-of date: hours count whole days back (the hour
 * of the audit is not known; a day at most). Vaguer ones (3个月前, 1年前) fix no day and are left out.
 */
export function parseRelativeDates(text: string, asOf: string): ParsedDate[] {
  const out: ParsedDate[] = [];
  RELATIVE.lastIndex = 0;
  for (let m = RELATIVE.exec(text); m; m = RELATIVE.exec(text)) {
    const [all, zhCount, zhUnit, enCount, enUnit, named, hh, mm] = m;
    const count = zhCount ?? enCount;
    const back = count ? Math.floor((+count * UNIT_S[(zhUnit ?? enUnit).toLowerCase()]) / DAY_S) : NAMED[named.toLowerCase()];
    const time = hh !== undefined && +hh < 24 && +mm < 60 ? { time: `${pad(+hh)}:${mm}` } : {};
    out.push({ date: addDays(asOf, -back), ...time, text: all.trim(), index: m.index });
  }
  return out;
}
