// Page bodies go to disk, not RAM: the crawl keeps only the facts rules read, and a rule that
// needs the markup reads it back by URL.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class BodyStore {
  private ready: Promise<unknown>;

  constructor(readonly dir: string) {
    this.ready = mkdir(dir, { recursive: true });
  }

  static fileFor(url: string): string {
    return createHash('sha1').update(url).digest('hex').slice(0, 20) + '.html';
  }

  async put(url: string, html: string): Promise<string> {
    await this.ready;
    const file = BodyStore.fileFor(url);
    await writeFile(join(this.dir, file), html);
    return file;
  }

  async get(file: string | undefined): Promise<string | null> {
    if (!file) return null;
    return readFile(join(this.dir, file), 'utf8').catch(() => null);
  }
}
