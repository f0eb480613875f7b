/**
 * `file.limits`: bytes within the policy's limit for the file's family, and for images a
 * declared pixel count within `maxPixels`, read from the header before anything decodes it
 * (a 1 KB PNG can declare 100 000 × 100 000 pixels: a decompression bomb).
 */
import { result, type Check } from '../check.ts';
import { MediaError } from '../media/media-error.ts';

export const fileLimitsCheck: Check<'file.limits'> = {
  id: 'file.limits',
  appliesTo: () => true,
  async run(file, ctx) {
    const { evidence } = ctx.policy;
    const size = await file.size();
    const { family } = await file.sniff();
    const limit = family === 'video' ? evidence.maxVideoBytes : family === 'image' ? evidence.maxPhotoBytes : evidence.maxDocumentBytes;
    if (size > limit) {
      return result(this.id, 'fail', 'FILE.TOO_LARGE', `The file is ${mb(size)}; the limit for this type is ${mb(limit)}.`, { details: { bytes: size, limit } });
    }
    if (family === 'image') {
      try {
        const h = await file.imageHeader();
        const pixels = h.width * h.height;
        if (pixels > evidence.maxPixels) {
          return result(this.id, 'fail', 'FILE.TOO_MANY_PIXELS', `The image declares ${h.width}×${h.height} pixels, more than the ${evidence.maxPixels} we decode.`, {
            details: { width: h.width, height: h.height, maxPixels: evidence.maxPixels },
          });
        }
      } catch (e) {
        if (e instanceof MediaError) return result(this.id, 'fail', e.code, e.message);
        throw e;
      }
    }
    return result(this.id, 'pass', 'FILE.LIMITS_OK', `The file is within the limits (${mb(size)}).`, { details: { bytes: size } });
  },
};

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
