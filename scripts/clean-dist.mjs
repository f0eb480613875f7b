// Removes dist/ before a build, so a source file, migration or policy that was deleted or
// renamed does not live on as a stale copy there (a stale migration would still be applied).
import { rmSync } from 'node:fs';

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });
