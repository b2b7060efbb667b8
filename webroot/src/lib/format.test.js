import { describe, it, expect } from 'vitest';
import {
  formatNumber, formatCompact, formatSats, formatDuration, formatRelative, formatDateTime,
  formatPercent, completionRatio, shortPubkey, displayName, kindLabel, DASH,
} from './format.js';

const S = '\u00a0'; // the no-break space used between numbers and units

describe('formatNumber', () => {
  it('adds thousands separators', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(12.6)).toBe('13');
  });
  it('shows a dash for missing values', () => {
    expect(formatNumber(null)).toBe(DASH);
    expect(formatNumber(undefined)).toBe(DASH);
    expect(formatNumber(NaN)).toBe(DASH);
  });
});

describe('formatCompact', () => {
  it('abbreviates', () => {
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(1234)).toBe('1.2k');
    expect(formatCompact(250000)).toBe('250k');
    expect(formatCompact(3400000)).toBe('3.4M');
    expect(formatCompact(1.1e9)).toBe('1.1B');
  });
});

describe('formatSats', () => {
  it('formats with separators and unit', () => {
    expect(formatSats(21000)).toBe(`21,000${S}sats`);
    expect(formatSats(1)).toBe(`1${S}sat`);
    expect(formatSats(0)).toBe(`0${S}sats`);
    expect(formatSats(1234567, { unit: false })).toBe('1,234,567');
    expect(formatSats(null)).toBe(DASH);
  });
});

describe('formatDuration', () => {
  it('uses ms below a second', () => {
    expect(formatDuration(0.35)).toBe(`350${S}ms`);
    expect(formatDuration(0)).toBe(`0${S}ms`);
  });
  it('uses one decimal below 10 s', () => {
    expect(formatDuration(1.234)).toBe(`1.2${S}s`);
    expect(formatDuration(9.94)).toBe(`9.9${S}s`);
    expect(formatDuration(9.96)).toBe(`10${S}s`);
  });
  it('uses whole seconds, then minutes and seconds', () => {
    expect(formatDuration(42)).toBe(`42${S}s`);
    expect(formatDuration(60)).toBe(`1${S}min`);
    expect(formatDuration(184)).toBe(`3${S}min 4${S}s`);
  });
  it('uses hours and days for long durations', () => {
    expect(formatDuration(7500)).toBe(`2${S}h 5${S}min`);
    expect(formatDuration(7200)).toBe(`2${S}h`);
    expect(formatDuration(180000)).toBe(`2${S}d 2${S}h`);
  });
  it('shows a dash for null or negative', () => {
    expect(formatDuration(null)).toBe(DASH);
    expect(formatDuration(-1)).toBe(DASH);
  });
});

describe('formatRelative', () => {
  const now = 1_700_000_000;
  it('formats the past', () => {
    expect(formatRelative(now - 3, now)).toBe('just now');
    expect(formatRelative(now - 45, now)).toBe(`45${S}s ago`);
    expect(formatRelative(now - 300, now)).toBe(`5${S}min ago`);
    expect(formatRelative(now - 3 * 3600 - 5, now)).toBe(`3${S}h ago`);
    expect(formatRelative(now - 2 * 86400, now)).toBe(`2${S}d ago`);
    expect(formatRelative(now - 90 * 86400, now)).toBe(`3${S}mo ago`);
    expect(formatRelative(now - 800 * 86400, now)).toBe(`2${S}y ago`);
  });
  it('formats the future', () => {
    expect(formatRelative(now + 240, now)).toBe(`in 4${S}min`);
  });
  it('says never for missing', () => {
    expect(formatRelative(null, now)).toBe('never');
  });
});

describe('formatDateTime', () => {
  it('formats UTC', () => {
    expect(formatDateTime(0)).toBe('1970-01-01 00:00:00 UTC');
    expect(formatDateTime(null)).toBe(DASH);
  });
});

describe('formatPercent and completionRatio', () => {
  it('formats ratios', () => {
    expect(formatPercent(0.875)).toBe(`87.5${S}%`);
    expect(formatPercent(0.5)).toBe(`50${S}%`);
    expect(formatPercent(1.4234)).toBe(`142${S}%`);
    expect(formatPercent(0)).toBe(`0${S}%`);
    expect(formatPercent(0.123456)).toBe(`12.3${S}%`);
    expect(formatPercent(null)).toBe(DASH);
  });
  it('completion can exceed 1 and is null without requests', () => {
    expect(completionRatio(150, 100)).toBe(1.5);
    expect(completionRatio(5, 0)).toBeNull();
    expect(completionRatio(null, 10)).toBeNull();
  });
});

describe('names', () => {
  const pk = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
  it('shortens pubkeys', () => {
    expect(shortPubkey(pk)).toBe('a1b2c3d4…');
    expect(shortPubkey('abc')).toBe('abc');
    expect(shortPubkey(null)).toBe(DASH);
  });
  it('prefers a name over the pubkey', () => {
    expect(displayName('  Vertex ', pk)).toBe('Vertex');
    expect(displayName('', pk)).toMatch(/^npub1\w{8}…\w{4}$/);
    expect(displayName(null, pk)).toBe(displayName('  ', pk));
    expect(displayName(null, 'abc')).toBe('abc');
  });
  it('labels kinds', () => {
    expect(kindLabel(5300, 'Content discovery (feeds)')).toBe('Content discovery (feeds)');
    expect(kindLabel(5123, null)).toBe('Kind 5123');
    // The API's catalog answers "Unregistered" for unknown kinds: show the number instead.
    expect(kindLabel(5123, 'Unregistered')).toBe('Kind 5123');
    expect(kindLabel(5204, 'Unregistered, mostly encrypted')).toBe('Unregistered, mostly encrypted');
  });
});
