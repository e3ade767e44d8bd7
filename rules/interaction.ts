// Unanswered and late letters in the portal's consultation channels (国办秘函〔2019〕19号
// 单项否决 "互动回应差": no working consultation channel, or within the past year a message
// unanswered for more than 3 months). Before that veto, a letter past the reply limit is overdue.
// Working days know public holidays and make-up days (src/analysis/workdays.ts).
import { defineRule, type RuleFinding } from '../src/rules/types.js';
import { consultationChannels, isConsultation, lettersOf, satelliteChannels, type Letter } from '../src/analysis/letters.js';
import { relatedHost, sameSite, siteKey } from '../src/crawl/url.js';
import type { Snapshot } from '../src/model/types.js';
import type { SatelliteChannel } from '../src/analysis/letters.js';
import { workCalendar, workingDays, type WorkCalendar } from '../src/analysis/workdays.js';
import { daysBetween } from '../src/crawl/dates.js';

interface Options {
  /** Days a letter may wait for an answer before it counts as unanswered (3 months). */
  unansweredDays: number;
  /** The veto looks at letters received within this many days (one year). */
  vetoWindowDays: number;
  /** Reply limit in working days: late when answered after it, overdue when still waiting past it. */
  replyWorkingDays: number;
  /** Days off and make-up working days (YYYY-MM-DD) added to the packaged holiday table. */
  holidays: string[];
  workdays: string[];
}
const DEFAULTS: Options = { unansweredDays: 90, vetoWindowDays: 365, replyWorkingDays: 15, holidays: [], workdays: [] };

/** A letter with its waits: calendar days so far, and working days to the reply or, unanswered, so far. */
function timed(l: Letter, asOf: string, cal: WorkCalendar) {
  const waited = l.submitted ? daysBetween(l.submitted, asOf) : null;
  const replyDays = l.submitted && l.replied ? daysBetween(l.submitted, l.replied) : null;
  const reply = l.submitted && l.replied ? workingDays(l.submitted, l.replied, cal) : null;
  const waiting = l.submitted && !l.answered ? workingDays(l.submitted, asOf, cal) : null;
  const weekendsOnlyYears = (reply ?? waiting)?.weekendsOnlyYears ?? [];
  return { ...l, waited, replyDays, replyWorkingDays: reply?.days ?? null, waitedWorkingDays: waiting?.days ?? null, weekendsOnlyYears };
}

/** Why no letter could be read, channel by channel. */
function notAssessedReasons(snapshot: Snapshot, links: { url: string; text: string }[], offsite: SatelliteChannel[]): { zh: string; en: string }[] {
  const out: { zh: string; en: string }[] = [];
  const portal = new URL(snapshot.origin).host;
  const followed = new Set(offsite.map((c) => siteKey(c.satellite.host)));
  for (const c of offsite) {
    const s = c.satellite;
    if (!s.reachable) out.push({ zh: `${s.host} 无法访问`, en: `${s.host} could not be reached` });
    else out.push({ zh: `已读取 ${s.host} 的 ${s.pages.length} 个页面，未找到可读的来信${s.maxPagesReached ? '（已达页面上限）' : ''}`, en: `${s.pages.length} pages of ${s.host} read, no readable letter${s.maxPagesReached ? ' (page cap reached)' : ''}` });
  }
  for (const l of links) {
    const host = new URL(l.url).host;
    if (sameSite(l.url, portal) || followed.has(siteKey(host))) continue;
    followed.add(siteKey(host));
    if (relatedHost(host, portal)) out.push({ zh: `“${l.text}”链接到 ${host}，超出跟进的网站数量上限，未读取`, en: `"${l.text}" links to ${host}: past the limit of hosts followed, not read` });
    else out.push({ zh: `“${l.text}”链接到 ${host}，不是本级政府的网站，未跟进`, en: `"${l.text}" links to ${host}, not a host of the same government: not followed` });
  }
  if (!out.length) out.push({ zh: '互动渠道未公开来信或来信页面无法读取', en: 'the channels publish no letters, or their pages could not be read' });
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};

export default defineRule({
  id: 'interaction',
  category: 'interaction',
  title: { zh: '留言答复与互动渠道', en: 'Letters answered, consultation channel' },
  description: {
    zh: '找到县长信箱、留言咨询等互动渠道，读取每封来信的来信时间、回复时间和状态：超过15个工作日未回复（逾期）、超过3个月未回复（一年内来信为单项否决）、超过15个工作日才答复、未显示来信或回复时间；没有可用的互动渠道为单项否决。工作日扣除法定节假日并计入调休上班日。',
    en: 'Finds the consultation channels (mailboxes, message boards), reads each letter\'s submission and reply dates and status: unanswered past 15 working days (overdue), unanswered for over 3 months (a veto when received within the past year), answered after more than 15 working days, no visible dates; no working consultation channel is a veto. Working days leave out public holidays and count make-up working days.',
  },
  severity: 'serious',
  standards: ['国办秘函〔2019〕19号 单项否决 · 互动回应差', '国办秘函〔2019〕19号 互动交流 · 留言办理'],
  // Letter systems on another host of the same government (a 12345 platform, hdjl.…) are read there.
  offsite: (l) => l.tag === 'a' && isConsultation(l.text),
  async run({ snapshot, asOf, t, siteLang, options }) {
    const o = { ...DEFAULTS, ...(options as Partial<Options>) };
    const findings: RuleFinding[] = [];
    const home = snapshot.pages.find((p) => p.depth === 0);
    const chinese = siteLang === 'zh';
    const channels = consultationChannels(snapshot);
    const offsite = satelliteChannels(snapshot);
    // A channel linked but not crawled (page limit, other host) still counts; one whose every link fails does not.
    const linked = channels.links.some((l) => l.working !== false);
    if (!channels.pages.length && !channels.columns.length && !linked && !offsite.length) {
      if (home)
        findings.push({
          check: 'no-channel',
          severity: chinese ? 'critical' : 'serious',
          ...(chinese ? { veto: true } : {}),
          url: home.url,
          target: home.url,
          message: t({ zh: '网站没有可用的在线咨询渠道（如县长信箱、留言咨询）', en: 'The site has no working online consultation channel (mailbox, message board)' }),
          evidence: {
            looked: 'crawled pages and links named 信箱/留言/咨询/问政/诉求/mailbox/consultation (petitions, interviews and surveys excluded)',
            brokenLinks: channels.links.map((l) => ({ url: l.url, text: l.text })),
          },
        });
      return { findings, data: { channels: [], letters: 0 } };
    }

    const cal = workCalendar({ holidays: o.holidays, workdays: o.workdays });
    const read = [...(await lettersOf(snapshot, channels.columns))];
    for (const c of offsite) read.push(...(await lettersOf(c.snapshot, c.columns, c.about)));
    const rows = read.map((l) => timed(l, asOf, cal));
    // No letter read: the channel exists but how it answers is unknown — never full marks by default.
    const unread = rows.length ? [] : notAssessedReasons(snapshot, channels.links, offsite);
    if (unread.length && home)
      findings.push({
        check: 'not-assessed',
        severity: 'info',
        url: home.url,
        target: offsite[0]?.satellite.entry ?? channels.links[0]?.url ?? home.url,
        message: t({ zh: `未评估留言办理情况：未能读取任何来信（${unread.map((r) => r.zh).join('；')}）`, en: `Letter handling not assessed: no letter could be read (${unread.map((r) => r.en).join('; ')})` }),
        evidence: { notAssessed: true, reasons: unread.map((r) => r.en), channels: channels.links.map((l) => ({ url: l.url, text: l.text })) },
      });
    for (const l of rows) {
      // Years the holiday table does not cover were counted with weekends alone: say so.
      const calendar = l.weekendsOnlyYears.length ? { weekendsOnlyYears: l.weekendsOnlyYears } : {};
      const evidence = { title: l.title, submitted: l.submitted, replied: l.replied, status: l.status, listedOn: l.listedOn };
      if (!l.submitted)
        findings.push({
          check: 'no-submission-date',
          severity: 'minor',
          url: l.listedOn,
          target: l.url,
          message: t({ zh: `来信“${l.title}”未显示来信时间`, en: `Letter "${l.title}" shows no submission date` }),
          evidence,
        });
      if (!l.answered && l.waited !== null && l.waited > o.unansweredDays) {
        const veto = chinese && l.waited <= o.vetoWindowDays;
        findings.push({
          check: 'unanswered',
          severity: veto ? 'critical' : 'serious',
          ...(veto ? { veto: true } : {}),
          url: l.listedOn,
          target: l.url,
          message: t({
            zh: `来信“${l.title}”（${l.submitted}）已 ${l.waited} 天未回复${veto ? '（一年内来信超过3个月未回复，单项否决）' : ''}`,
            en: `Letter "${l.title}" (${l.submitted}) unanswered for ${l.waited} days${veto ? ' (received within the past year: veto)' : ''}`,
          }),
          evidence: { ...evidence, waitedDays: l.waited, limitDays: o.unansweredDays, vetoWindowDays: o.vetoWindowDays },
        });
      } else if (l.waitedWorkingDays !== null && l.waitedWorkingDays > o.replyWorkingDays)
        findings.push({
          check: 'overdue',
          severity: 'serious',
          url: l.listedOn,
          target: l.url,
          message: t({
            zh: `来信“${l.title}”（${l.submitted}）已 ${l.waitedWorkingDays} 个工作日未答复，超过 ${o.replyWorkingDays} 个工作日的答复时限`,
            en: `Letter "${l.title}" (${l.submitted}) unanswered for ${l.waitedWorkingDays} working days, past the ${o.replyWorkingDays}-working-day limit`,
          }),
          evidence: { ...evidence, waitedDays: l.waited, waitedWorkingDays: l.waitedWorkingDays, limit: o.replyWorkingDays, ...calendar },
        });
      if (l.answered && !l.replied)
        findings.push({
          check: 'no-reply-date',
          severity: 'minor',
          url: l.listedOn,
          target: l.url,
          message: t({ zh: `来信“${l.title}”已回复，但未显示回复时间`, en: `Letter "${l.title}" was answered but shows no reply date` }),
          evidence,
        });
      if (l.replyWorkingDays !== null && l.replyWorkingDays > o.replyWorkingDays)
        findings.push({
          check: 'late-reply',
          severity: 'moderate',
          url: l.listedOn,
          target: l.url,
          message: t({
            zh: `来信“${l.title}”在 ${l.replyWorkingDays} 个工作日后才答复（时限 ${o.replyWorkingDays} 个工作日）`,
            en: `Letter "${l.title}" was answered after ${l.replyWorkingDays} working days (limit ${o.replyWorkingDays})`,
          }),
          evidence: { ...evidence, replyDays: l.replyDays, replyWorkingDays: l.replyWorkingDays, limit: o.replyWorkingDays, ...calendar },
        });
    }
    const replyDays = rows.map((l) => l.replyDays).filter((d): d is number => d !== null);
    return {
      findings,
      data: {
        channels: [
          ...new Map<string, string | null>([
            ...channels.columns.map((c): [string, string] => [c.url, c.name]),
            ...channels.pages.map((p): [string, string | null] => [p.url, p.meta.ColumnName ?? p.h1 ?? p.linkText]),
          ]),
        ].map(([url, name]) => ({ url, name })),
        letters: rows.length,
        assessed: rows.length > 0,
        ...(unread.length ? { notAssessed: unread.map((r) => r.en) } : {}),
        offsite: offsite.map((c) => ({
          host: c.satellite.host,
          entry: c.satellite.entry,
          linkedFrom: c.satellite.linkedFrom,
          reachable: c.satellite.reachable,
          pages: c.satellite.pages.length,
          lists: c.columns.map((x) => x.url),
          letters: rows.filter((l) => new URL(l.url).host === c.satellite.host).length,
        })),
        answered: rows.filter((l) => l.answered).length,
        answeredShare: rows.length ? rows.filter((l) => l.answered).length / rows.length : null,
        medianReplyDays: median(replyDays),
        maxReplyDays: replyDays.length ? Math.max(...replyDays) : null,
        replyWorkingDaysLimit: o.replyWorkingDays,
        list: rows.map(({ listedOn: _l, ...l }) => l),
      },
    };
  },
});
