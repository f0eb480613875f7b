/**
 * What a PDF carries besides its pages, found without running any of it:
 *  - framing, from the bytes: anything but whitespace before `%PDF-` (an HTML/PDF polyglot
 *    puts its markup there: readers find `%PDF-` anywhere in the first 1024 bytes, browsers
 *    render the HTML) or after the last `%%EOF` (a second file appended: ZIP, HTML…);
 *  - active content, from MuPDF's parse (WASM, it executes nothing; object streams and name
 *    escapes such as `/J#61vaScript` are decoded by the parser, so a byte search would miss
 *    them): JavaScript actions and name trees (/JS, /JavaScript, /S /JavaScript, also under
 *    /OpenAction and /AA), /Launch actions, embedded files (/EmbeddedFile(s), /EF) and XFA
 *    forms (which script).
 */
import { readFile } from 'node:fs/promises';
import type { PDFObject } from 'mupdf';
import { loadMupdf } from './mupdf.ts';

export type PdfFinding = 'javascript' | 'launch' | 'embedded_file' | 'xfa' | 'prefix_bytes' | 'trailing_bytes' | 'encrypted';

export interface PdfInspection {
  findings: PdfFinding[];
  /** What the bytes around the PDF look like (`html`, `zip`, `unknown`), when there are any. */
  prefix?: string;
  trailer?: string;
  pages: number;
  objects: number;
}

/** `%PDF-` must start within this many bytes (ISO 32000: readers search the first 1024). */
const HEADER_WINDOW = 1024;
/** Walk at most this deep into direct dictionaries and arrays (action chains nest 3-4 deep). */
const MAX_DEPTH = 12;

/** `await inspectPdf('/tmp/letter.pdf')` → `{ findings: ['javascript'], pages: 1, objects: 6 }`; throws when MuPDF cannot open it. */
export async function inspectPdf(path: string): Promise<PdfInspection> {
  const bytes = await readFile(path);
  const findings = new Set<PdfFinding>();
  const head = bytes.subarray(0, HEADER_WINDOW).indexOf('%PDF-');
  const before = head > 0 ? bytes.subarray(0, head) : Buffer.alloc(0);
  const eof = bytes.lastIndexOf('%%EOF');
  const after = eof >= 0 ? bytes.subarray(eof + 5) : Buffer.alloc(0);
  const prefix = notBlank(before) ? formatOf(before) : undefined;
  const trailer = notBlank(after) ? formatOf(after) : undefined;
  if (prefix) findings.add('prefix_bytes');
  if (trailer) findings.add('trailing_bytes');

  const mupdf = await loadMupdf();
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  try {
    const pdf = doc.asPDF();
    if (!pdf) throw new Error('not a PDF');
    if (doc.needsPassword()) findings.add('encrypted');
    const objects = pdf.countObjects();
    for (let i = 1; i < objects; i++) visit(pdf.newIndirect(i).resolve(), findings, 0);
    visit(pdf.getTrailer(), findings, 0);
    return { findings: [...findings], ...(prefix ? { prefix } : {}), ...(trailer ? { trailer } : {}), pages: doc.countPages(), objects };
  } finally {
    doc.destroy();
  }
}

/** Direct dictionaries and arrays inside one object (indirect ones are visited on their own). */
function visit(obj: PDFObject, findings: Set<PdfFinding>, depth: number): void {
  if (depth > MAX_DEPTH || obj.isIndirect()) return;
  if (obj.isDictionary()) {
    const s = obj.get('S');
    if (s.isName()) {
      if (s.asName() === 'JavaScript') findings.add('javascript');
      if (s.asName() === 'Launch') findings.add('launch');
    }
    const type = obj.get('Type');
    if (type.isName() && type.asName() === 'EmbeddedFile') findings.add('embedded_file');
    obj.forEach((val, key) => {
      if (key === 'JS' || key === 'JavaScript') findings.add('javascript');
      if (key === 'Launch') findings.add('launch');
      if (key === 'EmbeddedFile' || key === 'EmbeddedFiles' || key === 'EF') findings.add('embedded_file');
      if (key === 'XFA') findings.add('xfa');
      visit(val, findings, depth + 1);
    });
  } else if (obj.isArray()) {
    obj.forEach((val) => visit(val, findings, depth + 1));
  }
}

const notBlank = (b: Buffer) => b.some((c) => c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0x0c && c !== 0x00);

/** A name for foreign bytes, for the message: `formatOf(Buffer.from('<html>…'))` → `'html'`. */
function formatOf(b: Buffer): string {
  const text = b.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  if (text.startsWith('pk\u0003\u0004')) return 'zip';
  if (/^<(!doctype|html|head|body|script|svg|\?xml|!--)/.test(text) || /<\/?(html|script|body)\b/.test(text)) return 'html';
  if (text.startsWith('\u00ff\u00d8\u00ff') || text.startsWith('\u0089png')) return 'image';
  return 'unknown';
}
