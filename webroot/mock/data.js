// A fake but self-consistent NIP-90 world for the mock API: DVMs, users and a
// job log (requests, feedback, results, zaps) from which every endpoint's
// figures are computed, so global, per-DVM, per-kind and timeseries numbers
// agree with each other the way the real API's do. No dependencies.

export const RANGE_SECONDS = { '1h': 3600, '24h': 86400, '7d': 7 * 86400, '30d': 30 * 86400 };
export const BUCKET_SECONDS = { '1h': 300, '24h': 3600, '7d': 21600, '30d': 86400, all: 86400 };
const HISTORY_DAYS = 40;

export const KIND_NAMES = {
  5000: 'Text extraction (speech-to-text, OCR)',
  5001: 'Summarization',
  5002: 'Translation',
  5050: 'Text generation (LLM)',
  5100: 'Image generation',
  5250: 'Text-to-speech',
  5300: 'Content discovery (feeds)',
  5301: 'People discovery',
  5302: 'Content search',
  5312: 'Verify Reputation (Vertex)',
  5314: 'Rank Profiles (Vertex)',
  5500: 'Malware scanning',
  5905: 'Event publish schedule',
  5910: 'MCP server call (DVMCP)',
};

// Relative request weights per kind (5300 dominates, like the real network).
const KIND_WEIGHTS = [
  [5300, 60], [5312, 8], [5050, 7], [5100, 6], [5314, 4], [5302, 4], [5910, 3],
  [5002, 2], [5000, 2], [5250, 1.5], [5001, 1], [5500, 0.7], [5905, 0.5], [5472, 0.3],
];

const DVM_SPECS = [
  ['Nostr.Band Trending', [5300], [5300], 1.0, 2.1],
  ['Primal Feeds', [5300], [5300, 5301], 0.9, 1.4],
  ['Noogle Search', [5302, 5300], [5302], 0.8, 3.5],
  ['Vertex', [5312, 5314], [5312, 5314, 5313], 1.0, 0.6],
  ['Image Forge', [5100], [5100], 0.7, 28],
  ['Stable Pixels', [5100], [5100, 5101], 0.5, 41],
  ['Llama Lounge', [5050], [5050], 0.8, 6.5],
  ['GPT Relay Bot', [5050, 5001], [5050, 5001, 5002], 0.6, 9.3],
  ['Whisper Transcriber', [5000], [5000], 0.7, 74],
  ['Babel Fish', [5002], [5002], 0.7, 3.2],
  ['Speakeasy TTS', [5250], [5250], 0.5, 12],
  ['DVMCP Bridge', [5910], [5910], 0.8, 1.9],
  ['MCP Toolbox', [5910], [], 0.5, 4.4],
  ['Malware Scanner', [5500], [5500], 0.6, 95],
  ['Scheduler', [5905], [5905], 0.9, 1.1],
  ['Hot Takes Feed', [5300], [5300], 0.4, 5.5],
  ['Fresh Notes', [5300], [5300], 0.3, 2.8],
  ['', [5300], [], 0.25, 8.0],
  ['', [5472], [5472], 0.2, 0.9],
  ['Sleepy DVM', [5050], [5050], 0.05, 30],
  ['Summarizer 3000', [5001], [5001], 0.4, 15],
  ['People Finder', [5300], [5301, 5303], 0.2, 4],
];

const RELAYS = [
  'wss://relay.damus.io', 'wss://nos.lol', 'wss://relay.primal.net', 'wss://relay.nostr.band',
  'wss://relay.snort.social', 'wss://offchain.pub',
];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createWorld({ seed = 42, now = Math.floor(Date.now() / 1000) } = {}) {
  const rnd = mulberry32(seed);
  const hex = (n = 64) => {
    let s = '';
    while (s.length < n) s += ((rnd() * 4294967296) >>> 0).toString(16).padStart(8, '0');
    return s.slice(0, n);
  };
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const weighted = (pairs) => {
    const total = pairs.reduce((s, p) => s + p[1], 0);
    let x = rnd() * total;
    for (const [v, w] of pairs) if ((x -= w) <= 0) return v;
    return pairs[pairs.length - 1][0];
  };
  const lognormal = (median, sigma = 0.7) => {
    const u = Math.max(1e-9, rnd());
    const v = rnd();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * z);
  };

  const dvms = DVM_SPECS.map(([name, kinds, announced, reliability, medianSeconds], i) => ({
    pubkey: hex(),
    name,
    picture: i % 5 === 4 ? null : `/mock/avatar/${i}.svg`,
    about: name ? `${name} serves ${kinds.map((k) => KIND_NAMES[k] || 'kind ' + k).join(', ')} on Nostr.` : '',
    kinds,
    announced_kinds: announced,
    reliability,
    medianSeconds,
    // Payment behaviour: some DVMs ask for sats.
    price: i % 3 === 0 ? Math.round(5 + rnd() * 200) : i % 4 === 1 ? Math.round(1 + rnd() * 20) : 0,
    errorRate: 0.02 + rnd() * 0.12,
  }));
  const sleepy = dvms.find((d) => d.name === 'Sleepy DVM');
  const users = Array.from({ length: 420 }, () => hex());
  // Every other one of the 20 busiest requesters published a kind 0 profile.
  const userProfiles = Object.fromEntries(users.slice(0, 20).filter((_, i) => i % 2 === 0)
    .map((pk, i) => [pk, { name: `Requester ${i + 1}`, picture: `/mock/avatar/${100 + i}.svg` }]));

  const events = []; // every event, in creation order (not necessarily sorted)
  const byId = new Map();
  const pending = []; // live requests still waiting for answers

  function sign(ev) {
    ev.id = hex();
    ev.sig = hex(128);
    return ev;
  }

  function addEvent(ev, meta) {
    sign(ev);
    const rec = { event: ev, ...meta, relays: RELAYS.filter(() => rnd() < 0.5).slice(0, 3) };
    if (rec.relays.length === 0) rec.relays = [RELAYS[0]];
    rec.first_seen = ev.created_at * 1000 + Math.floor(rnd() * 900);
    events.push(rec);
    byId.set(ev.id, rec);
    return rec;
  }

  function makeRequest(t, kind) {
    const user = rnd() < 0.3 ? users[Math.floor(rnd() * 20)] : pick(users);
    const inputs = {
      5300: [],
      5050: [['i', pick(['Write a haiku about relays', 'Explain zaps to my grandma', 'Summarize NIP-90']), 'text']],
      5100: [['i', pick(['a lighthouse at dusk, oil painting', 'an ostrich riding a bicycle', 'cyberpunk bitcoin city']), 'text']],
      5002: [['i', hex(), 'event'], ['param', 'language', pick(['es', 'de', 'ja', 'fr'])]],
      5312: [['param', 'target', hex()]],
      5314: [['param', 'target', hex()], ['param', 'target', hex()]],
      5302: [['param', 'search', pick(['bitcoin', 'nostr dev', 'coffee', 'zaps'])]],
    };
    const ev = {
      pubkey: user,
      created_at: t,
      kind,
      tags: [...(inputs[kind] || [['i', hex(), 'event']]), ['relays', pick(RELAYS)]],
      content: '',
    };
    return addEvent(ev, { type: 'request', reqKind: kind });
  }

  // Respond to a request with feedback and/or a result from one DVM.
  function respond(req, dvm, at) {
    const out = [];
    const kind = req.reqKind;
    const base = { request_id: req.event.id, dvm: dvm.pubkey, reqKind: kind };
    const respTime = Math.max(0.05, lognormal(dvm.medianSeconds));
    let t = at ?? req.event.created_at + Math.round(respTime);
    if (rnd() < dvm.errorRate) {
      out.push(addEvent({
        pubkey: dvm.pubkey, created_at: Math.min(t, now), kind: 7000,
        tags: [['status', 'error', pick(['model overloaded', 'input not found', 'timeout'])], ['e', req.event.id], ['p', req.event.pubkey]],
        content: '',
      }, { ...base, type: 'feedback', status: 'error' }));
      return out;
    }
    let sats = 0;
    if (dvm.price > 0) {
      const msat = dvm.price * 1000;
      out.push(addEvent({
        pubkey: dvm.pubkey, created_at: Math.min(req.event.created_at + 1, now), kind: 7000,
        tags: [['status', 'payment-required', `Pay ${dvm.price} sats`], ['amount', String(msat), 'lnbc' + hex(40)], ['e', req.event.id], ['p', req.event.pubkey]],
        content: '',
      }, { ...base, type: 'feedback', status: 'payment-required' }));
      sats = dvm.price;
      // Some customers never pay: the job ends at payment-required.
      if (rnd() < 0.12) return out;
    } else if (rnd() < 0.3) {
      out.push(addEvent({
        pubkey: dvm.pubkey, created_at: Math.min(req.event.created_at + 1, now), kind: 7000,
        tags: [['status', 'processing'], ['e', req.event.id], ['p', req.event.pubkey]],
        content: '',
      }, { ...base, type: 'feedback', status: 'processing' }));
    }
    t = Math.min(t, now);
    const content = kind === 5300 ? JSON.stringify([['e', hex()], ['e', hex()], ['e', hex()]])
      : kind === 5050 ? 'Relays relay / notes drift like autumn leaves / signed, yet free to fall'
        : kind === 5100 ? `https://image.example/${hex(16)}.png` : kind === 5312 ? JSON.stringify([{ pubkey: hex(), rank: rnd() }]) : 'done';
    out.push(addEvent({
      pubkey: dvm.pubkey, created_at: t, kind: kind + 1000,
      tags: [['request', JSON.stringify(req.event)], ['e', req.event.id], ['p', req.event.pubkey]],
      content,
    }, { ...base, type: 'result', sats, response: t - req.event.created_at }));
    if (sats > 0 && rnd() < 0.7) {
      addEvent({
        pubkey: hex(), created_at: Math.min(t + 5, now), kind: 9735,
        tags: [['p', dvm.pubkey], ['e', req.event.id], ['k', String(kind)], ['bolt11', 'lnbc' + hex(60)]],
        content: '',
      }, { type: 'zap', dvm: dvm.pubkey, zapSats: sats, reqKind: kind });
    }
    return out;
  }

  function dvmsFor(kind) {
    return dvms.filter((d) => d.kinds.includes(kind));
  }

  function simulateRequest(t, allowFuture = false) {
    const kind = weighted(KIND_WEIGHTS);
    const req = makeRequest(t, kind);
    // Most requests reach one or two of the DVMs serving the kind.
    const candidates = dvmsFor(kind).filter((d) => !(d === sleepy && now - t < 3 * 86400)); // sleepy went quiet
    const chosen = candidates.filter(() => rnd() < 2 / Math.max(2, candidates.length));
    for (const dvm of chosen) {
      if (rnd() < 0.35 + dvm.reliability * 0.6) {
        if (allowFuture) pending.push({ req, dvm });
        else respond(req, dvm);
      }
    }
    return req;
  }

  // History: ~300 requests a day on a daily cycle, growing towards now.
  const start = now - HISTORY_DAYS * 86400;
  for (let t = start; t < now - 60; ) {
    const hourOfDay = (t % 86400) / 3600;
    const growth = 0.6 + 0.8 * ((t - start) / (now - start));
    const rate = (300 / 86400) * growth * (0.6 + 0.4 * Math.sin(((hourOfDay - 8) / 24) * 2 * Math.PI) + 0.4);
    t += Math.max(1, Math.round(-Math.log(Math.max(1e-9, rnd())) / rate));
    if (t >= now - 60) break;
    simulateRequest(t);
  }

  // Drop answers "from the future" (results whose time was clamped are fine).
  const world = { dvms, users, userProfiles, events, byId, relays: RELAYS, now: () => Math.floor(Date.now() / 1000) };

  /** One live step: a new request, or an answer to a pending one. Returns the job events made. */
  world.step = () => {
    const t = Math.floor(Date.now() / 1000);
    if (pending.length > 0 && rnd() < 0.6) {
      const { req, dvm } = pending.shift();
      return respond(req, dvm, t).filter((r) => r.type !== 'zap');
    }
    return [simulateRequest(t, true)];
  };

  /** A signed request a client published (the playground): stored as is, id and sig kept. */
  world.addExternal = (ev) => {
    const rec = { event: ev, type: 'request', reqKind: ev.kind, relays: [RELAYS[0], RELAYS[1]], first_seen: Date.now() };
    events.push(rec);
    byId.set(ev.id, rec);
    return rec;
  };

  /** DVMs that answer a published request: the p-tagged ones, else up to two serving its kind. */
  world.respondersFor = (ev) => {
    const targets = ev.tags.filter((t) => t[0] === 'p').map((t) => t[1]);
    const pool = targets.length ? dvms.filter((d) => targets.includes(d.pubkey)) : dvms.filter((d) => d.kinds.includes(ev.kind) && d !== sleepy);
    return pool.slice(0, targets.length ? targets.length : 2);
  };

  /** Live answer of a simulated DVM to a published request: 'processing' feedback, then a result. */
  world.answer = (req, dvm, phase) => {
    const t = Math.max(req.event.created_at, Math.floor(Date.now() / 1000));
    const base = { request_id: req.event.id, dvm: dvm.pubkey, reqKind: req.reqKind };
    if (phase === 'feedback') {
      return addEvent({ pubkey: dvm.pubkey, created_at: t, kind: 7000, tags: [['status', 'processing'], ['e', req.event.id], ['p', req.event.pubkey]], content: '' },
        { ...base, type: 'feedback', status: 'processing' });
    }
    const content = req.reqKind === 5300 ? JSON.stringify([['e', hex()], ['e', hex()], ['e', hex()]]) : 'Relays relay / notes drift like autumn leaves / signed, yet free to fall';
    return addEvent({ pubkey: dvm.pubkey, created_at: t, kind: req.reqKind + 1000, tags: [['request', JSON.stringify(req.event)], ['e', req.event.id], ['p', req.event.pubkey]], content },
      { ...base, type: 'result', sats: 0, response: t - req.event.created_at });
  };

  return world;
}

// ---------------------------------------------------------------------------
// Figures, computed from the log like docs/metrics.md describes.

export function windowStart(range, now) {
  if (range === 'all') return 0;
  return now - RANGE_SECONDS[range];
}

/** The `range`, `window_start` (null for all) and `now` every windowed answer carries. */
function windowFields(range, start, now) {
  return { range, window_start: range === 'all' ? null : start, now };
}

/** Catalog name of a request kind; the real API answers "Unregistered" for unknown kinds. */
export function kindCatalogName(kind) {
  return KIND_NAMES[kind] || 'Unregistered';
}

function inWindow(rec, start, now) {
  const t = rec.event.created_at;
  return t >= start && t <= now;
}

function dvmProfile(world, pubkey) {
  return world.dvms.find((d) => d.pubkey === pubkey);
}

function pct(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

function round2(x) {
  return x === null ? null : Math.round(x * 100) / 100;
}

export function aggregate(world, range) {
  const now = world.now();
  const start = windowStart(range, now);
  const recs = world.events.filter((r) => inWindow(r, start, now));
  const g = { job_requests: 0, job_results: 0, job_feedback: 0, users: new Set(), dvms: new Set(), kinds: new Set(), sats: 0 };
  const perDvm = new Map();
  const perKind = new Map();
  const D = (pk) => {
    if (!perDvm.has(pk)) perDvm.set(pk, { job_requests: 0, pairs: new Set(), job_results: 0, job_feedback: 0, errors: 0, sats_earned: 0, sats_zapped: 0, times: [], kinds: new Set(), byKind: new Map() });
    return perDvm.get(pk);
  };
  const K = (k) => {
    if (!perKind.has(k)) perKind.set(k, { job_requests: 0, job_results: 0, job_feedback: 0, sats_paid: 0, sats_zapped: 0, dvms: new Set(), times: [], perDvm: new Map() });
    return perKind.get(k);
  };
  for (const r of recs) {
    if (r.type === 'request') {
      g.job_requests++;
      g.users.add(r.event.pubkey);
      g.kinds.add(r.reqKind);
      K(r.reqKind).job_requests++;
    } else if (r.type === 'result' || r.type === 'feedback') {
      const d = D(r.dvm);
      const k = K(r.reqKind);
      g.dvms.add(r.dvm);
      g.kinds.add(r.reqKind);
      d.kinds.add(r.reqKind);
      k.dvms.add(r.dvm);
      if (!d.pairs.has(r.request_id)) {
        d.pairs.add(r.request_id);
        d.job_requests++;
      }
      if (!k.perDvm.has(r.dvm)) k.perDvm.set(r.dvm, { job_results: 0, sats_earned: 0, times: [] });
      const kd = k.perDvm.get(r.dvm);
      if (!d.byKind.has(r.reqKind)) d.byKind.set(r.reqKind, { job_results: 0, sats_earned: 0, times: [] });
      const dk = d.byKind.get(r.reqKind);
      if (r.type === 'result') {
        g.job_results++;
        d.job_results++;
        k.job_results++;
        kd.job_results++;
        dk.job_results++;
        g.sats += r.sats;
        d.sats_earned += r.sats;
        k.sats_paid += r.sats;
        kd.sats_earned += r.sats;
        dk.sats_earned += r.sats;
        d.times.push(r.response);
        k.times.push(r.response);
        kd.times.push(r.response);
        dk.times.push(r.response);
      } else {
        g.job_feedback++;
        d.job_feedback++;
        k.job_feedback++;
        if (r.status === 'error') d.errors++;
      }
    } else if (r.type === 'zap') {
      D(r.dvm).sats_zapped += r.zapSats;
      if (r.reqKind) K(r.reqKind).sats_zapped += r.zapSats;
    }
  }
  return { now, start, recs, g, perDvm, perKind };
}

const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function globalStats(world, range) {
  const { now, start, g, perDvm, perKind } = aggregate(world, range);
  const top = (map, f) => {
    let best = null;
    for (const [key, v] of map) if (v[f] > 0 && (!best || v[f] > best[1][f])) best = [key, v];
    return best;
  };
  const pd = top(perDvm, 'job_results');
  const md = top(perDvm, 'sats_earned');
  const pk = top(perKind, 'job_requests');
  const mk = top(perKind, 'sats_paid');
  return {
    ...windowFields(range, start, now),
    job_requests: g.job_requests,
    job_results: g.job_results,
    job_feedback: g.job_feedback,
    unique_users: g.users.size,
    unique_dvms: g.dvms.size,
    unique_kinds: g.kinds.size,
    total_sats: g.sats,
    clock_skew_anomalies: 3,
    most_popular_dvm: pd ? { pubkey: pd[0], name: dvmProfile(world, pd[0])?.name || null, job_results: pd[1].job_results } : null,
    most_paid_dvm: md ? { pubkey: md[0], name: dvmProfile(world, md[0])?.name || null, sats_earned: md[1].sats_earned } : null,
    most_popular_kind: pk ? { kind: pk[0], name: kindCatalogName(pk[0]), job_requests: pk[1].job_requests } : null,
    most_paid_kind: mk ? { kind: mk[0], name: kindCatalogName(mk[0]), sats_paid: mk[1].sats_paid } : null,
  };
}

export function timeseries(world, range, { kind, dvm } = {}) {
  const now = world.now();
  const start = windowStart(range, now);
  const bucket = BUCKET_SECONDS[range];
  const buckets = new Map();
  const B = (t) => {
    const b = Math.floor(t / bucket) * bucket;
    if (!buckets.has(b)) buckets.set(b, { t: b, job_requests: 0, job_results: 0, job_feedback: 0, users: new Set(), dvms: new Set(), sats: 0, times: [] });
    return buckets.get(b);
  };
  const reqAuthor = (id) => world.byId.get(id)?.event.pubkey;
  let first = Infinity;
  for (const r of world.events) {
    if (!inWindow(r, start, now)) continue;
    if (r.type === 'zap') continue;
    if (kind && r.reqKind !== kind) continue;
    if (dvm && r.type === 'request') continue;
    if (dvm && r.dvm !== dvm) continue;
    const b = B(r.event.created_at);
    first = Math.min(first, b.t);
    if (r.type === 'request') {
      b.job_requests++;
      b.users.add(r.event.pubkey);
    } else {
      b.dvms.add(r.dvm);
      if (r.type === 'result') {
        b.job_results++;
        b.sats += r.sats;
        if (r.response >= 0) b.times.push(Math.floor(r.response));
        if (dvm) {
          b.job_requests++;
          b.users.add(reqAuthor(r.request_id));
        }
      } else b.job_feedback++;
    }
  }
  const from = range === 'all' ? (first === Infinity ? Math.floor(now / bucket) * bucket : first) : Math.floor(start / bucket) * bucket;
  const points = [];
  for (let t = from; t <= now; t += bucket) {
    const b = buckets.get(t);
    points.push(b
      ? { t, job_requests: b.job_requests, job_results: b.job_results, job_feedback: b.job_feedback, unique_users: b.users.size, unique_dvms: b.dvms.size, sats: b.sats,
          p50_response_seconds: nearestRank(b.times, 50), p95_response_seconds: nearestRank(b.times, 95) }
      : { t, job_requests: 0, job_results: 0, job_feedback: 0, unique_users: 0, unique_dvms: 0, sats: 0, p50_response_seconds: null, p95_response_seconds: null });
  }
  return { ...windowFields(range, start, now), bucket_seconds: bucket, points };
}

/** Nearest-rank percentile (docs/metrics.md): the value at position ceil(p·n) of the sorted values; null when none. */
function nearestRank(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1];
}

function lastSeenMap(world) {
  const first = new Map();
  const last = new Map();
  for (const r of world.events) {
    if (r.type !== 'result' && r.type !== 'feedback') continue;
    const t = r.event.created_at;
    if (!first.has(r.dvm) || t < first.get(r.dvm)) first.set(r.dvm, t);
    if (!last.has(r.dvm) || t > last.get(r.dvm)) last.set(r.dvm, t);
  }
  return { first, last };
}

function dvmRow(world, pubkey, d, seen) {
  const p = dvmProfile(world, pubkey) || {};
  const times = [...d.times].sort((a, b) => a - b);
  return {
    pubkey,
    name: p.name || null,
    picture: p.picture || null,
    about: p.about || null,
    kinds: [...d.kinds].sort((a, b) => a - b),
    announced_kinds: p.announced_kinds || [],
    job_requests: d.job_requests,
    job_results: d.job_results,
    job_feedback: d.job_feedback,
    errors: d.errors,
    avg_response_seconds: round2(mean(times)),
    p50_response_seconds: round2(pct(times, 0.5)),
    p95_response_seconds: round2(pct(times, 0.95)),
    sats_earned: d.sats_earned,
    sats_zapped: d.sats_zapped,
    first_seen: seen.first.get(pubkey) ?? null,
    last_seen: seen.last.get(pubkey) ?? null,
  };
}

export const DVM_SORTS = ['job_results', 'job_requests', 'job_feedback', 'errors', 'sats_earned', 'sats_zapped', 'avg_response_seconds', 'last_seen', 'name'];

export function dvmList(world, range, { sort = 'job_results', limit = 100, offset = 0 } = {}) {
  const { now, start, perDvm } = aggregate(world, range);
  const seen = lastSeenMap(world);
  let rows = [...perDvm.entries()]
    .filter(([, d]) => d.job_results + d.job_feedback > 0)
    .map(([pk, d]) => dvmRow(world, pk, d, seen));
  rows.sort((a, b) => {
    if (sort === 'name') return (a.name || '\uffff').localeCompare(b.name || '\uffff');
    const av = a[sort] ?? -Infinity;
    const bv = b[sort] ?? -Infinity;
    return bv - av || a.pubkey.localeCompare(b.pubkey);
  });
  const total = rows.length;
  rows = rows.slice(offset, offset + limit);
  return { ...windowFields(range, start, now), total, dvms: rows };
}

export function dvmDetail(world, range, pubkey) {
  const p = dvmProfile(world, pubkey);
  const { now, start, perDvm } = aggregate(world, range);
  const seen = lastSeenMap(world);
  if (!p && !seen.last.has(pubkey)) return null;
  const d = perDvm.get(pubkey) || { job_requests: 0, job_results: 0, job_feedback: 0, errors: 0, sats_earned: 0, sats_zapped: 0, times: [], kinds: new Set(), byKind: new Map() };
  const row = dvmRow(world, pubkey, d, seen);
  row.by_kind = [...d.byKind.entries()]
    .map(([kind, v]) => ({ kind, name: kindCatalogName(kind), job_results: v.job_results, sats_earned: v.sats_earned, avg_response_seconds: round2(mean(v.times)), p50_response_seconds: nearestRank(v.times.map(Math.floor), 50), p95_response_seconds: nearestRank(v.times.map(Math.floor), 95) }))
    .sort((a, b) => b.job_results - a.job_results);
  return { ...windowFields(range, start, now), ...row };
}

function announcedCount(world, kind) {
  return world.dvms.filter((d) => d.announced_kinds.includes(kind)).length;
}

function kindRow(world, kind, k) {
  return {
    kind,
    name: kindCatalogName(kind),
    job_requests: k.job_requests,
    job_results: k.job_results,
    job_feedback: k.job_feedback,
    sats_paid: k.sats_paid,
    sats_zapped: k.sats_zapped,
    dvm_count: k.dvms.size,
    announced_dvm_count: announcedCount(world, kind),
    avg_response_seconds: round2(mean(k.times)),
  };
}

export function kindList(world, range) {
  const { now, start, perKind } = aggregate(world, range);
  const kinds = [...perKind.entries()].map(([kind, k]) => kindRow(world, kind, k)).sort((a, b) => b.job_requests - a.job_requests);
  return { ...windowFields(range, start, now), kinds };
}

export function kindDetail(world, range, kind) {
  const { now, start, perKind } = aggregate(world, range);
  const k = perKind.get(kind);
  // 404 for a kind never seen (in any range) nor announced, like the real API.
  if (!k && !world.events.some((r) => r.reqKind === kind) && announcedCount(world, kind) === 0) return null;
  const kk = k || { job_requests: 0, job_results: 0, job_feedback: 0, sats_paid: 0, sats_zapped: 0, dvms: new Set(), times: [], perDvm: new Map() };
  const row = kindRow(world, kind, kk);
  row.dvms = [...kk.perDvm.entries()]
    .map(([pk, v]) => ({ pubkey: pk, name: dvmProfile(world, pk)?.name || null, job_results: v.job_results, sats_earned: v.sats_earned, avg_response_seconds: round2(mean(v.times)), p50_response_seconds: nearestRank(v.times.map(Math.floor), 50), p95_response_seconds: nearestRank(v.times.map(Math.floor), 95) }))
    .sort((a, b) => b.job_results - a.job_results);
  return { ...windowFields(range, start, now), ...row };
}

export function eventList(world, { kind, author, ref, limit = 50, until } = {}) {
  let out = world.events;
  if (kind !== undefined) out = out.filter((r) => r.event.kind === kind);
  if (author) out = out.filter((r) => r.event.pubkey === author);
  if (ref) out = out.filter((r) => r.event.tags.some((t) => t[0] === 'e' && t[1] === ref));
  if (until !== undefined) out = out.filter((r) => r.event.created_at <= until);
  out = [...out].sort((a, b) => b.event.created_at - a.event.created_at).slice(0, Math.min(limit, 500));
  // Like the real API: each entry is {event, first_seen (ms), relays}, as /api/events/{id}.
  return { events: out.map((r) => ({ event: r.event, first_seen: r.first_seen, relays: r.relays })) };
}

const INVALID_REASONS = ['malformed_json', 'wrong_types', 'id_mismatch', 'bad_signature', 'oversized', 'future_timestamp', 'excluded_kind', 'unexpected_kind'];

/** `invalid` (the total) and `invalid_by_reason` (every reason, zeros included), as the real API sends them. */
function invalidCounts(some) {
  const by = Object.fromEntries(INVALID_REASONS.map((r) => [r, some[r] ?? 0]));
  return { invalid: Object.values(by).reduce((a, b) => a + b, 0), invalid_by_reason: by };
}

export function relayList(world) {
  const now = world.now();
  return {
    relays: world.relays.map((url, i) => ({
      url,
      connected: i !== 4 && i !== 2,
      paused: i === 2,
      events: 120000 - i * 17000 + Math.floor(world.events.length / (i + 1)),
      ...invalidCounts(i === 3 ? { malformed_json: 30, bad_signature: 9, future_timestamp: 3 } : { id_mismatch: i }),
      duplicates: 50000 - i * 6000,
      last_event_at: i === 4 ? now - 5400 : now - i * 3,
      last_error: i === 4 ? 'connection refused (retrying in 60 s)' : i === 3 ? 'rate-limited: slow down' : null,
      reconnects: i === 4 ? 7 : i === 3 ? 1 : 0,
      eose_received: i === 4 ? 0 : 3,
    })),
  };
}

/** The `job` SSE payload for a job event record. */
export function jobPayload(rec) {
  return {
    id: rec.event.id,
    kind: rec.event.kind,
    type: rec.type,
    pubkey: rec.event.pubkey,
    created_at: rec.event.created_at,
    request_id: rec.request_id ?? null,
    status: rec.status ?? null,
  };
}
