/** A media file we could not read; `code` is the public check code to report (e.g. `VIDEO.UNREADABLE`). */
export class MediaError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'MediaError';
  }
}

/** Thrown when the run's signal fired (timeout); checks turn it into `CHECK.TIMEOUT`. */
export class AbortedError extends Error {
  constructor() {
    super('evidence check aborted (timeout)');
    this.name = 'AbortedError';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError();
}
