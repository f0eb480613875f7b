/**
 * Where evidence files live, by content address (SHA-256). The local folder is the default
 * adapter; an S3-compatible one implements the same port (its `localPath` downloads to a
 * cache, since ffmpeg and the check workers read files by path).
 */
import type { Readable } from 'node:stream';

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export interface EvidenceStorage {
  /** This process's own folder for uploads in flight (never touched by another process). */
  readonly tempDir: string;
  /** Prepares folders and removes what crashed processes left: temp files and unreferenced objects older than `maxAgeMs`. */
  prepare(isReferenced: (sha256: string) => Promise<boolean>, maxAgeMs?: number): Promise<{ tempRemoved: number; orphansRemoved: number }>;
  /**
   * Removes temp files and unreferenced objects last written more than `maxAgeMs` ago: the
   * retention sweep. Ages are wall-clock file times (not the service's injectable clock), so
   * a file written a moment ago is never taken, whatever time the service is told it is.
   */
  removeStale(isReferenced: (sha256: string) => Promise<boolean>, maxAgeMs: number): Promise<{ tempRemoved: number; orphansRemoved: number }>;
  /** Moves a finished temp file to its content address (the same bytes twice are one object). */
  put(tempPath: string, sha256: string): Promise<void>;
  exists(sha256: string): Promise<boolean>;
  size(sha256: string): Promise<number>;
  /** Streams the object, or the inclusive byte range of it. */
  open(sha256: string, range?: ByteRange): Readable;
  /** A path a worker thread or ffmpeg can read. */
  localPath(sha256: string): Promise<string>;
  delete(sha256: string): Promise<void>;
}
