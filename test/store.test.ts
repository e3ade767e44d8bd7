// The body store batches its writes: a body must read back before and after its batch is written,
// and a reopened store (what --resume does) must read what the closed one wrote.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BodyStore } from '../src/model/store.js';
import { tempDir } from './helpers/cli.js';

it('reads bodies back whether or not their batch was written, and after reopening', async () => {
  const dir = join(tempDir(), 'bodies');
  const store = new BodyStore(dir);
  const bodies = Array.from({ length: 300 }, (_, i) => `<p>页面 ${i} ${'x'.repeat(i * 37)}</p>`);
  const refs = [];
  for (const [i, b] of bodies.entries()) refs.push(await store.put(`http://a.cn/${i}.html`, b));
  // Still buffered (well under the batch size), yet readable.
  expect(await store.get(refs[299])).toBe(bodies[299]);
  expect(await store.get(refs[0])).toBe(bodies[0]);
  const more = await store.put('http://a.cn/late.html', '<p>后来的</p>');
  store.close();
  const reopened = new BodyStore(dir);
  for (const i of [0, 150, 299]) expect(await reopened.get(refs[i])).toBe(bodies[i]);
  expect(await reopened.get(more)).toBe('<p>后来的</p>');
  expect(await reopened.get('999999999+10')).toBeNull();
  const index = readFileSync(join(dir, 'index.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(index).toHaveLength(301);
  expect(index[1]).toEqual({ url: 'http://a.cn/1.html', at: Buffer.byteLength(bodies[0]), bytes: Buffer.byteLength(bodies[1]) });
  reopened.close();
});
