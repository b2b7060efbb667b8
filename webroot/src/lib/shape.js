// Pure data-shaping helpers (no DOM, no Svelte), unit-tested with Vitest.
import { displayName } from './format.js';

export const RANGES = ['1h', '24h', '7d', '30d', 'all'];
export const DEFAULT_RANGE = '24h';
export const RANGE_LABELS = { '1h': '1 hour', '24h': '24 hours', '7d': '7 days', '30d': '30 days', all: 'All time' };

/** A valid range from a query value, else the default. */
export function parseRange(value) {
  return RANGES.includes(value) ? value : DEFAULT_RANGE;
}

/** A DVM is "live" when it finished something within the last hour. */
export const LIVE_SECONDS = 3600;
export function isLive(lastSeen, now = Date.now() / 1000) {
  return typeof lastSeen === 'number' && now - lastSeen <= LIVE_SECONDS;
}

/**
 * Error rate of a DVM = error feedback ÷ job requests (job pairs); null when it
 * had no requests in the window. Capped at 1 (several errors for one job).
 */
export function errorRate(dvm) {
  if (!dvm || !(dvm.job_requests > 0)) return null;
  return Math.min(1, (dvm.errors || 0) / dvm.job_requests);
}

/**
 * Timeseries points → uPlot's columnar data: [[t…], [field1…], [field2…]].
 * Missing values become null (a gap), points are sorted by time.
 */
export function toUplotData(points, fields) {
  const sorted = [...(points || [])].sort((a, b) => a.t - b.t);
  const data = [sorted.map((p) => p.t)];
  for (const f of fields) data.push(sorted.map((p) => (typeof p[f] === 'number' ? p[f] : null)));
  return data;
}

/** Sum of one field over the points (e.g. total sats in the plotted window). */
export function sumField(points, field) {
  let s = 0;
  for (const p of points || []) if (typeof p[field] === 'number') s += p[field];
  return s;
}

/** Value used to sort a DVM row by a column key. */
export function dvmSortValue(row, key) {
  switch (key) {
    case 'name':
      return displayName(row.name, row.pubkey).toLowerCase();
    case 'error_rate':
      return errorRate(row);
    case 'kinds':
      return (row.kinds || []).length;
    case 'live':
      return row.last_seen ?? null;
    default:
      return row[key] ?? null;
  }
}

/**
 * Stable sort of rows by a key; `dir` is 'asc' or 'desc'. Nulls always go last,
 * strings compare case-insensitively.
 */
export function sortRows(rows, key, dir = 'desc', valueOf = dvmSortValue) {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: valueOf(row, key) }))
    .sort((a, b) => {
      const an = a.v === null || a.v === undefined;
      const bn = b.v === null || b.v === undefined;
      if (an || bn) return an === bn ? a.i - b.i : an ? 1 : -1;
      let c;
      if (typeof a.v === 'string' || typeof b.v === 'string') c = String(a.v).localeCompare(String(b.v));
      else c = a.v - b.v;
      return c !== 0 ? c * sign : a.i - b.i;
    })
    .map((x) => x.row);
}

/**
 * Filter DVM rows by a free-text query: every word must match the name, the
 * about text, the pubkey prefix, a kind number, or a kind's name.
 */
export function filterDvms(rows, query, kindNames = {}) {
  const words = String(query || '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const kinds = [...new Set([...(row.kinds || []), ...(row.announced_kinds || [])])];
    const hay = [
      (row.name || '').toLowerCase(),
      (row.about || '').toLowerCase(),
      ...kinds.map((k) => String(k)),
      ...kinds.map((k) => (kindNames[k] || '').toLowerCase()),
    ];
    const pk = (row.pubkey || '').toLowerCase();
    return words.every((w) => pk.startsWith(w) || hay.some((h) => h.includes(w)));
  });
}

/** Kinds a DVM announced but was not seen serving, and served but never announced. */
export function compareKinds(observed = [], announced = []) {
  const o = new Set(observed);
  const a = new Set(announced);
  const all = [...new Set([...observed, ...announced])].sort((x, y) => x - y);
  return all.map((kind) => ({ kind, observed: o.has(kind), announced: a.has(kind) }));
}

/** Request kind a job event belongs to: 5xxx stays, 6xxx → −1000, 7000 → null. */
export function requestKindOf(kind) {
  if (kind >= 5000 && kind <= 5999) return kind;
  if (kind >= 6000 && kind <= 6999) return kind - 1000;
  return null;
}

/** Job type of a raw event kind. */
export function jobTypeOf(kind) {
  if (kind >= 5000 && kind <= 5999) return 'request';
  if (kind >= 6000 && kind <= 6999) return 'result';
  if (kind === 7000) return 'feedback';
  if (kind === 9735) return 'zap';
  if (kind === 31990) return 'announcement';
  if (kind === 0) return 'profile';
  return 'other';
}

/** Prepend a job to a newest-first feed, dropping duplicates, keeping `max`. */
export function pushJob(feed, job, max = 50) {
  if (!job || !job.id) return feed;
  const rest = feed.filter((j) => j.id !== job.id);
  const next = [job, ...rest];
  next.sort((a, b) => (b.created_at ?? 0) - (a.created_at ?? 0));
  return next.slice(0, max);
}

/** The value of the first tag with this name, e.g. tagValue(ev.tags, 'status'). */
export function tagValue(tags, name) {
  const t = (tags || []).find((x) => Array.isArray(x) && x[0] === name);
  return t ? t[1] : undefined;
}

/**
 * Entries of an /api/events list → plain Nostr events, newest first, unique by id.
 * The API wraps each entry as {event, first_seen (ms), relays}; both are kept on
 * the returned event. Several lists can be passed (e.g. requests and results of
 * one kind); an event present in more than one appears once.
 */
export function eventsOf(...lists) {
  const byId = new Map();
  for (const list of lists) {
    for (const entry of list || []) {
      const ev = entry && typeof entry.event === 'object' && entry.event !== null ? { ...entry.event, first_seen: entry.first_seen ?? null, relays: entry.relays ?? [] } : entry;
      if (!ev || typeof ev.id !== 'string' || byId.has(ev.id)) continue;
      byId.set(ev.id, ev);
    }
  }
  return [...byId.values()].sort((a, b) => (b.created_at ?? 0) - (a.created_at ?? 0));
}

/**
 * Results of discovery/search kinds carry a JSON list of tags as content
 * ([["e", id], …]): "6 notes", "3 profiles", "2 items"; null for other content.
 */
export function tagListSummary(content) {
  const s = String(content || '').trim();
  if (!s.startsWith('[')) return null;
  let v;
  try {
    v = JSON.parse(s);
  } catch {
    return null;
  }
  if (!Array.isArray(v) || !v.every((t) => Array.isArray(t) && typeof t[0] === 'string')) return null;
  const what = v.length && v.every((t) => t[0] === 'e') ? 'note' : v.length && v.every((t) => t[0] === 'p') ? 'profile' : 'item';
  return `${v.length.toLocaleString('en-US')} ${what}${v.length === 1 ? '' : 's'}`;
}

/** A one-line summary of an event for recent-event tables. */
export function eventSummary(ev, max = 120) {
  if (!ev) return '';
  const enc = (ev.tags || []).some((t) => t[0] === 'encrypted');
  let text;
  if (enc) text = 'Encrypted';
  else if (ev.kind === 7000) {
    const st = (ev.tags || []).find((t) => t[0] === 'status');
    const amount = (ev.tags || []).find((t) => t[0] === 'amount');
    text = st ? st[1] + (st[2] ? ': ' + st[2] : '') : '';
    if (amount && amount[1]) text += ` (${Math.floor(Number(amount[1]) / 1000).toLocaleString('en-US')} sats)`;
    if (!text && ev.content) text = ev.content;
  } else if (ev.content) text = tagListSummary(ev.content) ?? ev.content;
  else {
    const i = (ev.tags || []).find((t) => t[0] === 'i');
    // Requests without input (e.g. feeds) are described by their params: "user 23f077ef…, max_results 29".
    const params = (ev.tags || []).filter((t) => t[0] === 'param' && t[1]).map((t) => `${t[1]} ${/^[0-9a-f]{64}$/.test(t[2] ?? '') ? t[2].slice(0, 8) + '…' : t[2] ?? ''}`.trim());
    text = i ? i[1] : tagValue(ev.tags, 'alt') || params.join(', ');
  }
  text = String(text).replace(/\s+/g, ' ').trim();
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** Build a query string from params, skipping empty values. */
export function queryString(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}
