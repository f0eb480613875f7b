/**
 * `letter.stamp`: the rules ask for a carrier letter with the carrier's stamp (RULES.md,
 * tracking exceptions). We look for a red or blue seal-like region (`media/stamp.ts`) on the
 * letter's picture or its rendered first page, and save that page as a proof image for the
 * reviewer. No seal found is a `warn`: a person looks; a machine missing a faint stamp is not
 * proof there is none.
 */
import { join } from 'node:path';
import { result, type Check } from '../check.ts';
import { findStamp } from '../media/stamp.ts';
import { letterPages } from './carrier-letter.ts';
import { loadSharp } from '../media/sharp-lib.ts';

export const letterStampCheck: Check<'letter.stamp'> = {
  id: 'letter.stamp',
  appliesTo: (kind) => kind === 'carrier_letter',
  async run(file, ctx) {
    const { page, source } = await letterPages(file);
    if (!page) return result(this.id, 'skip', 'STAMP.NOT_LOOKED', 'The letter was not drawn (the PDF failed its safety check), so no stamp was looked for.');
    const proof = [];
    if (source === 'pdf_page' && ctx.proofDir) {
      const image = `${(await file.sha256()).slice(0, 12)}-page1.png`;
      const sharp = await loadSharp();
      await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 3 } }).png().toFile(join(ctx.proofDir, image));
      proof.push({ image, text: 'first page, rendered' });
    }
    const stamp = await findStamp(page);
    const details = { source, pageWidth: page.width, pageHeight: page.height, ...(stamp ? { color: stamp.color, box: stamp.box, analysedWidth: stamp.analysedWidth, fill: stamp.fill } : {}) };
    if (stamp) {
      return result(this.id, 'pass', 'STAMP.FOUND', `A ${stamp.color} seal-like stamp is on the letter.`, { details, proof: [...proof, { text: `${stamp.color} stamp at ${stamp.box.x},${stamp.box.y} (${stamp.box.width}×${stamp.box.height} of ${stamp.analysedWidth} px wide)` }] });
    }
    return result(this.id, 'warn', 'STAMP.MISSING', 'No red or blue stamp was found on the letter; the rules ask for the carrier\'s stamp. A person will look.', { details, ...(proof.length ? { proof } : {}) });
  },
};
