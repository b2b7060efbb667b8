// fetch() wrapper that turns every failure into a sentence a person can read.

export class ApiError extends Error {
  constructor(message, status = 0) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** GET a JSON document from the API; throws ApiError with a friendly message. */
export async function getJson(url, { signal } = {}) {
  let res;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError('Could not reach the API: the server did not answer (network error).', 0);
  }
  if (!res.ok) {
    let detail = '';
    try {
      const body = await res.json();
      if (body && typeof body.error === 'string') detail = body.error;
    } catch {
      /* not JSON: a proxy error page */
    }
    if (res.status === 404) throw new ApiError(detail ? `Not found: ${detail}` : 'Not found.', 404);
    if (res.status === 400) throw new ApiError(detail ? `The API rejected the request: ${detail}` : 'The API rejected the request (400).', 400);
    throw new ApiError(`Could not reach the API: ${res.status}${detail ? ` (${detail})` : ''}`, res.status);
  }
  try {
    return await res.json();
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError('The API answered with something that is not JSON.', res.status);
  }
}
