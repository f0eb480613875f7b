import { logger } from '../logger.ts';

/** The evidence pipeline's logger (a child of the app logger). */
export const evidenceLog = logger.child({ module: 'evidence' });
