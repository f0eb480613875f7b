import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { ByteRange, EvidenceStorage } from './evidence-storage.port.ts';

const SHA256 = /^[0-9a-f]{64}$/;
/** Temp files and unreferenced objects this old belong to no live upload (the longest upload we allow takes minutes). */
const DEFAULT_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Evidence files in a local folder: `objects/ab/<sha256>`, uploads in flight in
 * `tmp/<process>/`. Start-up cleans by age only, so it never deletes what another live
 * process is writing.
 *
 *   const storage = new LocalFolderStorage('uploads');
 *   await storage.put(tmpFile, sha256); storage.open(sha256, { start: 0, end: 99 }).pipe(res);
 */
export class LocalFolderStorage implements EvidenceStorage {
  readonly tempDir: string;

  constructor(readonly root: string) {
    this.tempDir = join(root, 'tmp', `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`);
  }

  private path(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.root, 'objects', sha256.slice(0, 2), sha256);
  }

  async prepare(isReferenced: (sha256: string) => Promise<boolean>, maxAgeMs = DEFAULT_MAX_AGE_MS) {
    await mkdir(this.tempDir, { recursive: true });
    await mkdir(join(this.root, 'objects'), { recursive: true });
    return this.removeStale(isReferenced, maxAgeMs);
  }

  async removeStale(isReferenced: (sha256: string) => Promise<boolean>, maxAgeMs: number) {
    const cutoff = Date.now() - maxAgeMs;
    const old = async (p: string) => ((await stat(p).catch(() => undefined))?.mtimeMs ?? Infinity) < cutoff;
    let tempRemoved = 0;
    let orphansRemoved = 0;
    for (const e of await readdir(join(this.root, 'tmp'), { recursive: true, withFileTypes: true })) {
      const p = join(e.parentPath, e.name);
      if (e.isFile() && (await old(p))) {
        await unlink(p).catch(() => {});
        tempRemoved++;
      }
    }
    for (const e of await readdir(join(this.root, 'objects'), { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !SHA256.test(e.name)) continue;
      const p = join(e.parentPath, e.name);
      if ((await old(p)) && !(await isReferenced(e.name))) {
        await unlink(p).catch(() => {});
        orphansRemoved++;
      }
    }
    return { tempRemoved, orphansRemoved };
  }

  async put(tempPath: string, sha256: string): Promise<void> {
    const target = this.path(sha256);
    await mkdir(join(target, '..'), { recursive: true });
    await rename(tempPath, target); // same content, same address: a re-upload replaces identical bytes
  }

  async exists(sha256: string): Promise<boolean> {
    return stat(this.path(sha256)).then(() => true, () => false);
  }

  async size(sha256: string): Promise<number> {
    return (await stat(this.path(sha256))).size;
  }

  open(sha256: string, range?: ByteRange): Readable {
    return createReadStream(this.path(sha256), range ? { start: range.start, end: range.end } : {});
  }

  async localPath(sha256: string): Promise<string> {
    return this.path(sha256);
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.path(sha256), { force: true });
  }
}
