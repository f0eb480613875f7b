// The upload form: drop a file or pick one, say what it is, send it resumably with a real
// progress bar. `onUploaded(evidenceId | null)` when the server has registered the evidence.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { bytesInWords } from './evidence-kinds.js';
import { startUpload } from './tus-upload.js';

const html = htm.bind(h);

/** `<input type=datetime-local>`'s local time → the ISO instant with offset the API takes. */
const isoOf = (local) => (local ? new Date(local).toISOString() : undefined);

/** Upload-Metadata: the multipart form's fields plus the dispute and the file's name (absent fields left out). */
function metadataOf(disputeId, file, form) {
  const m = { disputeId, kind: form.kind, filename: file.name, capturedAt: isoOf(form.capturedAt) };
  if (form.kind === 'delivery_proof_photo') Object.assign(m, { signerName: form.signerName.trim() || undefined, signedAt: isoOf(form.signedAt) });
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined));
}

function Progress({ sent, total }) {
  const pct = total ? Math.floor((sent / total) * 100) : 0;
  return html`<div class="upload-progress">
    <progress id="upload-progress" max=${total || 1} value=${sent} aria-label="Upload progress">${pct} %</progress>
    <span class="upload-progress-text">${pct} % · ${bytesInWords(sent)} of ${bytesInWords(total)}</span>
  </div>`;
}

/** What the upload is doing, in words (a live region: screen readers hear it too). */
function statusText(s) {
  if (s.phase === 'interrupted') return 'Connection lost: resuming…';
  if (s.phase === 'uploading' && s.resumedAt !== null) return `Resumed at ${bytesInWords(s.resumedAt)}; uploading…`;
  if (s.phase === 'uploading') return 'Uploading…';
  if (s.phase === 'done') return 'Uploaded. The checks are running.';
  return '';
}

/** `kinds`: `[{ kind, label }]`, the first the one chosen until the agent chooses. */
export function EvidenceUpload({ disputeId, kinds, onUploaded }) {
  const [file, setFile] = useState(null);
  // kind: null until the agent chooses one: then the first kind needed (the list may reorder once the preview arrives).
  const [form, setForm] = useState({ kind: null, capturedAt: '', signerName: '', signedAt: '' });
  const kind = form.kind ?? kinds[0].kind;
  const [s, setS] = useState({ phase: 'idle', sent: 0, total: 0, resumedAt: null, error: null });
  const [dragging, setDragging] = useState(false);
  const stop = useRef(null);
  const input = useRef(null);
  // Leaving the page stops the transfer; what was sent stays on the server for a resume.
  useEffect(() => () => stop.current && stop.current(), []);

  const set = (name) => (e) => setForm({ ...form, [name]: e.currentTarget.value });
  const busy = s.phase === 'uploading' || s.phase === 'interrupted';

  function pick(files) {
    if (busy || !files || !files.length) return;
    setFile(files[0]);
    setS({ phase: 'idle', sent: 0, total: files[0].size, resumedAt: null, error: null });
  }

  function submit(e) {
    e.preventDefault();
    if (!file || busy) return;
    setS({ phase: 'uploading', sent: 0, total: file.size, resumedAt: null, error: null });
    stop.current = startUpload(file, metadataOf(disputeId, file, { ...form, kind }), {
      progress: (sent, total) => setS((x) => ({ ...x, sent, total })),
      interrupted: () => setS((x) => ({ ...x, phase: 'interrupted' })),
      resumedAt: (offset) => setS((x) => ({ ...x, phase: 'uploading', resumedAt: offset, sent: offset })),
      done: (evidenceId) => {
        stop.current = null;
        setS((x) => ({ ...x, phase: 'done', sent: x.total }));
        setFile(null);
        if (input.current) input.current.value = ''; // the picker shows no file: this one is done
        onUploaded(evidenceId);
      },
      failed: (error) => {
        stop.current = null;
        setS((x) => ({ ...x, phase: 'failed', error }));
      },
    });
  }

  const drop = (e) => {
    e.preventDefault();
    setDragging(false);
    pick(e.dataTransfer && e.dataTransfer.files);
  };
  const over = (e) => {
    e.preventDefault();
    setDragging(true);
  };

  return html`<form class="evidence-upload" onSubmit=${submit} aria-labelledby="upload-h">
    <h3 id="upload-h">Add evidence</h3>
    <div class=${`dropzone${dragging ? ' dragging' : ''}`} onDragOver=${over} onDragLeave=${() => setDragging(false)} onDrop=${drop}>
      <label for="evidence-file">Drop a file here or choose one</label>
      <input id="evidence-file" ref=${input} type="file" accept="video/*,image/*,application/pdf" disabled=${busy} onChange=${(e) => pick(e.currentTarget.files)} />
      ${file && html`<p class="hint">${file.name} · ${bytesInWords(file.size)}</p>`}
    </div>
    <div class="upload-fields">
      <label>What it is
        <select value=${kind} onChange=${set('kind')} disabled=${busy}>
          ${kinds.map((k) => html`<option value=${k.kind}>${k.label}</option>`)}
        </select>
      </label>
      <label>Captured at (optional)
        <input type="datetime-local" value=${form.capturedAt} onInput=${set('capturedAt')} disabled=${busy} />
      </label>
      ${kind === 'delivery_proof_photo' && html`
        <label>Signed by (optional)
          <input type="text" maxlength="200" value=${form.signerName} onInput=${set('signerName')} disabled=${busy} />
        </label>
        <label>Signed at (optional)
          <input type="datetime-local" value=${form.signedAt} onInput=${set('signedAt')} disabled=${busy} />
        </label>`}
    </div>
    <button type="submit" disabled=${!file || busy}>Upload</button>
    ${s.phase !== 'idle' && s.phase !== 'failed' && html`<${Progress} sent=${s.sent} total=${s.total} />`}
    <p class="upload-status" role="status">${statusText(s)}</p>
    ${s.error && html`<p class="error" role="alert">${s.error}</p>`}
  </form>`;
}
