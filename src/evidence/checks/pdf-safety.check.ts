/**
 * `letter.pdf_safety`: a carrier letter sent as PDF carries nothing but pages. JavaScript
 * (/JS, /JavaScript, an /OpenAction or /AA that runs it), /Launch, embedded files, XFA,
 * encryption we cannot look through, and bytes of another format before `%PDF-` or after the
 * last `%%EOF` (the HTML/PDF polyglot) all reject it: each is a fact of the file (`measured`).
 * Letters sent as photos or scans are not PDFs: `skip`.
 */
import { result, type Check } from '../check.ts';
import type { PdfFinding } from '../media/pdf-inspect.ts';
import { letterPages } from './carrier-letter.ts';

const WHAT: Record<PdfFinding, string> = {
  javascript: 'JavaScript',
  launch: 'a Launch action (it starts a program)',
  embedded_file: 'an embedded file',
  xfa: 'an XFA form (it scripts)',
  encrypted: 'encryption we cannot look through',
  prefix_bytes: 'bytes of another format before the PDF',
  trailing_bytes: 'bytes of another format after the PDF',
};

export const pdfSafetyCheck: Check<'letter.pdf_safety'> = {
  id: 'letter.pdf_safety',
  appliesTo: (kind) => kind === 'carrier_letter',
  async run(file) {
    const { inspection } = await letterPages(file);
    if (!inspection) return result(this.id, 'skip', 'PDF.NOT_A_PDF', 'The letter is a picture, not a PDF: nothing to inspect.');
    const { findings, pages, objects } = inspection;
    const details = { findings, pages, objects, ...(inspection.prefix ? { prefix: inspection.prefix } : {}), ...(inspection.trailer ? { trailer: inspection.trailer } : {}) };
    if (findings.length > 0) {
      const code = findings.includes('prefix_bytes') || findings.includes('trailing_bytes') ? 'PDF.POLYGLOT' : 'PDF.ACTIVE_CONTENT';
      const around = [inspection.prefix && `${inspection.prefix} before it`, inspection.trailer && `${inspection.trailer} after it`].filter(Boolean).join(', ');
      return result(this.id, 'fail', code, `The PDF carries ${findings.map((f) => WHAT[f]).join(', ')}${around ? ` (${around})` : ''}; a carrier letter must be a plain PDF. Send the letter as the carrier issued it, or a scan.`, { details });
    }
    if (pages === 0) return result(this.id, 'fail', 'PDF.NO_PAGES', 'The PDF has no pages.', { details });
    return result(this.id, 'pass', 'PDF.PLAIN', `A plain PDF of ${pages} page${pages === 1 ? '' : 's'}: no scripts, actions, attachments or foreign bytes.`, { details });
  },
};
