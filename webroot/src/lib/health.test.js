import { describe, expect, it } from 'vitest';
import {
  applyChange,
  formatProbeWindow,
  formatUptime,
  knownState,
  maintenanceWindows,
  sortHealthRows,
  stateLabel,
} from './health.js';

const a = 'a'.repeat(64);
const b = 'b'.repeat(64);
const c = 'c'.repeat(64);

describe('health', () => {
  it('labels states', () => {
    expect(stateLabel('down')).toBe('Down');
    expect(stateLabel('nope')).toBe('Unknown');
    expect(knownState('nope')).toBe('silent');
  });

  it('orders watched first, then down, degraded, up, silent', () => {
    const rows = [
      { pubkey: a, state: 'up' },
      { pubkey: b, state: 'down' },
      { pubkey: c, state: 'silent', watched: true },
    ];
    expect(sortHealthRows(rows).map((r) => r.pubkey)).toEqual([c, b, a]);
  });

  it('applies a live change and re-sorts', () => {
    const rows = [
      { pubkey: a, state: 'up', since: 1 },
      { pubkey: b, state: 'up', since: 1 },
    ];
    const out = applyChange(rows, { pubkey: b, at: 50, state: 'down', previous: 'up', cause: 'lapsed' });
    expect(out[0]).toEqual({ pubkey: b, state: 'down', since: 50, cause: 'lapsed' });
    expect(rows[1].state).toBe('up');
    expect(applyChange(rows, { pubkey: c, at: 9, state: 'up' }).map((r) => r.pubkey)).toContain(c);
    expect(applyChange(rows, { pubkey: c, at: 9, state: 'weird' })).toBe(rows);
    expect(applyChange(out, { pubkey: b, at: 40, state: 'up' })[0].state).toBe('down');
  });

  it('formats uptime rounded down', () => {
    expect(formatUptime(0.99999)).toBe('99.99 %');
    expect(formatUptime(1)).toBe('100.00 %');
    expect(formatUptime(null)).toBe('n/a');
  });

  it('splits maintenance windows into the active one and the upcoming ones', () => {
    const now = { id: 1, start: 10, end: 20, note: 'GPU swap', active: true };
    const later = { id: 2, start: 30, end: 40, note: '', active: false };
    expect(maintenanceWindows([now, later])).toEqual({ active: now, upcoming: [later] });
    expect(maintenanceWindows([later])).toEqual({ active: null, upcoming: [later] });
    expect(maintenanceWindows(undefined)).toEqual({ active: null, upcoming: [] });
  });

  it('formats probe latency per window', () => {
    expect(formatProbeWindow({ p50: 2, p95: 5 })).toBe('p50 2 s · p95 5 s');
    expect(formatProbeWindow({ p50: null, p95: null })).toBe(null);
    expect(formatProbeWindow(undefined)).toBe(null);
  });
});
