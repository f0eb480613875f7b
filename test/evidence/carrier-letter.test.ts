/**
 * Issue 10, carrier letters: PDFs with active content or foreign bytes are rejected, a clean
 * one is drawn for the reviewer and searched for the carrier's stamp, like a letter photo.
 */
import './quiet.ts';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import sharp from 'sharp';
import { ensureLegibilityFixtures } from '../fixtures/make-legibility-fixtures.ts';
import { check, tempDir } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureLegibilityFixtures>>;
before(async () => {
  fx = await ensureLegibilityFixtures();
});

test('a PDF whose OpenAction runs JavaScript is rejected', async () => {
  const { report, row } = await check(fx.letterOpenActionJs, 'carrier_letter', 'letter.pdf_safety');
  assert.equal(row.status, 'fail');
  assert.equal(row.code, 'PDF.ACTIVE_CONTENT');
  assert.deepEqual(row.details?.findings, ['javascript']);
  assert.equal(report.status, 'rejected');
  assert.equal(report.checks.find((c) => c.id === 'letter.stamp')?.status, 'skip', 'an unsafe PDF is never drawn');
});

test('an HTML/PDF polyglot and a PDF with a ZIP after %%EOF are rejected', async () => {
  const polyglot = await check(fx.letterPolyglot, 'carrier_letter', 'letter.pdf_safety');
  assert.equal(polyglot.report.checks.find((c) => c.id === 'file.type')?.status, 'pass', 'readers take it for a PDF');
  assert.equal(polyglot.row.code, 'PDF.POLYGLOT');
  assert.equal(polyglot.row.details?.prefix, 'html');
  assert.equal(polyglot.report.status, 'rejected');
  const zip = await check(fx.letterTrailingZip, 'carrier_letter', 'letter.pdf_safety');
  assert.equal(zip.row.code, 'PDF.POLYGLOT');
  assert.equal(zip.row.details?.trailer, 'zip');
  assert.equal(zip.report.status, 'rejected');
});

test('a plain PDF letter passes, its first page is rendered as a proof image and its red seal found', async () => {
  const proofDir = tempDir();
  const { report, row } = await check(fx.letterPdf, 'carrier_letter', 'letter.stamp', { proofDir });
  assert.equal(report.checks.find((c) => c.id === 'letter.pdf_safety')?.code, 'PDF.PLAIN');
  assert.equal(row.status, 'pass', row.message);
  assert.equal(row.details?.color, 'red');
  const image = row.proof?.find((p) => p.image)?.image;
  assert.ok(image && existsSync(join(proofDir, image)), 'the rendered page is saved');
  const meta = await sharp(join(proofDir, image)).metadata();
  assert.deepEqual([meta.format, meta.width], ['png', row.details?.pageWidth]);
  assert.equal(report.status, 'accepted');
});

test('a stamped letter photo passes; an unstamped one is a warning', async () => {
  const stamped = await check(fx.letterStamped, 'carrier_letter', 'letter.stamp');
  assert.equal(stamped.row.code, 'STAMP.FOUND', stamped.row.message);
  assert.equal(stamped.row.details?.source, 'image');
  assert.equal(stamped.report.checks.find((c) => c.id === 'letter.pdf_safety')?.status, 'skip');
  const unstamped = await check(fx.letterUnstamped, 'carrier_letter', 'letter.stamp');
  assert.equal(unstamped.row.status, 'warn');
  assert.equal(unstamped.row.code, 'STAMP.MISSING');
  assert.equal(unstamped.report.status, 'needs_review');
});
