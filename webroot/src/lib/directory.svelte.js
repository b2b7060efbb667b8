// Names for pubkeys and kinds, shared by every page: filled from the all-time
// DVM and kind lists and from whatever rows pages load, so feeds and event
// tables can show "Vertex" and "Content discovery (feeds)" instead of hex.
import { untrack } from 'svelte';
import { getJson } from './api.js';
import { rememberStates } from './health.svelte.js';
import { kindLabel, kindName } from './format.js';
import { requestKindOf } from './shape.js';
import { nameFrom, pictureFrom } from './names.js';

export const directory = $state({ dvms: {}, kinds: {}, users: {} });

/** Remember requester profiles ({pubkey: {name, picture}}, the `profiles` of /api/jobs and /api/events answers). */
export function rememberUsers(profiles) {
  if (!profiles || typeof profiles !== 'object') return;
  untrack(() => {
    for (const [pk, p] of Object.entries(profiles)) {
      const old = directory.users[pk];
      if (!old || old.name !== (p?.name ?? null) || old.picture !== (p?.picture ?? null)) {
        directory.users[pk] = { name: p?.name ?? null, picture: p?.picture ?? null };
      }
    }
  });
}

/** Remember DVM rows ({pubkey, name, picture}). */
export function rememberDvms(rows) {
  untrack(() => rememberDvmsNow(rows));
}

function rememberDvmsNow(rows) {
  for (const r of rows || []) {
    if (!r?.pubkey) continue;
    const old = directory.dvms[r.pubkey];
    if (!old || old.name !== (r.name ?? old.name) || (r.picture !== undefined && old.picture !== r.picture)) {
      directory.dvms[r.pubkey] = { name: r.name ?? old?.name ?? null, picture: r.picture ?? old?.picture ?? null };
    }
  }
}

/** Remember kind rows ({kind, name}). */
export function rememberKinds(rows) {
  untrack(() => {
    for (const r of rows || []) {
      if (typeof r?.kind === 'number' && kindName(r.name) && directory.kinds[r.kind] !== kindName(r.name)) directory.kinds[r.kind] = kindName(r.name);
    }
  });
}

export async function loadDirectory() {
  const [dvms, kinds] = await Promise.allSettled([getJson('/api/dvms?range=all&limit=1000'), getJson('/api/kinds?range=all')]);
  if (dvms.status === 'fulfilled') {
    rememberDvms(dvms.value.dvms);
    rememberStates(dvms.value.dvms);
  }
  if (kinds.status === 'fulfilled') rememberKinds(kinds.value.kinds);
}

export function isKnownDvm(pubkey) {
  return pubkey in directory.dvms;
}

export function nameOf(pubkey) {
  return nameFrom(pubkey, directory.dvms, directory.users);
}

export function pictureOf(pubkey) {
  return pictureFrom(pubkey, directory.dvms, directory.users);
}

/** Name of a job event's kind: 6300 → the name of 5300; 7000 → "Job feedback". */
export function kindNameOf(kind) {
  if (kind === 7000) return 'Job feedback';
  const rk = requestKindOf(kind);
  if (rk === null) return kindLabel(kind, null);
  return kindLabel(rk, directory.kinds[rk]);
}
