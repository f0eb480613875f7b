import '../test/evidence/quiet.ts';
/**
 * Legibility bench (issue 10): reading a 12 MP phone photo of a parcel label, where the time
 * goes and what the choices in `photo-reading.ts` / `read-picture.ts` save, each beside its
 * baseline in the same run:
 *  - barcodes on the paper regions' crops of the 2048 px working copy vs the whole working copy;
 *  - the label region cropped from the working copy vs cropped again at full resolution;
 *  - `photo.legible` + `label.match` end to end vs sharp's own decode of the file + stats().
 */
import sharp from 'sharp';
import { ALL_CHECKS } from '../src/evidence/checks/registry.ts';
import { readBarcodesGray } from '../src/evidence/media/barcodes.ts';
import { crop, type GrayImage } from '../src/evidence/media/gray-image.ts';
import { closeReaders } from '../src/evidence/media/readers.ts';
import { findPaperRegions } from '../src/evidence/media/regions.ts';
import { runChecks } from '../src/evidence/run-checks.ts';
import { policyByVersion } from '../src/policy/policies.ts';
import { TRACKING } from '../test/fixtures/make-fixtures.ts';
import { ensureLegibilityFixtures } from '../test/fixtures/make-legibility-fixtures.ts';

const RUNS = 3;
const out = (s: string) => process.stdout.write(`${s}\n`);

/** Mean wall time of `RUNS` runs after one warm-up, in ms. */
async function mean(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i++) await fn();
  return (performance.now() - t0) / RUNS;
}

const line = (what: string, ours: number, base: number, baseName: string) =>
  out(`  ${what.padEnd(44)} ${ours.toFixed(0).padStart(6)} ms   ${baseName} ${base.toFixed(0).padStart(6)} ms   ×${(base / ours).toFixed(2)}`);

const policy = policyByVersion('2024-05.1')!;
const { phoneLabel } = await ensureLegibilityFixtures();
const gray = async (): Promise<GrayImage> => {
  const { data, info } = await sharp(phoneLabel).rotate().resize({ width: 2048, height: 2048, fit: 'inside' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};
const working = await gray();
const region = findPaperRegions(working)[0]!;
const scale = 4032 / working.width;

out('legibility: 12 MP (4032×3024) phone photo of a parcel label');
const paper = await mean(() => readBarcodesGray(crop(working, region.x - 16, region.y - 16, region.width + 32, region.height + 32)));
const whole = await mean(() => readBarcodesGray(working));
line('barcodes on the paper region (2048 copy)', paper, whole, 'whole 2048 copy');
const fullRes = await mean(async () => {
  const { data, info } = await sharp(phoneLabel)
    .rotate()
    .extract({ left: Math.round(region.x * scale), top: Math.round(region.y * scale), width: Math.round(region.width * scale), height: Math.round(region.height * scale) })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return readBarcodesGray({ data, width: info.width, height: info.height });
});
line('label read on the working copy crop', paper, fullRes, 'full-res crop + read');
const checks = ALL_CHECKS.filter((c) => c.id === 'photo.legible' || c.id === 'label.match');
const ours = await mean(() => runChecks(phoneLabel, 'label_photo', { policy, trackingNumber: TRACKING }, { checks }));
const floor = await mean(async () => sharp(phoneLabel).rotate().greyscale().stats());
line('photo.legible + label.match end to end', ours, floor, "sharp's decode + stats");
await closeReaders();
