import { describe, it, expect } from 'vitest';
import { withNames, jobPubkeys, pubkeyForms, nameFrom, pictureFrom } from './names.js';
import { npubEncode, shortNpub } from './nostr.js';
import { displayName } from './format.js';

const A = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const B = 'b'.repeat(64);
const names = { [A]: 'Fresh Feed' };
const nameOf = (pk) => displayName(names[pk], pk);

describe('withNames', () => {
  it('replaces the server short npub by the display name', () => {
    const n = npubEncode(A);
    const serverShort = n.slice(0, 13) + '…' + n.slice(-4);
    expect(withNames(`success: DVM ${serverShort} answered in 3 s`, [A], nameOf)).toBe('success: DVM Fresh Feed answered in 3 s');
  });
  it('replaces full npubs, older short forms and hex prefixes', () => {
    const n = npubEncode(A);
    expect(withNames(`${n} / ${n.slice(0, 12)}…${n.slice(-4)} / ${A.slice(0, 8)}… / ${A}`, [A], nameOf)).toBe('Fresh Feed / Fresh Feed / Fresh Feed / Fresh Feed');
  });
  it('falls back to the same short npub everywhere for unnamed keys', () => {
    expect(withNames(`DVM ${B.slice(0, 8)}… reported an error`, [B], nameOf)).toBe(`DVM ${shortNpub(B)} reported an error`);
    expect(shortNpub(B)).toBe(nameOf(B));
  });
  it('leaves other text alone', () => {
    expect(withNames('no DVM answered', [A], nameOf)).toBe('no DVM answered');
    expect(withNames('x', [], nameOf)).toBe('x');
    expect(withNames(null, [A], nameOf)).toBe('');
    expect(pubkeyForms('zz')).toEqual([]);
  });
});

describe('jobPubkeys', () => {
  it('collects actors, authors and finding DVMs once', () => {
    const d = {
      request: { user: A, dvms: [B] },
      nodes: [{ id: A, type: 'user' }, { id: 'e'.repeat(64), type: 'result', pubkey: B }],
      diagnosis: { findings: [{ dvm: B }] },
    };
    expect(jobPubkeys(d).sort()).toEqual([A, B].sort());
    expect(jobPubkeys(null)).toEqual([]);
  });
});

describe('nameFrom and pictureFrom', () => {
  const dvms = { [A]: { name: 'Fresh Feed', picture: '/a.png' }, [B]: { name: null, picture: null } };
  const users = { [B]: { name: 'alice', picture: '/alice.png' }, ['c'.repeat(64)]: { name: '  ', picture: null } };
  it("uses a DVM's name first, then a requester's kind 0 name, else the short npub", () => {
    expect(nameFrom(A, dvms, users)).toBe('Fresh Feed');
    expect(nameFrom(B, dvms, users)).toBe('alice');
    expect(nameFrom('c'.repeat(64), dvms, users)).toBe(shortNpub('c'.repeat(64)));
    expect(nameFrom('d'.repeat(64), dvms, users)).toBe(shortNpub('d'.repeat(64)));
  });
  it('gives the picture beside that name, or null', () => {
    expect(pictureFrom(A, dvms, users)).toBe('/a.png');
    expect(pictureFrom(B, dvms, users)).toBe('/alice.png');
    expect(pictureFrom('d'.repeat(64), dvms, users)).toBe(null);
  });
});
