// Every request the dashboard makes to the API goes through here; failures become sentences a person can read.

export class ApiError extends Error {
  constructor(message, status = 0) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

const NETWORK_ERROR = 'Could not reach the API: the server did not answer (network error).';

function isAbort(err) {
  return err && err.name === 'AbortError';
}

async function send(method, url, { body, token, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    return await fetch(url, { method, signal, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(NETWORK_ERROR, 0);
  }
}

/** The response's JSON body, or undefined when it is not JSON (a proxy's error page). */
async function readJson(res) {
  try {
    return await res.json();
  } catch (err) {
    if (isAbort(err)) throw err;
    return undefined;
  }
}

/** GET a JSON document from the API; throws ApiError with a friendly message. */
export async function getJson(url, { signal } = {}) {
  const res = await send('GET', url, { signal });
  const body = await readJson(res);
  if (!res.ok) {
    const detail = body && typeof body.error === 'string' ? body.error : '';
    if (res.status === 404) throw new ApiError(detail ? `Not found: ${detail}` : 'Not found.', 404);
    if (res.status === 400) throw new ApiError(detail ? `The API rejected the request: ${detail}` : 'The API rejected the request (400).', 400);
    throw new ApiError(`Could not reach the API: ${res.status}${detail ? ` (${detail})` : ''}`, res.status);
  }
  if (body === undefined) throw new ApiError('The API answered with something that is not JSON.', res.status);
  return body;
}

/**
 * Send `body` (JSON, optional) with `method`, with the admin `token` when given; resolves to
 * { ok, status, body, error } whatever the status (body: the JSON answer or null; error: its `error` text or '')
 * so the caller words its own failures. Only a network failure throws (ApiError, status 0).
 */
export async function requestJson(method, url, { body, token } = {}) {
  const res = await send(method, url, { body, token });
  const json = (await readJson(res)) ?? null;
  return { ok: res.ok, status: res.status, body: json, error: json && typeof json.error === 'string' ? json.error : '' };
}
