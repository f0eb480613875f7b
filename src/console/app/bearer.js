// The Authorization header for requests api.js does not make (tus uploads, proof images as blobs).
import { token } from './api.js';

export function authHeaders() {
  const t = token();
  return t ? { authorization: `Bearer ${t}` } : {};
}
