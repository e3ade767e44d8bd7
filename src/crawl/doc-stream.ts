// Link-level facts straight from htmlparser2's token stream, with no tree: a links-only crawl
// spends most of its time building trees it then throws away. A stack of open elements stands
// in for the ancestors, and it is the stack htmlparser2's own tree builder keeps (same open and
// close events, implied ends included), so the facts equal those read off its tree
// (test/doc-stream.test.ts checks every fixture page).
import { Parser } from 'htmlparser2';
import type { Region } from '../model/types.js';
import { collapse, isAppRoot, ownRegion, regionWithin, SKIP_TEXT, type Attribs, type DocAnchor, type DocElement, type DocFacts } from './doc-facts.js';

interface Frame {
  name: string;
  region: Region;
  /** Region its children are in. */
  inner: Region;
  /** Has a <ul>/<ol> child. */
  list: boolean;
  /** Collects its text: anchors and titles. */
  text?: string[];
  anchor?: DocAnchor;
  /** alt of the first <img alt> inside this anchor, once seen. */
  alt?: { value: string };
  /** Title: whether its parent is <head>. */
  titleInHead?: boolean;
}

const SOURCES = new Set(['img', 'iframe', 'frame', 'embed', 'script', 'source']);

export function streamFacts(html: string): DocFacts {
  const root: Frame = { name: '', region: 'main', inner: 'main', list: false };
  const stack: Frame[] = [root];
  const facts: DocFacts = {
    anchors: [],
    sources: [],
    linkTags: [],
    metas: [],
    baseHref: undefined,
    htmlLang: undefined,
    title: null,
    bodyText: null,
    docText: () => collapse(docParts.join('')),
    appRoot: () => appRoot,
  };
  let htmlSeen = false;
  let appRoot = false;
  const docParts: string[] = [];
  let bodyParts: string[] | null = null;
  let body: Frame | null = null;
  /** Open script, style, noscript and template elements: their text is not page text. */
  let skipping = 0;
  let skippingAtBody = 0;
  /** Open anchors and titles, whose text is collected. */
  const collecting: Frame[] = [];
  const titles: { text: string[]; inHead: boolean }[] = [];

  const parser = new Parser({
    onopentag(name: string, attribs: Attribs) {
      const parent = stack[stack.length - 1];
      const el: DocElement = { name, attribs, region: parent.inner };
      const frame: Frame = { name, region: parent.inner, inner: regionWithin(ownRegion(name, attribs), parent.inner), list: false };
      if (name === 'ul' || name === 'ol') parent.list = true;
      if (isAppRoot(attribs)) appRoot = true;
      if (name === 'a' || name === 'area') {
        const anchor: DocAnchor = { ...el, text: '', imgAlt: () => frame.alt?.value, togglesList: () => parent.name === 'li' && parent.list };
        frame.anchor = anchor;
        frame.text = [];
        facts.anchors.push(anchor);
        collecting.push(frame);
      } else if (name === 'img' && attribs.alt !== undefined) {
        // The first <img alt> inside an open anchor is its fallback text.
        for (const f of collecting) if (f.anchor && !f.alt) f.alt = { value: attribs.alt };
      } else if (name === 'title') {
        frame.text = [];
        titles.push({ text: frame.text, inHead: parent.name === 'head' });
        collecting.push(frame);
      }
      if (SOURCES.has(name) && attribs.src !== undefined) facts.sources.push(el);
      else if (name === 'link') facts.linkTags.push(el);
      else if (name === 'meta') facts.metas.push(el);
      else if (name === 'base' && attribs.href && facts.baseHref === undefined) facts.baseHref = attribs.href;
      else if (name === 'html' && !htmlSeen) {
        htmlSeen = true;
        facts.htmlLang = attribs.lang;
      } else if (name === 'body' && !body) {
        body = frame;
        bodyParts = [];
        skippingAtBody = skipping;
      }
      if (SKIP_TEXT.has(name)) skipping++;
      stack.push(frame);
    },
    ontext(text: string) {
      for (const f of collecting) f.text!.push(text);
      if (skipping === 0) docParts.push(text);
      if (bodyParts && body && skipping === skippingAtBody) bodyParts.push(text);
    },
    onclosetag() {
      const frame = stack.pop()!;
      if (SKIP_TEXT.has(frame.name)) skipping--;
      if (frame.text) {
        collecting.splice(collecting.indexOf(frame), 1);
        if (frame.anchor) frame.anchor.text = frame.text.join('');
      }
      if (frame === body) {
        facts.bodyText = collapse(bodyParts!.join(''));
        bodyParts = null;
      }
    },
  });
  parser.end(html);
  const title = titles.find((t) => t.inHead) ?? titles[0];
  facts.title = (title && collapse(title.text.join(''))) || null;
  return facts;
}
