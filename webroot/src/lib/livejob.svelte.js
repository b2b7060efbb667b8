// One job of GET /api/jobs/{id} kept current, for the job view and the
// playground: waits (at most 4 s) for a just-published request to come back
// from the relays, refetches (coalesced) when the stream brings an event of
// the job or of a job in its chain, and reads the results' contents from
// /api/events?ref= whenever the set of result nodes changes. Call it while a
// component initialises (it registers effects).
import { untrack } from 'svelte';
import { Resource, useApi } from './resource.svelte.js';
import { onLiveJob, live } from './live.svelte.js';
import { refetchOnLive } from './refetch.svelte.js';

export function useLiveJob(getId, { sent = false } = {}) {
  const firstId = getId();
  let ready = $state(!sent || live.jobs.some((j) => j.id === firstId));
  let updatedAt = $state(0);
  $effect(() => {
    if (ready) return;
    const id = getId();
    const t = setTimeout(() => (ready = true), 4000);
    const off = onLiveJob((m) => {
      if (m.id === id || m.request_id === id) ready = true;
    });
    return () => {
      clearTimeout(t);
      off();
    };
  });
  const job = useApi(() => (ready ? `/api/jobs/${encodeURIComponent(getId())}` : null));
  const d = $derived(job.data);
  const req = $derived(d?.request);
  const jobIds = $derived(new Set((d?.nodes ?? []).filter((n) => n.type === 'request').map((n) => n.id).concat(req ? [req.id] : [])));
  const eventIds = $derived(new Set((d?.nodes ?? []).filter((n) => !['dvm', 'user'].includes(n.type)).map((n) => n.id)));
  const resultIds = $derived((d?.nodes ?? []).filter((n) => n.type === 'result' && (n.job ?? req?.id) === req?.id).map((n) => n.id));
  const answers = new Resource();
  $effect(() => {
    const key = resultIds.join(',');
    if (!req || !key) return;
    untrack(() => answers.load(`/api/events?ref=${req.id}&limit=100`, { silent: true }));
  });
  const resultEvents = $derived.by(() => {
    const ids = new Set(resultIds);
    return (answers.data?.events ?? []).map((e) => e.event).filter((e) => e && ids.has(e.id)).sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
  });

  refetchOnLive(
    onLiveJob,
    job,
    (m) => {
      const id = getId();
      return jobIds.has(m.request_id) || jobIds.has(m.id) || eventIds.has(m.request_id) || m.id === id || m.request_id === id;
    },
    { delayMs: 250, onReload: () => (updatedAt = Date.now()) },
  );

  return {
    job,
    answers,
    get ready() {
      return ready;
    },
    get updatedAt() {
      return updatedAt;
    },
    get d() {
      return d;
    },
    get req() {
      return req;
    },
    get resultIds() {
      return resultIds;
    },
    get resultEvents() {
      return resultEvents;
    },
  };
}
