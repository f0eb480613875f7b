// Imported first by every benchmark: the app logger reads LOG_LEVEL when it is created.
process.env.LOG_LEVEL ??= 'silent';

import { fileURLToPath } from 'node:url';

/** True when the module at `url` is the script node was started with (`node --import tsx bench/x.bench.ts`). */
export const isMain = (url: string): boolean => process.argv[1] !== undefined && fileURLToPath(url) === process.argv[1];
