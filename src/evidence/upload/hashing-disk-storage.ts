import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { DomainError } from '../../domain/errors.ts';

/** What the storage engine leaves on `req.file` beside multer's own fields. */
export interface HashedUpload {
  path: string;
  size: number;
  sha256: string;
}

/**
 * multer disk storage that hashes (SHA-256) and counts bytes while it streams into a temp
 * file, and stops the upload as soon as it passes `limitFor(req)` bytes — so a 2 GB upload
 * to a 25 MB kind costs 25 MB of disk, not 2 GB. `limitFor` runs when the file part starts
 * and may refuse it (throw) before anything is written: the kind must come first. A failed,
 * interrupted or cut-off upload deletes its temp file; nothing is registered until the
 * caller moves the file to its address.
 */
export function hashingDiskStorage(tmpDir: () => string, limitFor: (req: Request) => number): StorageEngine {
  return {
    _handleFile(req, file, cb) {
      let limit: number;
      try {
        limit = limitFor(req);
      } catch (err) {
        file.stream.resume();
        return cb(err instanceof Error ? err : new Error(String(err)));
      }
      const path = join(tmpDir(), `${randomUUID()}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, next) {
          size += chunk.length;
          if (size > limit) return next(new DomainError('EVIDENCE.TOO_LARGE', `The file is larger than the ${limit} bytes allowed for this kind.`, { limit }));
          hash.update(chunk);
          next(null, chunk);
        },
      });
      // A connection that closes mid-file (client gone, idle or total timeout) never ends the
      // part's stream; fail the write so the temp file goes at once.
      const cutOff = () => {
        if (!req.complete) meter.destroy(new Error('the upload was interrupted'));
      };
      req.once('close', cutOff);
      pipeline(file.stream, meter, createWriteStream(path, { flags: 'wx' }))
        .finally(() => req.off('close', cutOff))
        .then(
          // multer copies these onto req.file; sha256 rides along (its File type does not know it).
          () => cb(null, { path, size, sha256: hash.digest('hex') } as HashedUpload as Partial<Express.Multer.File>),
          (err: unknown) => {
            file.stream.resume(); // drain the rest so busboy can finish the request
            unlink(path).catch(() => {}).finally(() => cb(err instanceof Error ? err : new Error(String(err))));
          },
        );
    },
    _removeFile(_req, file, cb) {
      unlink(file.path).then(() => cb(null), () => cb(null));
    },
  };
}
