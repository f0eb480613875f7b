import type { JobLane } from './store.port.ts';

/**
 * The fair claim order both stores share. A job's `turn` is set when it is added: one past
 * its key's last waiting job in its lane, and never before the queue's current turn (the
 * lowest waiting one). Claims take the lowest turn, light before heavy, then the oldest, so
 * every seller gets a job in before any seller gets a second, and a photo waits for at most
 * one turn of videos. Issue 9: FIFO on 2 threads made a photo wait 176 s behind six 1-hour
 * videos.
 */
export const LANE_CODE: Record<JobLane, number> = { light: 0, heavy: 1 };
export const CLAIM_ORDER = 'turn, lane, run_at, id';
