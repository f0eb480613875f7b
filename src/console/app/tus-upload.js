// One resumable upload with tus 1.0 to /api/uploads (tus-js-client's UMD build, see
// src/console/vendor-modules.ts). The file is sent in chunks; each chunk the server confirms is
// a checkpoint, so a dropped connection costs at most one chunk: tus-js-client asks the server
// for its offset (HEAD) and continues from there. The upload's URL is remembered under a
// fingerprint of (dispute, kind, file), so after a reload the same file picked again resumes.
import 'tus-js-client';
import { authHeaders } from './bearer.js';

const { Upload } = globalThis.tus;

const KiB = 1024;
const MiB = 1024 * KiB;
/**
 * A sixteenth of the file, between 256 KiB and 32 MiB: a 20 s phone video (~30 MB) goes in
 * 16 requests of ~2 MB, a 2 GB one in 63 of 32 MiB, a 1 MB one in 4 of 256 KiB.
 */
export function chunkSizeFor(bytes) {
  return Math.min(32 * MiB, Math.max(256 * KiB, Math.ceil(bytes / 16)));
}

/** Waits before retrying after a failed request (ms); five tries, then the error shows. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000];

/** Retry what a retry can fix: no answer at all, a conflict over the offset, a lock, a server error. */
function retryable(err) {
  const status = err.originalResponse ? err.originalResponse.getStatus() : 0;
  return status === 0 || status === 409 || status === 423 || status === 429 || status >= 500;
}

/** What went wrong, in the API's words (its problem+json `detail`) when it answered. */
export function uploadErrorText(err) {
  const res = err.originalResponse;
  if (!res) return `The connection to the service was lost (${err.message.split('\n')[0]}).`;
  try {
    const problem = JSON.parse(res.getBody());
    if (problem.detail) return problem.detail;
  } catch {
    /* not problem+json */
  }
  return `The upload was refused (HTTP ${res.getStatus()}).`;
}

/** `/api/evidence/evd_…` → `evd_…` (the finishing PATCH's Location), or null. */
function evidenceIdOf(location) {
  const m = /\/api\/evidence\/(evd_[0-9a-f]+)/.exec(location || '');
  return m ? m[1] : null;
}

/**
 * Starts (or resumes) uploading `file` with `metadata` ({ disputeId, kind, filename, … }).
 * `on`: progress(sent, total), interrupted(), resumedAt(offset), done(evidenceId|null), failed(text).
 * Returns a function that stops the upload (what was sent stays on the server for a resume).
 */
export function startUpload(file, metadata, on) {
  const upload = new Upload(file, {
    endpoint: '/api/uploads',
    metadata,
    chunkSize: chunkSizeFor(file.size),
    retryDelays: RETRY_DELAYS,
    removeFingerprintOnSuccess: true,
    fingerprint: (f) => Promise.resolve(['dispute-console', metadata.disputeId, metadata.kind, f.name, f.size, f.lastModified].join('|')),
    // The token is read per request: an embed's short-lived token may be renewed meanwhile.
    onBeforeRequest: (req) => {
      for (const [name, value] of Object.entries(authHeaders())) req.setHeader(name, value);
    },
    onShouldRetry: (err) => {
      const again = retryable(err);
      if (again) on.interrupted();
      return again;
    },
    // A HEAD asks the server how much it has: the offset the upload continues from.
    onAfterResponse: (req, res) => {
      if (req.getMethod() === 'HEAD' && res.getStatus() < 300) on.resumedAt(Number(res.getHeader('Upload-Offset')));
    },
    onProgress: (sent, total) => on.progress(sent, total),
    onSuccess: ({ lastResponse }) => on.done(evidenceIdOf(lastResponse.getHeader('Location'))),
    onError: (err) => on.failed(uploadErrorText(err)),
  });
  upload
    .findPreviousUploads()
    .then((previous) => {
      if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    })
    .catch((err) => on.failed(uploadErrorText(err)));
  return () => upload.abort();
}
