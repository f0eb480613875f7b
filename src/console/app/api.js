// The API client: every call carries the agent's bearer token; every refusal becomes an
// ApiError whose message is the problem+json `detail` (what a person can read).
import { boot } from './boot.js';

const TOKEN_KEY = 'dispute-console.token';

/** The token in use: an embed's short-lived one, or the key the agent signed in with (this tab only). */
export function token() {
  return boot.token || sessionStorage.getItem(TOKEN_KEY) || null;
}

export function signIn(key) {
  sessionStorage.setItem(TOKEN_KEY, key.trim());
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** True when the console can call the API now (a token, or the service runs with AUTH=off). */
export const signedIn = () => boot.auth === 'off' || token() !== null;

/** Fired on `window` when any call answers 401. */
export const UNAUTHORIZED_EVENT = 'console:unauthorized';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code;
    this.problem = problem;
  }
}

/** fetch against this origin's API; JSON in, JSON out; throws ApiError with the problem's detail. */
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const h = { accept: 'application/json', ...headers };
  const t = token();
  if (t) h.authorization = `Bearer ${t}`;
  if (body !== undefined && !(body instanceof FormData)) h['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers: h, body: body === undefined || body instanceof FormData ? body : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(0, { detail: `The service could not be reached (${err.message}).` });
  }
  const text = await res.text();
  const data = text ? safeJson(text) : null;
  if (!res.ok) {
    const err = new ApiError(res.status, data && typeof data === 'object' ? data : { detail: text || res.statusText });
    // The key stopped working (revoked, expired embed token): the page asks the agent to sign in again.
    if (res.status === 401) dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT, { detail: err }));
    throw err;
  }
  return data;
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
