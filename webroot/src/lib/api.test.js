import { afterEach, describe, it, expect, vi } from 'vitest';
import { getJson, requestJson } from './api.js';

const answer = (status, body) => ({ ok: status >= 200 && status < 300, status, json: async () => (body === undefined ? JSON.parse('<html>') : body) });

describe('api', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('getJson words each failure for a person', async () => {
    vi.stubGlobal('fetch', async (url) => ({ '/a': answer(404, { error: 'no DVM with pubkey ab' }), '/b': answer(400, { error: 'bad range' }), '/c': answer(502), '/d': answer(200) })[url]);
    await expect(getJson('/a')).rejects.toThrow('Not found: no DVM with pubkey ab');
    await expect(getJson('/b')).rejects.toThrow('The API rejected the request: bad range');
    await expect(getJson('/c')).rejects.toThrow('Could not reach the API: 502');
    await expect(getJson('/d')).rejects.toThrow('not JSON');
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(getJson('/a')).rejects.toThrow('network error');
  });

  it('requestJson sends JSON with the token and returns any status with the server error text', async () => {
    const calls = [];
    vi.stubGlobal('fetch', async (url, init) => {
      calls.push({ url, init });
      return answer(429, { error: 'slow down' });
    });
    const res = await requestJson('POST', '/api/playground/publish', { body: { id: 'x' }, token: 't' });
    expect(res).toEqual({ ok: false, status: 429, body: { error: 'slow down' }, error: 'slow down' });
    expect(calls[0].init.method).toBe('POST');
    expect(JSON.parse(calls[0].init.body)).toEqual({ id: 'x' });
    expect(calls[0].init.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer t', 'Content-Type': 'application/json' });
  });
});
