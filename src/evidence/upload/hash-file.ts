import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { HashedUpload } from './hashing-disk-storage.ts';

/**
 * SHA-256 and size of a file already on disk, for uploads that could not be hashed as they
 * streamed: a tus upload arrives in several PATCHes, possibly in several connections.
 *
 *   const file = await hashFile('/tmp/upload.part'); // { path, size, sha256 }
 */
export async function hashFile(path: string): Promise<HashedUpload> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { path, size, sha256: hash.digest('hex') };
}
