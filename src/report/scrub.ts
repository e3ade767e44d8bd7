// Defence in depth for "never the full number in any report": every string of the report model
// (messages, evidence, HTML snippets from axe, page titles, rule data) has valid ID numbers,
// mobile numbers and Luhn-valid card numbers standing alone in text masked before any reporter
// sees it. The personal-data rule already masks its own evidence; this catches the other rules'
// snippets. URLs, paths, file names, selectors and hashes are never altered: a report that
// rewrote them would point at pages that do not exist.
import { maskPersonalData } from '../analysis/pii.js';

/** A value that is one URL or path (url, finalUrl, href, target …): left whole. */
const URL_VALUE = /^(?:[a-z][a-z\d+.-]*:\/\/|\/)\S*$/i;
/** Nothing shorter than 3 + 4 digits can be a number the scrubber masks (full-width digits too). */
const MAYBE = /[\d\uFF10-\uFF19]{3}[ -]?[\d\uFF10-\uFF19]{4}/;

export function scrubText(s: string, asOf?: string): string {
  if (!MAYBE.test(s) || URL_VALUE.test(s)) return s;
  return maskPersonalData(s, asOf);
}

/** A deep copy of `value` with every string scrubbed; object keys are left alone. */
export function scrubDeep<T>(value: T, asOf?: string): T {
  if (typeof value === 'string') return scrubText(value, asOf) as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, asOf)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, asOf)])) as T;
  return value;
}
