import { pino } from 'pino';

/** The structured logger. `LOG_LEVEL=silent` in tests. */
export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: undefined });
export type Logger = typeof logger;
