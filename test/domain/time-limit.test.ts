import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timeLimit } from '../../src/domain/time-limit.ts';

test('stop() ends the limited work now, with its reason, and leaves the parent alone', () => {
  const parent = new AbortController();
  const limit = timeLimit(60_000, parent.signal);
  assert.equal(limit.signal.aborted, false);
  limit.stop('a gate check failed');
  assert.equal(limit.signal.aborted, true);
  assert.equal((limit.signal.reason as DOMException).name, 'AbortError');
  assert.equal((limit.signal.reason as DOMException).message, 'a gate check failed');
  assert.equal(parent.signal.aborted, false);
  limit.release();
});

test('the parent aborting aborts the limit with its reason', () => {
  const parent = new AbortController();
  const limit = timeLimit(60_000, parent.signal);
  parent.abort(new Error('job cancelled'));
  assert.equal((limit.signal.reason as Error).message, 'job cancelled');
  limit.release();
});
