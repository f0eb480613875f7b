/*
 * The frame reader thread (see frame-reader.ts): runs ffmpeg and drains its pipe of binary PGM
 * frames (`P5\n<w> <h>\n255\n<w·h bytes>`) as fast as ffmpeg writes them, posting each frame to
 * the thread that asked, so ffmpeg decodes the next keyframes while that thread looks at this
 * one. Plain CommonJS (no build step, no tsx): copied to dist/ as an asset.
 *
 * Messages in:  { type: 'start', id, bin, args, ahead } | { type: 'taken', id } | { type: 'stop', id }
 * Messages out: { type: 'frame', id, pgm: ArrayBuffer (transferred), headerLength, width, height }
 *               | { type: 'end', id, code, stderr } | { type: 'failed', id, message }
 */
'use strict';
const { parentPort } = require('node:worker_threads');
const { spawn } = require('node:child_process');

/** `P5 65535 65535 255` and its separators fit in 32 bytes. */
const HEADER_MAX = 32;
const HEADER = /^P5\s(\d+)\s(\d+)\s255\s/;

/** id → { child, pending: Buffer[], pendingBytes, inFlight, ahead } */
const streams = new Map();

function start({ id, bin, args, ahead }) {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const s = { child, pending: [], pendingBytes: 0, inFlight: 0, ahead };
  streams.set(id, s);
  let stderr = '';
  child.stderr.on('data', (c) => {
    stderr = (stderr + c.toString('utf8')).slice(-4000);
  });
  child.stdout.on('data', (chunk) => {
    s.pending.push(chunk);
    s.pendingBytes += chunk.length;
    try {
      postFrames(id, s);
    } catch (e) {
      fail(id, s, e.message);
    }
  });
  child.once('error', (e) => fail(id, s, e.message));
  child.once('close', (code) => {
    if (!streams.has(id)) return;
    streams.delete(id);
    parentPort.postMessage({ type: 'end', id, code, stderr });
  });
}

/** Kills ffmpeg and lets go of its pipes (a paused pipe would otherwise stay open, unread). */
function end(id, s) {
  streams.delete(id);
  s.child.kill('SIGKILL');
  s.child.stdout.destroy();
  s.child.stderr.destroy();
}

function fail(id, s, message) {
  if (!streams.has(id)) return;
  end(id, s);
  parentPort.postMessage({ type: 'failed', id, message });
}

/** Posts every complete frame; pauses ffmpeg's pipe while `ahead` frames wait to be taken. */
function postFrames(id, s) {
  for (;;) {
    if (s.pendingBytes === 0) return;
    if (s.pending[0].length < HEADER_MAX && s.pending.length > 1) s.pending = [Buffer.concat(s.pending)];
    const first = s.pending[0];
    const m = HEADER.exec(first.subarray(0, HEADER_MAX).toString('latin1'));
    if (!m) {
      if (first.length >= HEADER_MAX) throw new Error('ffmpeg wrote something other than an 8-bit PGM frame');
      return;
    }
    const width = Number(m[1]);
    const height = Number(m[2]);
    const total = m[0].length + width * height;
    if (s.pendingBytes < total) return;
    // One copy, into a buffer of its own that can be transferred (not a slice of a pipe chunk).
    const pgm = new Uint8Array(new ArrayBuffer(total));
    let at = 0;
    while (at < total) {
      const chunk = s.pending[0];
      const n = Math.min(chunk.length, total - at);
      pgm.set(n === chunk.length ? chunk : chunk.subarray(0, n), at);
      at += n;
      if (n === chunk.length) s.pending.shift();
      else s.pending[0] = chunk.subarray(n);
    }
    s.pendingBytes -= total;
    s.inFlight++;
    parentPort.postMessage({ type: 'frame', id, pgm: pgm.buffer, headerLength: m[0].length, width, height }, [pgm.buffer]);
    if (s.inFlight >= s.ahead) s.child.stdout.pause();
  }
}

parentPort.on('message', (msg) => {
  const s = streams.get(msg.id);
  if (msg.type === 'start') return start(msg);
  if (!s) return;
  if (msg.type === 'taken') {
    s.inFlight--;
    if (s.inFlight < s.ahead) s.child.stdout.resume();
  } else if (msg.type === 'stop') {
    end(msg.id, s);
  }
});
