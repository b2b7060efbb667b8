// The relay admin API client. The operator's token is kept only in this browser's
// localStorage and is sent only to /api/admin/* in an Authorization header.
import { ApiError, requestJson } from './api.js';

const KEY = 'dvmdash.adminToken';

export function savedToken() {
  try {
    return localStorage.getItem(KEY) || '';
  } catch {
    return '';
  }
}

export function saveToken(token) {
  try {
    localStorage.setItem(KEY, token);
  } catch {
    /* storage disabled: the token lives until the page closes */
  }
}

export function forgetToken() {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* nothing saved */
  }
}

/** A sentence for an admin API failure (status and the server's `error` text). */
export function adminErrorMessage(status, detail) {
  if (status === 401) return 'Wrong or missing admin token: the server refused it (401).';
  if (status === 403) return 'The admin API is disabled on this server: set DVMDASH_ADMIN_TOKEN (admin.token) to enable it (403).';
  if (status === 400) return `The server rejected the change: ${detail || 'bad request'} (400).`;
  if (status === 404) return `Not found: ${detail || 'no such relay'} (404).`;
  if (status === 0) return 'Could not reach the API: the server did not answer (network error).';
  return `The admin API failed: ${status}${detail ? ` (${detail})` : ''}.`;
}

/** Calls the admin API; resolves to the JSON body or throws an ApiError with a readable message. */
export async function adminRequest(method, path, token, body) {
  let res;
  try {
    res = await requestJson(method, path, { token, body });
  } catch {
    throw new ApiError(adminErrorMessage(0), 0);
  }
  if (!res.ok) throw new ApiError(adminErrorMessage(res.status, res.error), res.status);
  return res.body;
}

export const listRelays = (token) => adminRequest('GET', '/api/admin/relays', token);
export const addRelay = (token, url, activity) => adminRequest('POST', '/api/admin/relays', token, { url, activity });
export const markRelay = (token, url, activity) => adminRequest('PATCH', '/api/admin/relays', token, { url, activity });
export const removeRelay = (token, url) => adminRequest('DELETE', `/api/admin/relays?url=${encodeURIComponent(url)}`, token);

export const listWatch = (token) => adminRequest('GET', '/api/admin/watch', token);
export const watchDvm = (token, pubkey) => adminRequest('POST', '/api/admin/watch', token, { pubkey });
export const unwatchDvm = (token, pubkey) => adminRequest('DELETE', `/api/admin/watch?pubkey=${encodeURIComponent(pubkey)}`, token);

export const addMaintenance = (token, pubkey, start, end, note) =>
  adminRequest('POST', '/api/admin/maintenance', token, { pubkey, start, end, note });
export const removeMaintenance = (token, id) =>
  adminRequest('DELETE', `/api/admin/maintenance?id=${encodeURIComponent(id)}`, token);

/** A `datetime-local` input's value (the browser's local time) as unix seconds; null when empty or unreadable. */
export function localInputToUnix(value) {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : Math.floor(t / 1000);
}
