// Live updates from the server: one EventSource, opened by connectStream()
// inside an $effect (App.svelte) whose teardown closes it. The browser
// reconnects by itself (and sends Last-Event-ID, as the server sends ids).
import { pushJob } from './shape.js';
import { healthChanged } from './health.svelte.js';

export const live = $state({
  /** 'connecting' | 'open' | 'reconnecting' | 'closed' */
  status: 'connecting',
  /** Latest `stats` payload (global stats for range 24h). */
  stats: null,
  /** Newest-first `job` payloads received since the page loaded. */
  jobs: [],
});

const jobListeners = new Set();

/**
 * Call `fn(job)` for every `job` message from now on; returns the unsubscribe
 * function (return it from an $effect so the page's teardown removes it).
 */
export function onLiveJob(fn) {
  jobListeners.add(fn);
  return () => jobListeners.delete(fn);
}

export function connectStream(url = '/api/stream') {
  if (typeof EventSource === 'undefined') {
    live.status = 'closed';
    return () => {};
  }
  live.status = 'connecting';
  const es = new EventSource(url);
  es.onopen = () => {
    live.status = 'open';
  };
  es.onerror = () => {
    live.status = es.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting';
  };
  es.addEventListener('stats', (e) => {
    try {
      live.stats = JSON.parse(e.data);
    } catch {
      /* ignore a malformed frame */
    }
  });
  es.addEventListener('job', (e) => {
    try {
      const job = JSON.parse(e.data);
      live.jobs = pushJob(live.jobs, job, 100);
      for (const fn of jobListeners) {
        try {
          fn(job);
        } catch (err) {
          console.warn('live job listener failed', err);
        }
      }
    } catch {
      /* ignore a malformed frame */
    }
  });
  es.addEventListener('health', (e) => {
    try {
      healthChanged(JSON.parse(e.data));
    } catch {
      /* ignore a malformed frame */
    }
  });
  return () => {
    es.close();
    live.status = 'closed';
  };
}
