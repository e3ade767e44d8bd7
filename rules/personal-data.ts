// Personal data published on the site: resident ID numbers (checksum and birth date), mobile
// numbers and bank card numbers (Luhn), in page text and tables. Subsidy and relief lists
// (低保, 补贴 公示) are where they leak. Mobiles published on purpose (监督/举报/咨询电话, a
// directory page) are an office's lines: reported as info, never as a leak. Evidence holds
// counts and masked samples only: a report must never repeat the number it warns about.
import { defineRule, type RuleFinding } from '../src/rules/types.js';
import type { Severity, Text } from '../src/model/types.js';
import { countByKind, findPersonalData, scanHtml, type PiiKind, type PiiMatch } from '../src/analysis/pii.js';
import { attachmentKind, extractAttachment } from '../src/analysis/attachment-text.js';
import { sameSite } from '../src/crawl/url.js';

interface Options {
  /** Identity numbers (ID + bank card) on one page from which the leak is critical. */
  criticalAt: number;
  /** Mobile numbers on one page that make a list of people (a lone number may be a published work phone). */
  mobileListAt: number;
  /** HTML pages scanned at most (bodies are read from disk one at a time). */
  maxPages: number;
  /** Same-site attachments (PDF, DOCX, XLSX, CSV, TXT) downloaded and read at most; 0 turns it off. */
  maxAttachments: number;
}
const DEFAULTS: Options = { criticalAt: 10, mobileListAt: 3, maxPages: 5000, maxAttachments: 50 };

const LABEL: Record<PiiKind, { zh: string; en: string }> = {
  'id-number': { zh: '身份证号码', en: 'resident ID numbers' },
  mobile: { zh: '手机号码', en: 'mobile numbers' },
  'bank-card': { zh: '银行卡号', en: 'bank card numbers' },
};

/** Severity grows with what can identify and harm a person, and with how many. */
export function leakSeverity(n: Record<PiiKind, number>, o: Options = DEFAULTS): Severity | null {
  const identity = n['id-number'] + n['bank-card'];
  if (identity >= o.criticalAt) return 'critical';
  if (identity > 0 || n.mobile >= o.criticalAt) return 'serious';
  if (n.mobile >= o.mobileListAt) return 'moderate';
  return n.mobile > 0 ? 'minor' : null;
}

export default defineRule({
  id: 'personal-data',
  category: 'security',
  title: { zh: '个人信息泄露', en: 'Personal data leaks' },
  description: {
    zh: '在页面正文、表格以及本站附件（PDF、DOCX、XLSX、CSV、TXT）中查找未脱敏的居民身份证号码（校验码与出生日期）、手机号码和银行卡号（Luhn 校验），按页面或附件统计数量并给出脱敏样例；已脱敏（****）的号码不计。标明为监督、举报、投诉、咨询电话或服务热线的手机号码，以及通讯录、监督电话等名录页面上的手机号码（页面无身份证号、银行卡号时）视为有意公开，仅作提示。',
    en: 'Finds unmasked resident ID numbers (check digit and birth date), mobile numbers and bank card numbers (Luhn) in page text and tables and in the site\'s attachments (PDF, DOCX, XLSX, CSV, TXT), counted per page or attachment with masked samples; masked numbers (****) do not count. Mobiles labelled as supervision, complaint or enquiry lines or hotlines, and mobiles on a directory page (通讯录, 监督电话 …, with no ID or card number on it), count as published on purpose: info only.',
  },
  severity: 'serious',
  standards: ['《个人信息保护法》第二十八条 敏感个人信息', '国办秘函〔2019〕19号 严重错误 · 泄露敏感信息', 'GB 11643-1999 公民身份号码'],
  async run({ snapshot, options, t, asOf, probe }) {
    const o = { ...DEFAULTS, ...(options as Partial<Options>) };
    const findings: RuleFinding[] = [];
    const scanned = snapshot.pages.filter((p) => p.html && p.bodyFile && (p.status ?? 0) < 400).slice(0, o.maxPages);
    const totals: Record<PiiKind, number> = { 'id-number': 0, mobile: 0, 'bank-card': 0 };
    let publishedContacts = 0;
    // Counts, severity and the shared evidence of one page's or attachment's leaks; null when nothing to report.
    const assess = (all: PiiMatch[]) => {
      const matches = all.filter((m) => !m.published);
      const n = countByKind(matches);
      const severity = leakSeverity(n, o);
      if (!severity) return null;
      for (const k of Object.keys(totals) as PiiKind[]) totals[k] += n[k];
      return { n, severity, evidence: { counts: n, samples: samples(matches), context: contexts(matches) } };
    };
    const published = (all: PiiMatch[], where: Where, extra: Record<string, unknown>) => {
      const lines = all.filter((m) => m.published);
      publishedContacts += lines.length;
      const f = publishedContact(lines, where, t, extra);
      if (f) findings.push(f);
    };
    for (const p of scanned) {
      const html = await snapshot.readBody(p.url);
      if (!html) continue;
      // A huge page (up to the body cap) is scanned as text: a DOM of it would cost hundreds of MB.
      const matches = html.length > BIG_PAGE ? findPersonalData(stripTags(html.slice(0, BIG_PAGE)), { asOf }) : scanHtml(html, { asOf });
      published(matches, { url: p.url, target: p.url }, { title: p.title });
      const leak = assess(matches);
      if (!leak) continue;
      const { n, severity } = leak;
      findings.push({
        check: 'leak',
        severity,
        url: p.url,
        target: p.url,
        message: t({
          zh: `页面公开了未脱敏的个人信息：${describe(n, 'zh')}`,
          en: `Page publishes unmasked personal data: ${describe(n, 'en')}`,
        }),
        evidence: { ...leak.evidence, title: p.title },
      });
    }

    // Attachments: the notice may be masked while the spreadsheet behind it is not.
    const attachments = new Map<string, { page: string; text: string }>();
    for (const p of snapshot.pages)
      for (const l of p.links)
        if (l.tag === 'a' && attachmentKind(l.url) && sameSite(l.url, new URL(snapshot.origin).host) && !attachments.has(l.url)) attachments.set(l.url, { page: p.url, text: l.text });
    const unread: { url: string; reason: string }[] = [];
    let read = 0;
    for (const [url, { page, text }] of [...attachments].slice(0, o.maxAttachments)) {
      const kind = attachmentKind(url)!;
      let matches: PiiMatch[];
      try {
        const res = await probe.download(url);
        if (res.status >= 400) continue; // broken downloads are the links rule's
        if (res.truncated) throw new Error('larger than the body cap');
        const content = await extractAttachment(res.body, kind);
        // The link text and file name title the document, as <title> does a page (…监督电话一览表.xlsx).
        matches = 'html' in content ? scanHtml(content.html, { asOf, title: `${text} ${fileName(url)}` }) : findPersonalData(content.text, { asOf });
        read++;
      } catch (e) {
        unread.push({ url, reason: (e as Error).message.split('\n')[0] });
        continue;
      }
      published(matches, { url: page, target: url, kind }, { linkedFrom: page });
      const leak = assess(matches);
      if (!leak) continue;
      const { n, severity } = leak;
      findings.push({
        check: 'attachment-leak',
        severity,
        url: page,
        target: url,
        message: t({ zh: `附件（${kind.toUpperCase()}）公开了未脱敏的个人信息：${describe(n, 'zh')}`, en: `Attachment (${kind.toUpperCase()}) publishes unmasked personal data: ${describe(n, 'en')}` }),
        evidence: { kind, ...leak.evidence, linkedFrom: page },
      });
    }
    const data = {
      pagesScanned: scanned.length,
      attachmentsRead: read,
      attachmentsSkipped: Math.max(0, attachments.size - o.maxAttachments),
      unreadAttachments: unread,
      pagesWithLeaks: findings.filter((f) => f.check === 'leak').length,
      attachmentsWithLeaks: findings.filter((f) => f.check === 'attachment-leak').length,
      totals,
      publishedContacts,
    };
    return { findings, data: { personalData: data } };
  },
});

const BIG_PAGE = 2_000_000;
const stripTags = (html: string) => html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ');

function describe(n: Record<PiiKind, number>, lang: 'zh' | 'en'): string {
  const parts = (Object.keys(n) as PiiKind[]).filter((k) => n[k] > 0).map((k) => (lang === 'zh' ? `${LABEL[k].zh} ${n[k]} 个` : `${n[k]} ${LABEL[k].en}`));
  return parts.join(lang === 'zh' ? '、' : ', ');
}

type Where = { url: string; target: string; kind?: string };

/** Lines published on purpose: one info finding with how many, so a reader sees they were weighed and excused. */
function publishedContact(lines: PiiMatch[], { url, target, kind }: Where, t: (x: Text) => string, extra: Record<string, unknown>): RuleFinding | null {
  if (!lines.length) return null;
  const doc = kind ? { zh: `附件（${kind.toUpperCase()}）`, en: `Attachment (${kind.toUpperCase()})` } : { zh: '页面', en: 'Page' };
  return {
    check: 'published-contact',
    severity: 'info',
    url,
    target,
    message: t({
      zh: `${doc.zh}上的 ${lines.length} 个手机号码是公开的监督、举报、咨询电话或通讯录号码，看来是有意公开的，未计为泄露`,
      en: `${doc.en} lists ${lines.length} mobile numbers as supervision, complaint or enquiry lines or in a directory: they look published on purpose and are not counted as a leak`,
    }),
    evidence: { ...(kind ? { kind } : {}), count: lines.length, samples: samples(lines).mobile ?? [], context: contexts(lines), ...extra },
  };
}

const contexts = (matches: PiiMatch[]) => [...new Set(matches.map((m) => m.context))].slice(0, 5);

function fileName(url: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Up to three masked examples per kind: enough to find the table, never the numbers themselves. */
function samples(matches: PiiMatch[]): Partial<Record<PiiKind, string[]>> {
  const out: Partial<Record<PiiKind, string[]>> = {};
  for (const m of matches) {
    const list = (out[m.kind] ??= []);
    if (list.length < 3 && !list.includes(m.masked)) list.push(m.masked);
  }
  return out;
}
