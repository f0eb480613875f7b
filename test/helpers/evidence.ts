/** Evidence over real HTTP: multipart uploads and waiting for a report. */

export function uploadEvidence(base: string, disputeId: string, kind: string, bytes: Uint8Array, extra: Record<string, string> = {}, name = 'upload.bin', headers: Record<string, string> = {}) {
  return uploadTo(`${base}/api/disputes/${disputeId}/evidence`, kind, bytes, extra, name, headers);
}

/** The same multipart upload to an order, before any dispute. */
export function uploadOrderEvidence(base: string, orderId: string, kind: string, bytes: Uint8Array, extra: Record<string, string> = {}, name = 'upload.bin', headers: Record<string, string> = {}) {
  return uploadTo(`${base}/api/orders/${orderId}/evidence`, kind, bytes, extra, name, headers);
}

async function uploadTo(url: string, kind: string, bytes: Uint8Array, extra: Record<string, string>, name: string, headers: Record<string, string>) {
  const form = new FormData();
  form.append('kind', kind); // before the file: the upload is cut at the kind's own limit
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), name);
  const res = await fetch(url, { method: 'POST', body: form, headers });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** The evidence once its checks are done (polls; gives up after `seconds`). */
export async function settledEvidence(base: string, evidenceId: string, seconds = 60, headers: Record<string, string> = {}) {
  for (let i = 0; i < seconds * 10; i++) {
    const e = await (await fetch(`${base}/api/evidence/${evidenceId}`, { headers })).json();
    if (e.status !== 'checking') return e;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`evidence ${evidenceId} still checking after ${seconds} s`);
}
