// Citizens' letters (县长信箱, 领导信箱, 留言, 咨询): the consultation channels of a portal and,
// for each letter, when it was sent, whether and when it was answered — read from its page.
import * as cheerio from 'cheerio';
import type { Page, Satellite, Snapshot } from '../model/types.js';
import { columnsOf, isArticle, pagesByKey, type Column } from './columns.js';
import { parseDates } from '../crawl/dates.js';
import { siblingHost, urlKey } from '../crawl/url.js';
import { governmentName } from './home.js';
import { satellitesLinkedBy } from '../crawl/satellites.js';

/** Consultation channels count for the indicators; petitions, interviews, surveys and discipline reports do not. */
export const CONSULTATION = /信箱|留言|咨询|问政|诉求|建言|网上问答|民意|mailbox|consultation|ask the/i;
export const NOT_CONSULTATION = /信访|访谈|调查|征集|纪检|监察|举报|survey|interview|petition/i;

export const isConsultation = (name: string) => CONSULTATION.test(name) && !NOT_CONSULTATION.test(name);

export interface Letter {
  url: string;
  title: string;
  /** Channel list page where the letter is listed. */
  listedOn: string;
  submitted: string | null;
  replied: string | null;
  /** Answered per the page (status or reply text), whether or not it shows a date. */
  answered: boolean;
  status: string | null;
  /** The page reads as a letter: a submission or reply label, a status word or a reply text. */
  labelled: boolean;
}

const SUBMITTED = /(来信时间|来信日期|提交时间|留言时间|留言日期|写信时间|咨询时间|提问时间|Submitted|Received)\s*[:：]?\s*/gi;
const REPLIED = /(回复时间|答复时间|回复日期|答复日期|办结时间|办理时间|反馈时间|Replied|Answered)\s*[:：]?\s*/gi;
const UNANSWERED = /未回复|未答复|待回复|未办结|处理中|办理中|受理中|Pending|Unanswered/i;
/** A status in a labelled field (办理状态：已办结), which says the page is a letter; a word in prose does not. */
const STATUS_FIELD = /(办理状态|处理状态|回复状态|办结状态|信件状态|状态|Status)\s*[:：]?\s*(未回复|未答复|待回复|未办结|处理中|办理中|受理中|已回复|已答复|已办结|已处理|Pending|Unanswered|Answered|Replied)/i;
const ANSWERED = /已回复|已答复|已办结|已处理|Answered|Replied/i;
const REPLY_TEXT = /(回复内容|答复内容|办理结果|答复意见)\s*[:：]?\s*(\S.{4,})/;

function dateAfter(text: string, label: RegExp, asOf: string): string | null {
  label.lastIndex = 0;
  for (let m = label.exec(text); m; m = label.exec(text)) {
    const d = parseDates(text.slice(m.index + m[0].length, m.index + m[0].length + 40), { asOf }).find((x) => x.index <= 3);
    if (d) return d.date;
  }
  return null;
}

/** Read one letter page: dates by their labels, status by its words, a reply by its text. */
export function readLetter(html: string, page: Page, listedOn: string, asOf: string): Letter {
  const $ = cheerio.load(html);
  $('script, style, header, nav, footer').remove();
  const text = $('body').text().replace(/\s+/g, ' ').trim();
  const submitted = dateAfter(text, SUBMITTED, asOf) ?? page.published;
  const replied = dateAfter(text, REPLIED, asOf);
  const status = UNANSWERED.exec(text)?.[0] ?? ANSWERED.exec(text)?.[0] ?? null;
  const answered = !!replied || (!UNANSWERED.test(text) && (ANSWERED.test(text) || REPLY_TEXT.test(text)));
  SUBMITTED.lastIndex = 0;
  const labelled = SUBMITTED.test(text) || !!replied || STATUS_FIELD.test(text) || REPLY_TEXT.test(text);
  return { url: page.url, title: page.meta.ArticleTitle ?? page.h1 ?? page.title ?? page.url, listedOn, submitted, replied, answered, status, labelled };
}

export interface Channels {
  /** Consultation columns with their letter lists. */
  columns: Column[];
  /** Pages that look like a consultation channel (including ones without a letter list). */
  pages: Page[];
  /** Links named like a channel (县长信箱 …), wherever they point; their pages may lie beyond the crawl. */
  links: { url: string; text: string; working: boolean | null }[];
}

export function consultationChannels(snapshot: Snapshot): Channels {
  const columns = columnsOf(snapshot).filter((c) => c.type === 'interaction' && isConsultation(c.name));
  const pages = snapshot.pages.filter(
    (p) => p.html && p.status === 200 && !p.error && !isArticle(p) && [p.meta.ColumnName, p.h1, p.linkText].some((t) => !!t && isConsultation(t)),
  );
  const byKey = pagesByKey(snapshot);
  const links = new Map<string, { url: string; text: string; working: boolean | null }>();
  for (const p of snapshot.pages)
    for (const l of p.links)
      if (l.tag === 'a' && isConsultation(l.text) && !links.has(urlKey(l.url))) {
        const target = byKey.get(urlKey(l.url));
        links.set(urlKey(l.url), { url: l.url, text: l.text, working: target ? !target.error && target.status === 200 : null });
      }
  return { columns, pages, links: [...links.values()] };
}

/**
 * Every letter listed in a consultation column whose page was crawled; pages that do not read as
 * letters (a notice, a guide) are left out, and with `about`, letters that do not name it (on a
 * province-wide platform, only this government's letters are its own).
 */
export async function lettersOf(snapshot: Snapshot, columns: Column[], about?: string | null): Promise<Letter[]> {
  // A province-wide platform, and this government's name unknown: none of its letters is attributable.
  if (about === null) return [];
  const byKey = pagesByKey(snapshot);
  const seen = new Set<string>();
  const out: Letter[] = [];
  for (const c of columns)
    for (const item of c.items) {
      const page = byKey.get(urlKey(item.url));
      if (!page || !page.html || seen.has(page.url)) continue;
      seen.add(page.url);
      const html = await snapshot.readBody(page.url);
      const letter = html ? readLetter(html, page, c.url, snapshot.asOf) : null;
      if (letter?.labelled && (!about || handledBy(html!, about))) out.push(letter);
    }
  return out;
}

/** The letter names `government` as the office that handles or answered it (承办单位：XX县…), not merely somewhere on the page. */
function handledBy(html: string, government: string): boolean {
  const text = cheerio.load(html).text().replace(/\s+/g, ' ');
  const name = government.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(承办|办理|受理|回复|答复|交办|处理)(单位|部门|机关)\\s*[:：]?\\s*[^，。；;]{0,20}?${name}`).test(text);
}

/** A related host's pages as a site of their own: the column logic reads them apart from the portal's. */
export function satelliteSnapshot(snapshot: Snapshot, s: Satellite): Snapshot {
  // One click from the portal: the linked page is a page of the channel, not a home page.
  const pages = s.pages.map((p) => ({ ...p, depth: p.depth === null ? null : p.depth + 1 }));
  return { ...snapshot, startUrl: s.entry, origin: new URL(s.entry).origin, pages, readBody: s.readBody, satellites: undefined };
}

export interface SatelliteChannel {
  satellite: Satellite;
  snapshot: Snapshot;
  /** Letter lists there: consultation columns, and the list of the linked page itself (the link named the channel). */
  columns: Column[];
  /** On a host that is not the portal's own domain (a provincial platform): the name a letter must carry to be this government's (null: unknown, so none is). */
  about?: string | null;
}

export function satelliteChannels(snapshot: Snapshot): SatelliteChannel[] {
  const portalHost = new URL(snapshot.origin).host;
  const name = governmentName(snapshot);
  return satellitesLinkedBy(snapshot, (l) => isConsultation(l.text)).map((satellite) => {
    const sub = satelliteSnapshot(snapshot, satellite);
    const columns = columnsOf(sub).filter((c) => c.type === 'interaction' || isConsultation(c.name) || c.depth === 1);
    return { satellite, snapshot: sub, columns, ...(siblingHost(satellite.host, portalHost) ? {} : { about: name }) };
  });
}
