// Working days in China (reply limits of letters): weekends, public holidays and make-up working
// days (调休) from the State Council's yearly notices, as the maintained `chinese-days` package
// ships them (2004–2026 in 1.5.7). Rule options add the years published after it; a span that
// reaches a year neither covers is counted with weekends alone there, and the result says so.
import { createRequire } from 'node:module';
import { addDays } from '../crawl/dates.js';

export interface HolidayOptions {
  /** Extra days off, YYYY-MM-DD (e.g. the next year's notice before the package has it). */
  holidays?: string[];
  /** Extra make-up working days (weekend days worked), YYYY-MM-DD. */
  workdays?: string[];
}

export interface WorkCalendar {
  off: Set<string>;
  worked: Set<string>;
  /** Years whose holidays are known (from the package or the options). */
  years: Set<number>;
}

export interface WorkingDays {
  days: number;
  /** Years of the span no holiday data covers: weekends alone were counted there. */
  weekendsOnlyYears: number[];
}

interface Table {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);
let table: WorkCalendar | undefined;

// Read on first use, not at start-up: most audits never count working days.
function packaged(): WorkCalendar {
  if (!table) {
    // `holidays` already holds the days off in lieu (`inLieuDays` is a subset of it).
    const t = require('chinese-days/dist/chinese-days.json') as Table;
    const off = new Set(Object.keys(t.holidays));
    const worked = new Set(Object.keys(t.workdays));
    table = { off, worked, years: yearsOf([...off, ...worked]) };
  }
  return table;
}

const yearsOf = (dates: string[]) => new Set(dates.map((d) => Number(d.slice(0, 4))));
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The packaged table plus the options' days; an option that is not a YYYY-MM-DD date is an error. */
export function workCalendar(extra: HolidayOptions = {}): WorkCalendar {
  const add = [...(extra.holidays ?? []), ...(extra.workdays ?? [])];
  const bad = add.find((d) => typeof d !== 'string' || !ISO.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)));
  if (bad !== undefined) throw new Error(`holidays/workdays: ${JSON.stringify(bad)} is not a YYYY-MM-DD date`);
  const base = packaged();
  if (!add.length) return base;
  const worked = new Set([...base.worked, ...(extra.workdays ?? [])]);
  // A make-up working day given in the options wins over a packaged holiday on the same date.
  const off = new Set([...base.off, ...(extra.holidays ?? [])].filter((d) => !extra.workdays?.includes(d)));
  return { off, worked, years: new Set([...base.years, ...yearsOf(add)]) };
}

function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  if (cal.worked.has(date)) return true;
  if (cal.off.has(date)) return false;
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** Working days after `from` up to and including `to`. */
export function workingDays(from: string, to: string, cal: WorkCalendar = packaged()): WorkingDays {
  let days = 0;
  const unknown = new Set<number>();
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    if (isWorkingDay(d, cal)) days++;
    const year = Number(d.slice(0, 4));
    if (!cal.years.has(year)) unknown.add(year);
  }
  return { days, weekendsOnlyYears: [...unknown].sort() };
}
