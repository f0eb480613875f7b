import { connect, type Socket } from 'node:net';

/** A multipart upload written by hand on a raw socket, so a test controls every byte and pause. */
export interface RawUpload {
  socket: Socket;
  /** Resolves when the connection closes (the server cut it, or the test ended it). */
  closed: Promise<void>;
  /** Resolves with the status line, headers and body of the first response, if one comes. */
  response: Promise<{ status: number; headers: Record<string, string>; body: string }>;
  /** Writes more bytes of the body. */
  write(bytes: Uint8Array | string): Promise<void>;
}

export const BOUNDARY = '----raw-upload-boundary';

/** One multipart text field. */
export const field = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
/** The head of the file part; its bytes follow. */
export const fileHead = (name = 'upload.bin') => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;

/**
 * Opens a POST to `path` announcing `contentLength` bytes and writes `first`; the rest is up
 * to the test (`write`, or nothing: a stalled upload).
 */
export function rawUpload(base: string, path: string, contentLength: number, first: Uint8Array | string): Promise<RawUpload> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  const closed = new Promise<void>((ok) => socket.once('close', () => ok()));
  socket.on('error', () => {});
  let buf = Buffer.alloc(0);
  const response = new Promise<{ status: number; headers: Record<string, string>; body: string }>((ok, fail) => {
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...lines] = buf.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const length = Number(headers['content-length'] ?? 0);
      if (buf.length - end - 4 < length) return;
      ok({ status: Number(statusLine!.split(' ')[1]), headers, body: buf.subarray(end + 4, end + 4 + length).toString('utf8') });
    });
    void closed.then(() => fail(new Error('closed without a response')));
  });
  response.catch(() => {});
  const write = (bytes: Uint8Array | string) => new Promise<void>((ok, fail) => socket.write(bytes, (err) => (err ? fail(err) : ok())));
  return new Promise((ok, fail) => {
    socket.once('connect', () => {
      const head =
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\n` +
        `Content-Length: ${contentLength}\r\n\r\n`;
      write(head)
        .then(() => write(first))
        .then(() => ok({ socket, closed, response, write }), fail);
    });
    socket.once('error', fail);
  });
}
