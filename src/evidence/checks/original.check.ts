/** `original`: the photo or video is what the camera wrote: no editor, no screenshot, no re-encode. */
import { result, type Check } from '../check.ts';
import { photoProvenance } from '../provenance/photo-provenance.ts';
import { videoProvenance } from '../provenance/video-provenance.ts';

// C2PA content credentials are not read (no maintained Node reader without native code); the
// metadata and content signals here are the evidence.
export const originalCheck: Check<'original'> = {
  id: 'original',
  appliesTo: (kind) => kind !== 'carrier_letter',
  async run(file, ctx) {
    const { family } = await file.sniff();
    if (family === 'image') return photoProvenance(file, ctx);
    if (family === 'video') return videoProvenance(file);
    return result(this.id, 'skip', 'ORIGINAL.NOT_MEDIA', 'Provenance is checked on photos and videos only.');
  },
};
