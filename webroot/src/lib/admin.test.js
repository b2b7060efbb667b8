import { describe, it, expect } from 'vitest';
import { adminErrorMessage } from './admin.js';

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
