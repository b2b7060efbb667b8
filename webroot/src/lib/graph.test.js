import { describe, it, expect } from 'vitest';
import { initialScale, nodeText, NARROW_PX, pinchZoom } from './graph.js';
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

describe('pinchZoom', () => {
  it('scales by the change of the fingers distance, within the bounds', () => {
    expect(pinchZoom({ startScale: 1, startDist: 100, dist: 150, scale: 1, mid: { x: 0, y: 0 }, scroll: { left: 0, top: 0 } }).scale).toBe(1.5);
    expect(pinchZoom({ startScale: 1, startDist: 100, dist: 50, scale: 1, mid: { x: 0, y: 0 }, scroll: { left: 0, top: 0 } }).scale).toBe(0.5);
    expect(pinchZoom({ startScale: 1.5, startDist: 100, dist: 400, scale: 1.5, mid: { x: 0, y: 0 }, scroll: { left: 0, top: 0 } }).scale).toBe(2);
    expect(pinchZoom({ startScale: 0.5, startDist: 100, dist: 10, scale: 0.5, mid: { x: 0, y: 0 }, scroll: { left: 0, top: 0 } }).scale).toBe(0.2);
  });
  it('keeps the graph point under the midpoint of the fingers in place', () => {
    // at scale 1 the box shows graph x 100..460; fingers centred at box x 180 → graph x 280
    const z = pinchZoom({ startScale: 1, startDist: 100, dist: 200, scale: 1, mid: { x: 180, y: 50 }, scroll: { left: 100, top: 0 } });
    expect(z.scale).toBe(2);
    expect((z.left + 180) / z.scale).toBe(280);
    expect((z.top + 50) / z.scale).toBe(50);
  });
});
