// One display name per pubkey in texts the server wrote (diagnosis messages,
// timeline summaries): those name actors by a shortened npub, which the
// dashboard replaces with the name the tables and the graph show. Pure;
// unit-tested.
import { isHex64, npubEncode } from './nostr.js';
import { displayName } from './format.js';

/**
 * The one display name of a pubkey: a DVM's name (its announcement, else its
 * kind 0), else a requester's kind 0 name, else its short npub.
 */
export function nameFrom(pubkey, dvms, users) {
  return displayName(dvms?.[pubkey]?.name ?? users?.[pubkey]?.name, pubkey);
}

/** The picture shown beside that name (the DVM's, else the requester's), or null. */
export function pictureFrom(pubkey, dvms, users) {
  return dvms?.[pubkey]?.picture ?? users?.[pubkey]?.picture ?? null;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every way a server text may write a pubkey: full npub, short npub (13 or 12 + "…" + 4), hex prefix + "…", full hex. */
export function pubkeyForms(pubkey) {
  if (!isHex64(pubkey)) return [];
  const n = npubEncode(pubkey);
  return [n, n.slice(0, 13) + '…' + n.slice(-4), n.slice(0, 12) + '…' + n.slice(-4), pubkey, pubkey.slice(0, 8) + '…'];
}

/**
 * `text` with every pubkey of `pubkeys` written as `nameOf(pubkey)`. Longer
 * forms are replaced first, so a full npub never turns into "name…".
 */
export function withNames(text, pubkeys, nameOf) {
  if (typeof text !== 'string' || !text) return text ?? '';
  const map = new Map();
  for (const pk of new Set(pubkeys || [])) for (const f of pubkeyForms(pk)) if (!map.has(f)) map.set(f, pk);
  if (!map.size) return text;
  const forms = [...map.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(forms.map(escape).join('|'), 'g');
  return text.replace(re, (m) => nameOf(map.get(m)));
}

/** Every pubkey a job document mentions: actors, authors, findings' DVMs. */
export function jobPubkeys(d) {
  const out = new Set();
  if (d?.request?.user) out.add(d.request.user);
  for (const pk of d?.request?.dvms ?? []) out.add(pk);
  for (const n of d?.nodes ?? []) {
    if (n.pubkey) out.add(n.pubkey);
    if ((n.type === 'dvm' || n.type === 'user') && isHex64(n.id)) out.add(n.id);
  }
  for (const f of d?.diagnosis?.findings ?? []) if (f.dvm) out.add(f.dvm);
  for (const t of d?.timeline ?? []) if (t.pubkey) out.add(t.pubkey);
  return [...out].filter(isHex64);
}
