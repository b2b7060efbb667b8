import { afterEach, describe, it, expect, vi } from 'vitest';
import { addMaintenance, adminErrorMessage, localInputToUnix, removeMaintenance } from './admin.js';

describe('adminErrorMessage', () => {
  it('tells a wrong token from a disabled admin API', () => {
    expect(adminErrorMessage(401, 'missing or wrong admin token')).toMatch(/Wrong or missing admin token/);
    expect(adminErrorMessage(403, 'admin API disabled')).toMatch(/disabled on this server/);
  });
  it('shows the server message of a rejected change', () => {
    expect(adminErrorMessage(400, 'relay URL must start with ws:// or wss://: http://x')).toBe('The server rejected the change: relay URL must start with ws:// or wss://: http://x (400).');
    expect(adminErrorMessage(404, 'no such relay: wss://x')).toBe('Not found: no such relay: wss://x (404).');
  });
});

describe('maintenance windows', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads a datetime-local value as local time', () => {
    expect(localInputToUnix('2026-12-07T10:00')).toBe(Math.floor(new Date(2026, 11, 7, 10, 0).getTime() / 1000));
    expect(localInputToUnix('')).toBe(null);
    expect(localInputToUnix('soon')).toBe(null);
  });

  it('posts a window and deletes one by id, with the token', async () => {
    const calls = [];
    vi.stubGlobal('fetch', async (path, init) => {
      calls.push({ path, init });
      return { ok: true, status: 200, json: async () => ({ id: 7 }) };
    });
    expect(await addMaintenance('tok', 'npub1x', 100, 200, 'GPU swap')).toEqual({ id: 7 });
    await removeMaintenance('tok', 7);
    expect(calls[0].path).toBe('/api/admin/maintenance');
    expect(calls[0].init.method).toBe('POST');
    expect(JSON.parse(calls[0].init.body)).toEqual({ pubkey: 'npub1x', start: 100, end: 200, note: 'GPU swap' });
    expect(calls[0].init.headers.Authorization).toBe('Bearer tok');
    expect(calls[1].path).toBe('/api/admin/maintenance?id=7');
    expect(calls[1].init.method).toBe('DELETE');
  });
});
