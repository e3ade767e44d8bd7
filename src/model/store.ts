// Page bodies go to disk, not RAM: the crawl keeps only the facts rules read, and a rule that
// needs the markup reads it back. One append-only pack file (plus a URL index for --keep-bodies
// readers) rather than a file per page: opening, writing and closing a thousand small files cost
// more than parsing them. A body's reference is "<offset>+<bytes>" in the pack.
import { closeSync, fstatSync, mkdirSync, openSync, read, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const pread = promisify(read);

/** Bodies are written in batches of about this many bytes: one write(2) per page cost ~3 % of a links-only crawl. */
const BATCH_BYTES = 1 << 20;

export class BodyStore {
  private pack: number | null = null;
  private index: number | null = null;
  /** Bytes in the pack, counting those still buffered. */
  private size = 0;
  private flushed = 0;
  private pending: Buffer[] = [];
  private pendingIndex: string[] = [];

  constructor(readonly dir: string) {}

  /** Opened on first use, appending: a resumed crawl's earlier references stay valid. */
  private open(): number {
    if (this.pack === null) {
      mkdirSync(this.dir, { recursive: true });
      this.pack = openSync(join(this.dir, 'bodies.pack'), 'a+');
      this.size = this.flushed = fstatSync(this.pack).size;
      this.index = openSync(join(this.dir, 'index.jsonl'), 'a');
    }
    return this.pack;
  }

  async put(url: string, html: string): Promise<string> {
    this.open();
    const buf = Buffer.from(html, 'utf8');
    const at = this.size;
    this.pending.push(buf);
    this.size += buf.length;
    this.pendingIndex.push(JSON.stringify({ url, at, bytes: buf.length }) + '\n');
    if (this.size - this.flushed >= BATCH_BYTES) this.flush();
    return `${at}+${buf.length}`;
  }

  /** Write what is buffered. Callers that record references elsewhere (the checkpoint) flush first. */
  flush(): void {
    if (!this.pending.length || this.pack === null) return;
    writeSync(this.pack, Buffer.concat(this.pending));
    writeSync(this.index!, this.pendingIndex.join(''));
    this.flushed = this.size;
    this.pending = [];
    this.pendingIndex = [];
  }

  async get(ref: string | undefined): Promise<string | null> {
    if (!ref) return null;
    const m = /^(\d+)\+(\d+)$/.exec(ref);
    // A checkpoint written before the pack file named one file per page.
    if (!m) return readFile(join(this.dir, ref), 'utf8').catch(() => null);
    const [at, bytes] = [Number(m[1]), Number(m[2])];
    const fd = this.open();
    if (at + bytes > this.size) return null;
    if (at + bytes > this.flushed) this.flush();
    const buf = Buffer.allocUnsafe(bytes);
    const { bytesRead } = await pread(fd, buf, 0, bytes, at);
    return bytesRead === bytes ? buf.toString('utf8') : null;
  }

  close(): void {
    this.flush();
    for (const fd of [this.pack, this.index]) if (fd !== null) closeSync(fd);
    this.pack = this.index = null;
  }
}
