import { describe, it, expect } from 'vitest';
import {
  nip01String, serializeEvent, computeEventId, verifyEvent, signEvent, publicKeyOf, generateSecretKey, throwawayKey,
  npubEncode, noteEncode, neventEncode, nip19Decode, parseNostrRef, eventIdFrom, pubkeyFrom, shortNpub, bolt11Msat, eventShapeError,
} from './nostr.js';

// Real events from the public DVM network (shared/fixtures/real-dvm-events.jsonl): an emoji and `/` in strings.
const REAL_FEEDBACK = {
  id: '10f189b23d199354f248deebbb04f604ea7a5d0a7a7eafbcde247128d2a16884',
  pubkey: 'f0abaefb4ca4a30411d6e28fa1219330426a73f486dee090a5198103c45d6817',
  created_at: 1742194115,
  kind: 7000,
  tags: [['e', '815aa21e30973336f2ad2868eb5dd9080e5af0aa2fb73b7d7b796575f6218a20'], ['alt', 'NIP90 DVM task mcp-bridge started processing. '], ['status', 'processing'], ['p', 'ede41352397758154514148b24112308ced96d121229b0e6a66bc5a2b40c03ec']],
  content: 'NIP90 DVM task mcp-bridge started processing. 👍',
  sig: 'e659c5b2f6df6c0513ecba5b80235f6236aba148569ffc50818e549c3c2ea77915713db9763f866d94ac8bd9c8d24029b9de4f064e21fb1c6d9f7d275dfa1ab9',
};
const REAL_REQUEST = {
  id: '64f6f11409f4d96236bbf32c382f15f517d87536130150c649417130d6030965',
  pubkey: 'b326c2556ee4912169ff98c8307942fdae0fa35d979a9250182341740107eead',
  created_at: 1744313252,
  kind: 5312,
  tags: [['param', 'target', '6e468422dfb74a5738702a8823b9b28168abab8655faacb6853cd0ee15deee93'], ['param', 'limit', '6']],
  content: '',
  sig: 'd70a790e4a4dd9bd2b8e912c12f018605a40d07a6e1e80b807bb53d5f62d0eed787a8a4c3c4b0e24eaedd24d480640775e2ef7c0f519eb8e7a327c84161bc443',
};

const SK = '0000000000000000000000000000000000000000000000000000000000000003'; // BIP-340 test vector 0's key
const PK = 'f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9';

describe('NIP-01 serializer', () => {
  it('escapes only the NIP-01 set, other controls as lowercase \\u00xx', () => {
    expect(nip01String('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(nip01String('\n\r\t\b\f')).toBe('"\\n\\r\\t\\b\\f"');
    expect(nip01String('\u0000\u001b\u001f')).toBe('"\\u0000\\u001b\\u001f"');
    expect(nip01String('/ \u007f \u2028 \u2029 é 👍')).toBe('"/ \u007f \u2028 \u2029 é 👍"');
  });

  it('agrees with JSON.stringify on every code unit below 0x80', () => {
    let s = '';
    for (let c = 0; c < 0x80; c++) s += String.fromCharCode(c);
    expect(nip01String(s)).toBe(JSON.stringify(s));
  });

  it('rejects lone surrogates', () => {
    expect(() => nip01String('a\ud800b')).toThrow(/surrogate/);
    expect(() => nip01String('\udc00')).toThrow(/surrogate/);
    expect(nip01String('\ud83d\udc4d')).toBe('"👍"');
  });

  it('serializes [0,pubkey,created_at,kind,tags,content] without whitespace', () => {
    const ev = { pubkey: PK, created_at: 1700000000, kind: 5050, tags: [['i', 'hi', 'text'], ['param', 'model', 'x']], content: '' };
    expect(serializeEvent(ev)).toBe(`[0,"${PK}",1700000000,5050,[["i","hi","text"],["param","model","x"]],""]`);
  });
});

describe('event id and signature', () => {
  it('verifies real events from the network', () => {
    for (const ev of [REAL_FEEDBACK, REAL_REQUEST]) {
      const v = verifyEvent(ev);
      expect(v).toMatchObject({ ok: true, idValid: true, sigValid: true, computedId: ev.id });
    }
  });

  it('signs an event that then verifies, and detects tampering', () => {
    const ev = signEvent({ kind: 5300, created_at: 1795500000, tags: [['param', 'max_results', '10']], content: '' }, SK);
    expect(ev.pubkey).toBe(PK);
    expect(ev.id).toBe(computeEventId(ev));
    expect(verifyEvent(ev).ok).toBe(true);
    // Altered content: the signature still matches the old id, the id no longer re-hashes.
    const altered = { ...ev, content: 'x' };
    expect(verifyEvent(altered)).toMatchObject({ ok: false, idValid: false, sigValid: true });
    // Altered signature.
    const forged = { ...ev, sig: ev.sig.slice(0, 127) + (ev.sig[127] === '0' ? '1' : '0') };
    expect(verifyEvent(forged)).toMatchObject({ ok: false, idValid: true, sigValid: false });
  });

  it('hashes control characters with lowercase escapes (fixture-like event)', () => {
    const content = 'line1\nline2\ttab \u001b[31mred\u001b[0m \u0007bell "quoted" back\\slash é 👍 \u2028';
    const ev = signEvent({ kind: 7000, created_at: 1744305922, tags: [['status', 'error', 'bad\u0000input\u001f'], ['e', REAL_REQUEST.id]], content }, SK);
    const ser = serializeEvent(ev);
    expect(ser).toContain('\\u001b[31mred\\u001b[0m \\u0007bell \\"quoted\\" back\\\\slash é 👍 \u2028');
    expect(ser).toContain('"bad\\u0000input\\u001f"');
    expect(ser).not.toMatch(/\\u00[0-9a-f]*[A-F]/);
    expect(verifyEvent(ev).ok).toBe(true);
    // An uppercase-hex serializer (Jackson's) gives another id.
    const upper = ser.replace(/\\u00([0-9a-f]{2})/g, (_, h) => '\\u00' + h.toUpperCase());
    expect(upper).not.toBe(ser);
  });

  it('reports malformed events instead of throwing', () => {
    expect(eventShapeError({ ...REAL_REQUEST, created_at: '1744313252' })).toMatch(/created_at/);
    expect(eventShapeError({ ...REAL_REQUEST, id: REAL_REQUEST.id.toUpperCase() })).toMatch(/id/);
    expect(eventShapeError({ ...REAL_REQUEST, tags: [['p', null]] })).toMatch(/tags/);
    expect(verifyEvent(null)).toMatchObject({ ok: false, shape: false });
    expect(verifyEvent({ ...REAL_REQUEST, content: 'a\ud800' })).toMatchObject({ ok: false, error: expect.stringMatching(/surrogate/) });
  });

  it('makes throwaway keys and keeps one per storage', () => {
    const sk = generateSecretKey();
    expect(sk).toMatch(/^[0-9a-f]{64}$/);
    expect(publicKeyOf(sk)).toMatch(/^[0-9a-f]{64}$/);
    const store = new Map();
    const storage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
    const a = throwawayKey(storage);
    expect(throwawayKey(storage)).toBe(a);
    expect(store.size).toBe(1);
  });
});

describe('NIP-19', () => {
  it('encodes and decodes npub and note', () => {
    // NIP-19's own example.
    const hex = '3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d';
    expect(npubEncode(hex)).toBe('npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6');
    expect(nip19Decode('npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6')).toMatchObject({ type: 'npub', hex });
    expect(nip19Decode(noteEncode(REAL_REQUEST.id))).toMatchObject({ type: 'note', hex: REAL_REQUEST.id });
  });

  it('round-trips nevent with relays, author and kind', () => {
    const s = neventEncode({ id: REAL_REQUEST.id, relays: ['wss://relay.damus.io'], author: REAL_REQUEST.pubkey, kind: 5312 });
    expect(s.startsWith('nevent1')).toBe(true);
    expect(nip19Decode(s)).toEqual({ type: 'nevent', hex: REAL_REQUEST.id, relays: ['wss://relay.damus.io'], author: REAL_REQUEST.pubkey, kind: 5312 });
  });

  it('classifies what a user typed', () => {
    expect(parseNostrRef(REAL_REQUEST.id.toUpperCase())).toEqual({ kind: 'hex', hex: REAL_REQUEST.id });
    expect(eventIdFrom('nostr:' + noteEncode(REAL_REQUEST.id))).toBe(REAL_REQUEST.id);
    expect(eventIdFrom(npubEncode(PK))).toBeNull();
    expect(pubkeyFrom(npubEncode(PK))).toBe(PK);
    expect(pubkeyFrom(PK)).toBe(PK);
    expect(parseNostrRef('npub1garbage')).toBeNull();
    expect(parseNostrRef('')).toBeNull();
    expect(shortNpub(PK)).toMatch(/^npub1\w{8}…\w{4}$/);
  });
});

describe('bolt11Msat', () => {
  it('reads the HRP amount', () => {
    expect(bolt11Msat('lnbc10n1pxyz')).toBe(1000);
    expect(bolt11Msat('lnbc250n1pxyz')).toBe(25000);
    expect(bolt11Msat('lnbc15450n1pxyz')).toBe(1545000);
    expect(bolt11Msat('lnbc21u1pxyz')).toBe(2100000);
    expect(bolt11Msat('LNBC1m1pxyz')).toBe(100000000);
    expect(bolt11Msat('lntb20p1pxyz')).toBe(2);
    expect(bolt11Msat('lnbcrt5u1pxyz')).toBe(500000);
    expect(bolt11Msat('lnbc1pxyz')).toBeNull(); // any amount
    expect(bolt11Msat('lnbc15p1pxyz')).toBeNull(); // p must end in 0
    expect(bolt11Msat('user@wallet.example')).toBeNull();
    expect(bolt11Msat(undefined)).toBeNull();
  });
});
