// Body decoding for Chinese portals: GBK/GB2312/GB18030/Big5 pages are common and often
// mislabelled, so declarations are checked against the bytes before being trusted.
import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';

export interface Decoded {
  text: string;
  /** Encoding used to decode, lowercase. */
  charset: string;
  /** Where the charset came from: bom, header, meta, xml, sniffed, or a correction note. */
  source: string;
}

/** Labels browsers treat as one encoding; GB18030 is a superset of GBK and GB2312. */
const ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'gb_2312-80': 'gb18030',
  'iso-ir-58': 'gb18030',
  chinese: 'gb18030',
  gb18030: 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  'x-x-big5': 'big5',
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  // Browsers decode latin1 labels as windows-1252.
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
};

export function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  const c = ALIASES[l] ?? l;
  return iconv.encodingExists(c) ? c : null;
}

export function charsetFromContentType(ct: string | null | undefined): string | null {
  const m = ct ? /charset\s*=\s*["']?([^;"'\s]+)/i.exec(ct) : null;
  return m ? m[1] : null;
}

/** The HTML spec's prescan reads 1024 bytes; legacy CMS pages put long comments first. */
const PRESCAN_BYTES = 4096;

function charsetFromMarkup(buf: Buffer): { label: string; source: string } | null {
  const head = buf.subarray(0, PRESCAN_BYTES).toString('latin1');
  const xml = /^<\?xml[^>]*encoding\s*=\s*["']([^"']+)/i.exec(head);
  if (xml) return { label: xml[1], source: 'xml' };
  const re = /<meta\b[^>]*>/gi;
  for (let m = re.exec(head); m; m = re.exec(head)) {
    const tag = m[0];
    const direct = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct) return { label: direct[1], source: 'meta' };
  }
  return null;
}

// Validation without decoding: the text is decoded once, below.
const isStrictUtf8 = (buf: Buffer) => isUtf8(buf);

const hasNonAscii = (buf: Buffer) => buf.some((b) => b > 0x7f);

/**
 * Decode an HTML body. Order: BOM, Content-Type header, `<meta charset>` / `http-equiv`,
 * XML declaration, then sniffing (strict UTF-8, else GB18030, the usual legacy encoding of
 * Chinese portals). A declaration the bytes contradict is corrected and the source says so.
 */
export function decodeHtml(buf: Buffer, contentType?: string | null): Decoded {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { text: buf.subarray(3).toString('utf8'), charset: 'utf-8', source: 'bom' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), charset: 'utf-16le', source: 'bom' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), charset: 'utf-16be', source: 'bom' };

  const fromHeader = canonicalCharset(charsetFromContentType(contentType));
  const markup = fromHeader ? null : charsetFromMarkup(buf);
  const declared = fromHeader ?? canonicalCharset(markup?.label);
  const source = fromHeader ? 'header' : (markup?.source ?? 'sniffed');

  if (!declared) {
    if (isStrictUtf8(buf)) return { text: buf.toString('utf8'), charset: 'utf-8', source: 'sniffed' };
    return { text: iconv.decode(buf, 'gb18030'), charset: 'gb18030', source: 'sniffed' };
  }
  if (declared === 'utf-8' && !isStrictUtf8(buf)) {
    const text = iconv.decode(buf, 'gb18030');
    if (!text.includes('\ufffd')) return { text, charset: 'gb18030', source: `sniffed (declared utf-8 in ${source})` };
  }
  if (declared !== 'utf-8' && hasNonAscii(buf) && isStrictUtf8(buf)) {
    return { text: buf.toString('utf8'), charset: 'utf-8', source: `sniffed (declared ${declared} in ${source})` };
  }
  // Valid UTF-8 (checked above) needs no iconv.
  if (declared === 'utf-8') return { text: buf.toString('utf8'), charset: declared, source };
  return { text: iconv.decode(buf, declared), charset: declared, source };
}
