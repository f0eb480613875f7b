/**
 * `video.sku`: the packing video shows the order's SKU(s), read from a barcode/QR or as
 * text. Not seeing it is a machine's reading, not proof of absence: fails are `perceived`
 * (a person reviews), with what was read instead so the seller knows what to fix.
 */
import { result, type Check } from '../check.ts';
import { scanOrFailure, startScan } from './scan-targets.ts';

export const videoSkuCheck: Check<'video.sku'> = {
  id: 'video.sku',
  appliesTo: (kind) => kind === 'packing_video',
  startEarly: startScan,
  async run(file, ctx) {
    const skus = ctx.skus ?? [];
    if (skus.length === 0) return result(this.id, 'skip', 'VIDEO.SKU_NO_ORDER_SKUS', 'The order lists no SKU to look for.');
    const scan = await scanOrFailure(this.id, file, ctx);
    if ('status' in scan) return scan;
    const found = skus.filter((s) => scan.skus[s]);
    const missing = skus.filter((s) => !scan.skus[s]);
    const proof = found.map((s) => {
      const seen = scan.skus[s]!;
      return { atSeconds: seen.atSeconds, ...(seen.image ? { image: seen.image } : {}), text: `${seen.source}: ${seen.text}` };
    });
    const details = { found, missing, framesRead: scan.framesRead, ocrFrames: scan.ocrFrames, passes: scan.passes, otherReads: scan.otherReads.map((r) => `${r.atSeconds}s ${r.source}: ${r.text}`) };
    if (missing.length === 0) {
      return result(this.id, 'pass', 'VIDEO.SKU_SEEN', `The SKU ${found.join(', ')} is visible at ${proof.map((p) => `${p.atSeconds} s`).join(', ')}.`, { details, proof });
    }
    if (found.length > 0) {
      return result(this.id, 'fail', 'VIDEO.SKU_PARTIAL', `We read ${found.join(', ')} but not ${missing.join(', ')}; show every item's SKU to the camera.`, { basis: 'perceived', details, proof });
    }
    const readSomething = scan.otherReads.length > 0;
    return result(
      this.id,
      'fail',
      readSomething ? 'VIDEO.SKU_NOT_FOUND' : 'VIDEO.SKU_UNREADABLE',
      readSomething
        ? `We read text in the video (${scan.otherReads.slice(0, 3).map((r) => r.text).join(', ')}) but not the SKU ${skus.join(', ')}. Hold the SKU label steady, close to the camera.`
        : `We could not read any SKU in the video. Hold the product's SKU label (${skus.join(', ')}) steady and close to the camera, in good light.`,
      { basis: 'perceived', details, proof: scan.otherReads.slice(0, 3).map((r) => ({ atSeconds: r.atSeconds, ...(r.image ? { image: r.image } : {}), text: `${r.source}: ${r.text}` })) },
    );
  },
};
