// Defence in depth for "never the full number in any report": every string of the report model
// (messages, evidence, HTML snippets from axe, page titles, rule data) has valid ID numbers,
// mobile numbers and Luhn-valid card numbers masked before any reporter sees it. The
// personal-data rule already masks its own evidence; this catches the other rules' snippets.
import { isValidIdNumber, luhnValid, maskNumber } from '../analysis/pii.js';

const ID = /(?<![0-9A-Za-z])[1-8]\d{16}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const CARD = /(?<!\d)(?:\d{4}[ -]?){3}\d{4,7}(?!\d)/g;

export function scrubText(s: string, asOf?: string): string {
  if (!/\d{11}|\d{4}[ -]\d{4}/.test(s)) return s;
  return s
    .replace(ID, (m) => (isValidIdNumber(m, asOf) ? maskNumber('id-number', m) : m))
    .replace(CARD, (m) => {
      const digits = m.replace(/[ -]/g, '');
      return digits.length >= 16 && digits.length <= 19 && digits.startsWith('62') && luhnValid(digits) ? maskNumber('bank-card', m) : m;
    })
    .replace(MOBILE, (m) => maskNumber('mobile', m));
}

/** A deep copy of `value` with every string scrubbed; object keys are left alone. */
export function scrubDeep<T>(value: T, asOf?: string): T {
  if (typeof value === 'string') return scrubText(value, asOf) as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, asOf)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, asOf)])) as T;
  return value;
}
