// Nostr in the browser: the NIP-01 canonical serializer, event id and BIP-340
// signature checks, signing (throwaway keys for the playground), NIP-19 bech32
// (npub, note, nevent, nprofile) and BOLT11 invoice amounts. Pure functions
// (except the sessionStorage key helper), unit-tested with Vitest.
import { schnorr } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes, concatBytes } from '@noble/hashes/utils.js';
import { bech32 } from '@scure/base';

const HEX64 = /^[0-9a-f]{64}$/;
const HEX128 = /^[0-9a-f]{128}$/;

export const isHex64 = (s) => typeof s === 'string' && HEX64.test(s);

const ESCAPES = { 0x22: '\\"', 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x08: '\\b', 0x0c: '\\f' };

/**
 * A JSON string literal as NIP-01 wants it: only `"`, `\`, LF, CR, TAB, BS, FF
 * get short escapes; other C0 controls are `\u00xx` with lowercase hex; `/`,
 * DEL, U+2028/2029 and all non-ASCII stay verbatim. A lone surrogate has no
 * UTF-8 form: it throws.
 */
export function nip01String(s) {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (ESCAPES[c]) out += ESCAPES[c];
    else if (c < 0x20) out += '\\u00' + c.toString(16).padStart(2, '0');
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) throw new Error('lone surrogate in a string');
      out += s[i] + s[i + 1];
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) throw new Error('lone surrogate in a string');
    else out += s[i];
  }
  return out + '"';
}

/** Why an event is malformed (NIP-01 types and hex forms), or null when it is well-formed. */
export function eventShapeError(ev) {
  if (!ev || typeof ev !== 'object') return 'not an object';
  if (!isHex64(ev.id)) return 'id is not 64 lowercase hex';
  if (!isHex64(ev.pubkey)) return 'pubkey is not 64 lowercase hex';
  if (typeof ev.sig !== 'string' || !HEX128.test(ev.sig)) return 'sig is not 128 lowercase hex';
  if (!Number.isSafeInteger(ev.created_at) || ev.created_at < 0) return 'created_at is not a whole number of seconds';
  if (!Number.isInteger(ev.kind) || ev.kind < 0 || ev.kind > 65535) return 'kind is not an integer 0-65535';
  if (!Array.isArray(ev.tags) || !ev.tags.every((t) => Array.isArray(t) && t.every((x) => typeof x === 'string'))) return 'tags are not arrays of strings';
  if (typeof ev.content !== 'string') return 'content is not a string';
  return null;
}

/** The canonical serialization `[0,pubkey,created_at,kind,tags,content]` (NIP-01), without whitespace. */
export function serializeEvent(ev) {
  const tags = '[' + ev.tags.map((t) => '[' + t.map(nip01String).join(',') + ']').join(',') + ']';
  return `[0,${nip01String(ev.pubkey)},${ev.created_at},${ev.kind},${tags},${nip01String(ev.content)}]`;
}

/** sha256 of the canonical serialization, as 64 lowercase hex. */
export function computeEventId(ev) {
  return bytesToHex(sha256(utf8ToBytes(serializeEvent(ev))));
}

/**
 * Check an event: { ok, shape, idValid, sigValid, computedId, error }.
 * `sigValid` is the BIP-340 check of `sig` over the *claimed* id; an event is
 * genuine only when both hold (a valid signature over an id that does not
 * re-hash means altered fields).
 */
export function verifyEvent(ev) {
  const shape = eventShapeError(ev);
  if (shape) return { ok: false, shape: false, idValid: false, sigValid: false, computedId: null, error: shape };
  let computedId;
  try {
    computedId = computeEventId(ev);
  } catch (err) {
    return { ok: false, shape: false, idValid: false, sigValid: false, computedId: null, error: err.message };
  }
  const idValid = computedId === ev.id;
  let sigValid = false;
  try {
    sigValid = schnorr.verify(hexToBytes(ev.sig), hexToBytes(ev.id), hexToBytes(ev.pubkey));
  } catch {
    sigValid = false;
  }
  return { ok: idValid && sigValid, shape: true, idValid, sigValid, computedId, error: null };
}

/** A new random secret key (64 hex). */
export function generateSecretKey() {
  return bytesToHex(schnorr.utils.randomSecretKey());
}

/** The x-only public key (64 hex) of a secret key (64 hex). */
export function publicKeyOf(secretKeyHex) {
  return bytesToHex(schnorr.getPublicKey(hexToBytes(secretKeyHex)));
}

/** Sign an event template {kind, tags, content, created_at?} with a secret key: the full event. */
export function signEvent(template, secretKeyHex) {
  const ev = {
    pubkey: publicKeyOf(secretKeyHex),
    created_at: template.created_at ?? Math.floor(Date.now() / 1000),
    kind: template.kind,
    tags: template.tags ?? [],
    content: template.content ?? '',
  };
  ev.id = computeEventId(ev);
  ev.sig = bytesToHex(schnorr.sign(hexToBytes(ev.id), hexToBytes(secretKeyHex)));
  return { id: ev.id, pubkey: ev.pubkey, created_at: ev.created_at, kind: ev.kind, tags: ev.tags, content: ev.content, sig: ev.sig };
}

const THROWAWAY_KEY = 'dvmdash-playground-key';

/** The playground's throwaway secret key: made once per browser tab, kept in sessionStorage, never sent anywhere. */
export function throwawayKey(storage = globalThis.sessionStorage) {
  let k = null;
  try {
    k = storage?.getItem(THROWAWAY_KEY);
  } catch {
    /* storage blocked */
  }
  if (!isHex64(k)) {
    k = generateSecretKey();
    try {
      storage?.setItem(THROWAWAY_KEY, k);
    } catch {
      /* storage blocked: the key lives as long as the page */
    }
  }
  return k;
}

// ---------------------------------------------------------------------------
// NIP-19

const BECH32_LIMIT = 5000;

function encodeBytes(prefix, bytes) {
  return bech32.encode(prefix, bech32.toWords(bytes), BECH32_LIMIT);
}

export const npubEncode = (hex) => encodeBytes('npub', hexToBytes(hex));
export const noteEncode = (hex) => encodeBytes('note', hexToBytes(hex));

/** nevent with the id, optional relay hints, author and kind (TLV). */
export function neventEncode({ id, relays = [], author, kind }) {
  const parts = [tlv(0, hexToBytes(id))];
  for (const r of relays) parts.push(tlv(1, utf8ToBytes(r)));
  if (author) parts.push(tlv(2, hexToBytes(author)));
  if (Number.isInteger(kind)) parts.push(tlv(3, new Uint8Array([(kind >>> 24) & 255, (kind >>> 16) & 255, (kind >>> 8) & 255, kind & 255])));
  return encodeBytes('nevent', concatBytes(...parts));
}

function tlv(type, value) {
  return concatBytes(new Uint8Array([type, value.length]), value);
}

function parseTlv(bytes) {
  const out = {};
  for (let i = 0; i + 2 <= bytes.length; ) {
    const t = bytes[i];
    const len = bytes[i + 1];
    const v = bytes.slice(i + 2, i + 2 + len);
    if (v.length !== len) throw new Error('truncated TLV');
    (out[t] ??= []).push(v);
    i += 2 + len;
  }
  return out;
}

/**
 * Decode a NIP-19 string: { type: 'npub'|'note'|'nevent'|'nprofile', hex, relays, author, kind }.
 * Throws on anything else or a bad checksum.
 */
export function nip19Decode(str) {
  const { prefix, words } = bech32.decode(String(str).trim().toLowerCase(), BECH32_LIMIT);
  const bytes = bech32.fromWords(words);
  const dec = new TextDecoder();
  if (prefix === 'npub' || prefix === 'note') {
    if (bytes.length !== 32) throw new Error(`${prefix} must hold 32 bytes`);
    return { type: prefix, hex: bytesToHex(bytes), relays: [] };
  }
  if (prefix === 'nevent' || prefix === 'nprofile') {
    const t = parseTlv(bytes);
    if (!t[0] || t[0][0].length !== 32) throw new Error(`${prefix} has no 32-byte id`);
    const out = { type: prefix, hex: bytesToHex(t[0][0]), relays: (t[1] || []).map((b) => dec.decode(b)) };
    if (t[2]?.[0]?.length === 32) out.author = bytesToHex(t[2][0]);
    if (t[3]?.[0]?.length === 4) out.kind = new DataView(t[3][0].buffer, t[3][0].byteOffset, 4).getUint32(0);
    return out;
  }
  throw new Error(`unsupported NIP-19 prefix ${prefix}`);
}

/**
 * What a user typed or a URL holds: hex (64), note/nevent (an event) or
 * npub/nprofile (a pubkey). { kind: 'hex'|'event'|'pubkey', hex } or null.
 */
export function parseNostrRef(input) {
  const s = String(input ?? '').trim().replace(/^nostr:/i, '');
  if (/^[0-9a-fA-F]{64}$/.test(s)) return { kind: 'hex', hex: s.toLowerCase() };
  try {
    const d = nip19Decode(s);
    return { kind: d.type === 'note' || d.type === 'nevent' ? 'event' : 'pubkey', hex: d.hex, relays: d.relays, author: d.author ?? null };
  } catch {
    return null;
  }
}

/** Event id in hex from hex / note / nevent, else null. */
export function eventIdFrom(input) {
  const r = parseNostrRef(input);
  return r && r.kind !== 'pubkey' ? r.hex : null;
}

/** Pubkey in hex from hex / npub / nprofile, else null. */
export function pubkeyFrom(input) {
  const r = parseNostrRef(input);
  return r && r.kind !== 'event' ? r.hex : null;
}

/** "npub1abcdefg…wxyz" for display (full npub when `full`). */
export function shortNpub(hex, full = false) {
  if (!isHex64(hex)) return hex ?? '';
  const n = npubEncode(hex);
  // The same form as the server's texts (Wording.shortNpub): "npub1" + 8 characters + "…" + the last 4.
  return full ? n : n.slice(0, 13) + '…' + n.slice(-4);
}

// ---------------------------------------------------------------------------
// BOLT11

const MULT = { m: 100000000n, u: 100000n, n: 100n };

/**
 * The amount of a BOLT11 invoice in msat (a Number), or null for an
 * any-amount or unparsable invoice. The HRP is everything before the last `1`:
 * `ln` + currency (bc, tb, tbs, bcrt) + optional amount and multiplier.
 */
export function bolt11Msat(invoice) {
  if (typeof invoice !== 'string') return null;
  const s = invoice.trim().toLowerCase().replace(/^lightning:/, '');
  const sep = s.lastIndexOf('1');
  if (sep < 0) return null;
  const m = s.slice(0, sep).match(/^ln(bcrt|tbs|bc|tb)(\d+)?([munp])?$/);
  if (!m || !m[2]) return null;
  const n = BigInt(m[2]);
  if (m[2].length > 1 && m[2][0] === '0') return null;
  let msat;
  if (!m[3]) msat = n * 100000000000n;
  else if (m[3] === 'p') {
    if (n % 10n !== 0n) return null;
    msat = n / 10n;
  } else msat = n * MULT[m[3]];
  return msat > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(msat);
}
