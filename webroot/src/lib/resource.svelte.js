// A fetched API document with loading / error state, and a hook that reloads it
// when its URL changes and polls it every 30 s as a fallback to the live stream.
import { untrack } from 'svelte';
import { getJson } from './api.js';
import { rememberUsers } from './directory.svelte.js';

export const POLL_MS = 30000;

export class Resource {
  data = $state(null);
  error = $state(null);
  loading = $state(false);
  /** Date.now() of the last successful load. */
  loadedAt = $state(0);
  url = null;
  #ctrl = null;
  #startedAt = 0;

  /** Load `url`; `silent` keeps the current data visible without a loading state. */
  async load(url = this.url, { silent = false } = {}) {
    if (!url) return;
    if (url !== this.url) silent = false;
    this.url = url;
    this.#ctrl?.abort();
    const ctrl = new AbortController();
    this.#ctrl = ctrl;
    this.#startedAt = Date.now();
    if (!silent) this.loading = true;
    try {
      const data = await getJson(url, { signal: ctrl.signal });
      if (ctrl.signal.aborted) return;
      // Job and event answers name their requesters and authors: every page then shows the same name.
      if (data?.profiles) rememberUsers(data.profiles);
      this.data = data;
      this.error = null;
      this.loadedAt = Date.now();
    } catch (err) {
      if (ctrl.signal.aborted || err?.name === 'AbortError') return;
      this.error = err?.message || String(err);
    } finally {
      if (this.#ctrl === ctrl) {
        this.loading = false;
        this.#ctrl = null;
      }
    }
  }

  /** Reload silently unless a load happened or started less than `minAgeMs` ago. */
  refresh(minAgeMs = 10000) {
    const last = Math.max(this.loadedAt, this.#startedAt);
    if (Date.now() - last < minAgeMs) return;
    this.load(this.url, { silent: true });
  }

  abort() {
    this.#ctrl?.abort();
    this.#ctrl = null;
    this.loading = false;
  }
}

/**
 * Create a Resource bound to a URL getter (reactive: reading $state or $derived
 * values inside `getUrl` reloads when they change). Call during component init.
 * A getter returning null means "nothing to load".
 */
export function useApi(getUrl, { interval = POLL_MS } = {}) {
  const r = new Resource();
  $effect(() => {
    const url = getUrl();
    if (!url) return;
    untrack(() => r.load(url));
    const timer = setInterval(() => r.refresh(interval - 1000), interval);
    return () => {
      clearInterval(timer);
      r.abort();
    };
  });
  return r;
}
