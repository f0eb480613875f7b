/** `file.type`: the bytes are a type the declared kind accepts (sniffed, never trusted from the client). */
import { result, type Check } from '../check.ts';
import { allowedTypesFor } from '../sniff.ts';

export const fileTypeCheck: Check<'file.type'> = {
  id: 'file.type',
  appliesTo: () => true,
  async run(file) {
    const kind = file.kind;
    if ((await file.size()) === 0) return result(this.id, 'fail', 'FILE.EMPTY', 'The file is empty (0 bytes).');
    const sniffed = await file.sniff();
    const allowed = allowedTypesFor(kind);
    if (!sniffed.type) {
      return result(this.id, 'fail', 'FILE.TYPE_UNKNOWN', `The file's content is not a type we accept${sniffed.mime ? ` (it looks like ${sniffed.mime})` : ''}; a ${kind} must be ${allowed.join(', ')}.`, {
        details: { mime: sniffed.mime ?? null, allowed: [...allowed] },
      });
    }
    if (!allowed.includes(sniffed.type)) {
      return result(this.id, 'fail', 'FILE.TYPE_NOT_ALLOWED', `A ${kind} must be ${allowed.join(', ')}; this file is ${sniffed.type}.`, {
        details: { sniffedType: sniffed.type, allowed: [...allowed] },
      });
    }
    return result(this.id, 'pass', 'FILE.TYPE_OK', `The file is ${sniffed.type}, accepted for ${kind}.`, { details: { sniffedType: sniffed.type } });
  },
};
