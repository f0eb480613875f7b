import http from 'node:http';
import net from 'node:net';

/** Exact-bytes HTTP for hostile-client tests: fetch would normalise paths and refuse odd headers. */
export interface RawReply {
  status: number;
  contentType: string;
  text: string;
  /** The body parsed as JSON, or undefined. */
  json: any;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One request with `http.request`: the path goes out as written (`/api/disputes/%ff%fe`, `/API/DISPUTES/`). */
export function send(base: string, req: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawReply> {
  const url = new URL(base);
  return new Promise((ok, fail) => {
    const r = http.request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers: { connection: 'close', ...req.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        ok({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text, json: parsed(text) });
      });
    });
    r.on('error', fail);
    r.end(req.body);
  });
}

/** Writes `bytes` on a fresh TCP connection and reads the answer until the server closes it. */
export function sendBytes(base: string, bytes: string | Buffer): Promise<RawReply> {
  const url = new URL(base);
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(url.port), url.hostname, () => socket.end(bytes));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', fail);
    socket.on('close', () => {
      const all = Buffer.concat(chunks).toString('latin1');
      const [head = '', body = ''] = all.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      const contentType = /\r\ncontent-type: *([^\r]*)/i.exec(head)?.[1] ?? '';
      ok({ status, contentType, text: body, json: parsed(body) });
    });
  });
}
