import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LocalFolderStorage } from '../../src/storage/local-folder.storage.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const object = (root: string, s: string) => join(root, 'objects', sha(s).slice(0, 2), sha(s));

test('put stores by content address; open streams the whole object or a byte range; delete removes it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'storage-'));
  try {
    const storage = new LocalFolderStorage(root);
    await storage.prepare(async () => false);
    const tmp = join(storage.tempDir, 'upload.part');
    writeFileSync(tmp, 'hello evidence');
    await storage.put(tmp, sha('hello evidence'));
    assert.equal(existsSync(tmp), false);
    assert.equal(await storage.size(sha('hello evidence')), 14);
    assert.equal(await text(storage.open(sha('hello evidence'))), 'hello evidence');
    assert.equal(await text(storage.open(sha('hello evidence'), { start: 6, end: 13 })), 'evidence');
    await storage.delete(sha('hello evidence'));
    assert.equal(await storage.exists(sha('hello evidence')), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('start-up removes only what is old: stale temp files and unreferenced objects, never a live upload or a referenced file', async () => {
  const root = mkdtempSync(join(tmpdir(), 'storage-'));
  try {
    const hoursAgo = (p: string, h: number) => utimesSync(p, new Date(Date.now() - h * 3_600_000), new Date(Date.now() - h * 3_600_000));
    const other = join(root, 'tmp', 'other-process');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'live.part'), 'in flight');
    writeFileSync(join(other, 'crashed.part'), 'left behind');
    hoursAgo(join(other, 'crashed.part'), 2);
    for (const s of ['orphan', 'referenced', 'fresh orphan']) {
      mkdirSync(join(object(root, s), '..'), { recursive: true });
      writeFileSync(object(root, s), s);
      if (s !== 'fresh orphan') hoursAgo(object(root, s), 2);
    }
    const storage = new LocalFolderStorage(root);
    const removed = await storage.prepare(async (h) => h === sha('referenced'));
    assert.deepEqual(removed, { tempRemoved: 1, orphansRemoved: 1 });
    assert.equal(existsSync(join(other, 'live.part')), true, "another process's upload in flight stays");
    assert.equal(existsSync(object(root, 'referenced')), true);
    assert.equal(existsSync(object(root, 'fresh orphan')), true, 'a file whose registration may still be under way stays');
    assert.equal(existsSync(object(root, 'orphan')), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
