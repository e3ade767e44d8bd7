// Page bodies go to disk, not RAM: the crawl keeps only the facts rules read, and a rule that
// needs the markup reads it back. One append-only pack file (plus a URL index for --keep-bodies
// readers) rather than a file per page: opening, writing and closing a thousand small files cost
// more than parsing them. A body's reference is "<offset>+<bytes>" in the pack.
import { closeSync, fstatSync, mkdirSync, openSync, read, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const pread = promisify(read);

export class BodyStore {
  private pack: number | null = null;
  private index: number | null = null;
  private size = 0;

  constructor(readonly dir: string) {}

  /** Opened on first use, appending: a resumed crawl's earlier references stay valid. */
  private open(): number {
    if (this.pack === null) {
      mkdirSync(this.dir, { recursive: true });
      this.pack = openSync(join(this.dir, 'bodies.pack'), 'a+');
      this.size = fstatSync(this.pack).size;
      this.index = openSync(join(this.dir, 'index.jsonl'), 'a');
    }
    return this.pack;
  }

  async put(url: string, html: string): Promise<string> {
    const fd = this.open();
    const buf = Buffer.from(html, 'utf8');
    const at = this.size;
    writeSync(fd, buf);
    this.size += buf.length;
    writeSync(this.index!, JSON.stringify({ url, at, bytes: buf.length }) + '\n');
    return `${at}+${buf.length}`;
  }

  async get(ref: string | undefined): Promise<string | null> {
    if (!ref) return null;
    const m = /^(\d+)\+(\d+)$/.exec(ref);
    // A checkpoint written before the pack file named one file per page.
    if (!m) return readFile(join(this.dir, ref), 'utf8').catch(() => null);
    const [at, bytes] = [Number(m[1]), Number(m[2])];
    const fd = this.open();
    if (at + bytes > this.size) return null;
    const buf = Buffer.allocUnsafe(bytes);
    const { bytesRead } = await pread(fd, buf, 0, bytes, at);
    return bytesRead === bytes ? buf.toString('utf8') : null;
  }

  close(): void {
    for (const fd of [this.pack, this.index]) if (fd !== null) closeSync(fd);
    this.pack = this.index = null;
  }
}
