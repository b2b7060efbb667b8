import { describe, it, expect } from 'vitest';
import { initialScale, nodeText, NARROW_PX } from './graph.js';
import { shortNpub } from './nostr.js';

describe('initialScale', () => {
  it('keeps full size on a phone and fits wide screens down to 60 %', () => {
    expect(initialScale(358, 900)).toBe(1);
    expect(initialScale(NARROW_PX - 1, 5000)).toBe(1);
    expect(initialScale(1200, 800)).toBe(1);
    expect(initialScale(1200, 1600)).toBe(0.75);
    expect(initialScale(1200, 6000)).toBe(0.6);
    expect(initialScale(0, 100)).toBe(1);
  });
});

describe('nodeText names', () => {
  it('falls back to the short npub, like every other place', () => {
    const pk = 'c'.repeat(64);
    expect(nodeText({ type: 'dvm', pubkey: pk })).toEqual({ title: 'DVM', sub: shortNpub(pk) });
  });
});
