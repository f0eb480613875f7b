import './quiet.ts';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readKeyframe, streamFrames, type FrameOptions } from '../../src/evidence/media/frames.ts';
import { keyframeTimes } from '../../src/evidence/media/probe.ts';
import { AbortedError, MediaError } from '../../src/evidence/media/media-error.ts';
import { closeReaders } from '../../src/evidence/media/readers.ts';
import { ensureVideoFixtures } from '../fixtures/video-fixtures.ts';
import { ensureFixtures, tempDir } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
let late: string;
before(async () => {
  fx = await ensureFixtures();
  late = (await ensureVideoFixtures()).lateLabels;
});
after(closeReaders);

const KEYFRAMES: FrameOptions = { sample: 'keyframes', maxSide: 1920 };

/** Each frame as `<w>x<h>:<sha1 of its pixels>`, in order. */
async function fingerprints(path: string, opts: FrameOptions = KEYFRAMES): Promise<string[]> {
  const out: string[] = [];
  for await (const f of streamFrames(path, opts)) {
    assert.equal(f.data.length, f.width * f.height);
    out.push(`${f.width}x${f.height}:${createHash('sha1').update(f.data).digest('hex')}`);
  }
  return out;
}

test('one keyframe read on its own has the pixels the keyframe pass gives it', async () => {
  const pass = await fingerprints(late);
  const times = await keyframeTimes(late);
  for (const i of [0, 7, 14]) {
    const f = await readKeyframe(late, times[i]!, KEYFRAMES.maxSide);
    assert.equal(`${f.width}x${f.height}:${createHash('sha1').update(f.data).digest('hex')}`, pass[i], `keyframe ${i} at ${times[i]} s`);
  }
});

test("the decoder refuses a frame over maxPixels, whatever the file's header claimed", async () => {
  const { overPixels } = await ensureVideoFixtures();
  await assert.rejects(fingerprints(overPixels, { ...KEYFRAMES, maxPixels: 3840 * 2160 }), (e: unknown) => e instanceof MediaError && e.code === 'VIDEO.UNREADABLE' && /max pixel/.test(e.detail ?? e.message));
  // Without the limit the same file decodes (its one keyframe): the limit, not another bound, refused it.
  assert.deepEqual((await fingerprints(overPixels, KEYFRAMES)).map((f) => f.split(':')[0]), ['1920x960']);
});

test('two videos read at once through the one reader thread each get their own frames, in order', async () => {
  const [a, b] = [await fingerprints(late), await fingerprints(fx.noLabel)];
  // 30 s with a keyframe every 2 s; 20 s with a keyframe every 2 s.
  assert.equal(a.length, 15);
  assert.equal(b.length, 10);
  const [a2, b2] = await Promise.all([fingerprints(late), fingerprints(fx.noLabel)]);
  assert.deepEqual(a2, a);
  assert.deepEqual(b2, b);
  assert.equal(new Set(a).size, a.length, 'consecutive keyframes differ (noise is seeded per frame)');
});

test('leaving the loop early stops the stream, and the next stream starts from the beginning', async () => {
  const all = await fingerprints(late);
  const firstTwo: string[] = [];
  for await (const f of streamFrames(late, KEYFRAMES)) {
    firstTwo.push(`${f.width}x${f.height}:${createHash('sha1').update(f.data).digest('hex')}`);
    if (firstTwo.length === 2) break;
  }
  assert.deepEqual(firstTwo, all.slice(0, 2));
  assert.deepEqual(await fingerprints(late, { ...KEYFRAMES, maxFrames: 3 }), all.slice(0, 3));
});

test('an abort during the stream ends it with AbortedError, before any further frame', async () => {
  const ac = new AbortController();
  let seen = 0;
  await assert.rejects(async () => {
    for await (const _frame of streamFrames(late, { ...KEYFRAMES, signal: ac.signal })) {
      seen++;
      ac.abort();
    }
  }, AbortedError);
  assert.equal(seen, 1);
});

test('a file ffmpeg cannot decode is VIDEO.UNREADABLE with what ffmpeg said', async () => {
  const bogus = join(tempDir('frames-'), 'not-a-video.mp4');
  await writeFile(bogus, 'this is not a video\n'.repeat(50));
  await assert.rejects(fingerprints(bogus), (e: unknown) => e instanceof MediaError && e.code === 'VIDEO.UNREADABLE' && e.message.length > 0);
});
