// Health state of every DVM the dashboard has seen (pubkey → 'up' | 'degraded' | 'down' | 'silent'), from the DVM
// lists and /api/health, kept current by the stream's `health` events (live.svelte.js).
import { untrack } from 'svelte';
import { STATES } from './health.js';

export const health = $state({ states: {} });

const listeners = new Set();

/** Remember the `state` of rows ({pubkey, state}). */
export function rememberStates(rows) {
  untrack(() => {
    for (const r of rows || []) {
      if (r?.pubkey && STATES.includes(r.state) && health.states[r.pubkey] !== r.state) health.states[r.pubkey] = r.state;
    }
  });
}

/** Call `fn(change)` for every `health` stream event from now on; returns the unsubscribe function. */
export function onLiveHealth(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** A `health` stream event {pubkey, at, state, previous, cause}. */
export function healthChanged(change) {
  rememberStates([change]);
  for (const fn of listeners) {
    try {
      fn(change);
    } catch (err) {
      console.warn('live health listener failed', err);
    }
  }
}
