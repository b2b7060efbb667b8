// Mock DVMDash API + static server for development and browser tests.
// Node only, no dependencies. Serves every /api endpoint with fake but
// consistent JSON, an SSE stream (/api/stream: `job` every 2 s, `stats` every
// 5 s), and webroot/dist with an index.html fallback for client routes.
//
//   node mock/server.js [--port 8787]          (PORT env works too; 0 = free port)
//   node mock/server.js --vite                 (also start Vite's dev server proxying /api here)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createWorld, globalStats, timeseries, dvmList, dvmDetail, kindList, kindDetail, eventList,
  relayList, jobPayload, DVM_SORTS, RANGE_SECONDS,
} from './data.js';
import { jobList, jobGraph, publishError, JOB_STATUSES } from './jobs.js';
import { eventIdFrom, pubkeyFrom } from '../src/lib/nostr.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_DIST = path.resolve(here, '..', 'dist');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const AVATAR_COLORS = ['#2563eb', '#7c3aed', '#db2777', '#059669', '#d97706', '#0891b2', '#4f46e5', '#dc2626'];

function avatarSvg(i) {
  const c = AVATAR_COLORS[i % AVATAR_COLORS.length];
  const letter = String.fromCharCode(65 + (i % 26));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${c}"/><circle cx="32" cy="26" r="12" fill="#fff" opacity=".85"/><rect x="14" y="42" width="36" height="18" rx="9" fill="#fff" opacity=".85"/><text x="32" y="31" font-family="sans-serif" font-size="14" font-weight="700" text-anchor="middle" fill="${c}">${letter}</text></svg>`;
}

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const fail = (res, status, message) => sendJson(res, status, { error: message });

function parseRangeParam(q, res) {
  const range = q.get('range') ?? '24h';
  if (range !== 'all' && !(range in RANGE_SECONDS)) {
    fail(res, 400, 'range must be one of 1h, 24h, 7d, 30d, all');
    return null;
  }
  return range;
}

function intParam(q, name, res, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    fail(res, 400, `invalid ${name}: ${v}`);
    return null;
  }
  return Number(v);
}

export function createMockServer({ distDir = DEFAULT_DIST, jobIntervalMs = 2000, statsIntervalMs = 5000, seed = 42, log = false } = {}) {
  const world = createWorld({ seed });
  const clients = new Set();
  let eventSeq = 0;

  function broadcast(name, data) {
    eventSeq++;
    const frame = `event: ${name}\nid: ${eventSeq}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of clients) res.write(frame);
  }

  // DVM health: every DVM up since an hour ago, the last one silent; setHealth() changes a state live.
  const health = new Map();
  const nowSec = () => Math.floor(Date.now() / 1000);
  world.dvms.forEach((d, i) => {
    const silent = i === world.dvms.length - 1;
    health.set(d.pubkey, { pubkey: d.pubkey, name: d.name ?? null, state: silent ? 'silent' : 'up', since: silent ? null : nowSec() - 3600,
      cause: silent ? 'no evidence' : 'heartbeat at ' + (nowSec() - 3660), last_heartbeat_at: silent ? null : nowSec() - 60, last_evidence_at: nowSec() - 60, watched: i === 0 });
  });
  function setHealth(pubkey, state, cause = `mock: ${state}`) {
    const h = health.get(pubkey);
    const change = { pubkey, at: nowSec(), state, previous: h?.state ?? 'silent', cause };
    health.set(pubkey, { ...(h ?? { pubkey, name: null, watched: false }), state, since: change.at, cause });
    broadcast('health', change);
    return change;
  }
  // setMaintenance() replaces a DVM's maintenance windows ({id, start, end, note, active}) as its health shows them.
  function setMaintenance(pubkey, windows) {
    const h = health.get(pubkey);
    if (h) health.set(pubkey, { ...h, maintenance: windows });
  }
  function healthOf(pubkey) {
    const h = health.get(pubkey);
    if (!h) return null;
    return { pubkey, name: h.name, state: h.state, since: h.since, cause: h.cause, last_heartbeat_at: h.last_heartbeat_at ?? null,
      last_probe: null, last_job: null, maintenance: h.maintenance ?? [],
      probe_seconds: { '24h': { p50: null, p95: null }, '7d': { p50: null, p95: null }, '30d': { p50: null, p95: null } },
      evaluated_at: nowSec() - 120,
      uptime: { '24h': h.state === 'silent' ? null : 0.9875, '7d': h.state === 'silent' ? null : 0.995, '30d': null }, outages: [] };
  }

  const jobTimer = setInterval(() => {
    for (const rec of world.step()) broadcast('job', jobPayload(rec));
  }, jobIntervalMs);
  const statsTimer = setInterval(() => broadcast('stats', globalStats(world, '24h')), statsIntervalMs);
  const keepAlive = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, 15000);

  // A published request comes back through the "relays" a moment later; the
  // simulated DVMs answer kinds 5050 and 5300 (processing feedback, then a result ~1 s later).
  const liveTimers = new Set();
  function later(ms, fn) {
    const t = setTimeout(() => {
      liveTimers.delete(t);
      fn();
    }, ms);
    liveTimers.add(t);
  }
  function publishLive(ev) {
    later(150, () => {
      const rec = world.addExternal(ev);
      broadcast('job', jobPayload(rec));
      if (ev.kind !== 5050 && ev.kind !== 5300) return;
      for (const dvm of world.respondersFor(ev)) {
        later(300, () => broadcast('job', jobPayload(world.answer(rec, dvm, 'feedback'))));
        later(1000, () => broadcast('job', jobPayload(world.answer(rec, dvm, 'result'))));
      }
    });
  }

  function api(req, res, url) {
    const q = url.searchParams;
    const p = url.pathname;
    let m;
    if (p === '/api/stream') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
      res.write('retry: 3000\n\n');
      res.write(`event: stats\nid: ${eventSeq}\ndata: ${JSON.stringify(globalStats(world, '24h'))}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (p === '/api/stats/global') {
      const range = parseRangeParam(q, res);
      if (range) sendJson(res, 200, globalStats(world, range));
      return;
    }
    if (p === '/api/stats/timeseries') {
      const range = parseRangeParam(q, res);
      if (!range) return;
      const kind = intParam(q, 'kind', res);
      if (kind === null) return;
      const dvm = q.get('dvm') || undefined;
      if (dvm && !/^[0-9a-f]{64}$/.test(dvm)) return fail(res, 400, `invalid dvm: ${dvm}`);
      sendJson(res, 200, timeseries(world, range, { kind, dvm }));
      return;
    }
    if (p === '/api/dvms') {
      const range = parseRangeParam(q, res);
      if (!range) return;
      const sort = q.get('sort') || 'job_results';
      if (!DVM_SORTS.includes(sort)) return fail(res, 400, `invalid sort: ${sort}`);
      const limit = intParam(q, 'limit', res, { min: 1, max: 1000 });
      if (limit === null) return;
      const offset = intParam(q, 'offset', res);
      if (offset === null) return;
      const list = dvmList(world, range, { sort, limit: limit ?? 100, offset: offset ?? 0 });
      list.dvms = list.dvms.map((d) => ({ ...d, state: health.get(d.pubkey)?.state ?? 'silent' }));
      sendJson(res, 200, list);
      return;
    }
    if (p === '/api/health') return sendJson(res, 200, { now: nowSec(), dvms: [...health.values()] });
    if ((m = p.match(/^\/api\/dvms\/([^/]+)\/health$/))) {
      const pk = decodeURIComponent(m[1]);
      if (!/^[0-9a-f]{64}$/.test(pk)) return fail(res, 400, `invalid pubkey: ${pk}`);
      const h = healthOf(pk);
      return h ? sendJson(res, 200, h) : fail(res, 404, `no DVM with pubkey ${pk}`);
    }
    if ((m = p.match(/^\/api\/dvms\/([^/]+)$/))) {
      const range = parseRangeParam(q, res);
      if (!range) return;
      const pk = decodeURIComponent(m[1]);
      if (!/^[0-9a-f]{64}$/.test(pk)) return fail(res, 400, `invalid pubkey: ${pk}`);
      const d = dvmDetail(world, range, pk);
      return d ? sendJson(res, 200, d) : fail(res, 404, `no DVM with pubkey ${pk}`);
    }
    if (p === '/api/kinds') {
      const range = parseRangeParam(q, res);
      if (range) sendJson(res, 200, kindList(world, range));
      return;
    }
    if ((m = p.match(/^\/api\/kinds\/([^/]+)$/))) {
      const range = parseRangeParam(q, res);
      if (!range) return;
      if (!/^\d+$/.test(m[1])) return fail(res, 400, 'kind must be an integer');
      if (Number(m[1]) < 5000 || Number(m[1]) > 5999) return fail(res, 400, 'kind must be a job request kind (5000-5999)');
      const d = kindDetail(world, range, Number(m[1]));
      return d ? sendJson(res, 200, d) : fail(res, 404, `kind ${m[1]} has never been seen`);
    }
    if ((m = p.match(/^\/api\/events\/([^/]+)$/))) {
      const rec = world.byId.get(m[1]);
      if (!rec) return fail(res, 404, `no event with id ${m[1]}`);
      return sendJson(res, 200, { event: rec.event, first_seen: rec.first_seen, relays: rec.relays });
    }
    if (p === '/api/events') {
      const kind = intParam(q, 'kind', res);
      const limit = intParam(q, 'limit', res, { min: 1, max: 500 });
      const until = intParam(q, 'until', res);
      if (kind === null || limit === null || until === null) return;
      sendJson(res, 200, eventList(world, { kind, author: q.get('author') || undefined, ref: q.get('ref') || undefined, limit: limit ?? 50, until }));
      return;
    }
    if (p === '/api/relays') return sendJson(res, 200, relayList(world));
    if (p === '/api/jobs') {
      const kind = intParam(q, 'kind', res);
      const limit = intParam(q, 'limit', res, { min: 1, max: 500 });
      const until = intParam(q, 'until', res);
      if (kind === null || limit === null || until === null) return;
      if (kind !== undefined && (kind < 5000 || kind > 5999)) return fail(res, 400, 'kind must be a job request kind (5000-5999)');
      const status = q.get('status') || undefined;
      if (status && !JOB_STATUSES.includes(status)) return fail(res, 400, `invalid status: ${status}`);
      const who = {};
      for (const k of ['dvm', 'user']) {
        if (!q.get(k)) continue;
        who[k] = pubkeyFrom(q.get(k));
        if (!who[k]) return fail(res, 400, `invalid ${k}: ${q.get(k)}`);
      }
      return sendJson(res, 200, jobList(world, { kind, status, limit: limit ?? 50, until, ...who }));
    }
    if ((m = p.match(/^\/api\/jobs\/([^/]+)$/))) {
      const id = eventIdFrom(decodeURIComponent(m[1]));
      if (!id) return fail(res, 400, `invalid id: ${m[1]}`);
      const g = jobGraph(world, id);
      return g ? sendJson(res, 200, g) : fail(res, 404, `no job found for ${id}`);
    }
    if (p === '/api/playground/publish') {
      if (req.method !== 'POST') return fail(res, 405, 'use POST');
      const chunks = [];
      let size = 0;
      req.on('data', (c) => {
        size += c.length;
        if (size <= 70 * 1024) chunks.push(c);
      });
      req.on('end', () => {
        let ev;
        try {
          ev = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return fail(res, 400, 'body is not JSON');
        }
        const why = publishError(ev, size);
        if (why) return fail(res, 400, why);
        if (world.byId.has(ev.id)) return sendJson(res, 200, { id: ev.id, relays: 2 });
        publishLive(ev);
        sendJson(res, 200, { id: ev.id, relays: 2 });
      });
      return;
    }
    fail(res, 404, `no such endpoint: ${p}`);
  }

  function serveStatic(req, res, url) {
    let m;
    if ((m = url.pathname.match(/^\/mock\/avatar\/(\d+)\.svg$/))) {
      res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=3600' });
      res.end(avatarSvg(Number(m[1])));
      return;
    }
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    let file = path.join(distDir, rel);
    if (!file.startsWith(distDir)) return fail(res, 400, 'bad path');
    let isFallback = false;
    if (!rel || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      // Missing hashed assets are a real 404; client routes get index.html.
      if (rel.startsWith('assets/')) return fail(res, 404, 'not found');
      file = path.join(distDir, 'index.html');
      isFallback = true;
    }
    if (!fs.existsSync(file)) {
      res.writeHead(503, { 'Content-Type': 'text/plain' });
      res.end(`No build found in ${distDir}. Run "npm run build" first.`);
      return;
    }
    const ext = path.extname(file);
    const immutable = !isFallback && rel.startsWith('assets/');
    res.writeHead(200, {
      'Content-Type': MIME[ext] || 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    fs.createReadStream(file).pipe(res);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (log) console.log(req.method, url.pathname + url.search);
    try {
      if (url.pathname.startsWith('/api/')) api(req, res, url);
      else serveStatic(req, res, url);
    } catch (err) {
      console.error(err);
      if (!res.headersSent) fail(res, 500, 'mock server error: ' + err.message);
    }
  });

  return {
    server,
    world,
    setHealth,
    setMaintenance,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const addr = server.address();
          resolve(`http://${host}:${addr.port}`);
        });
      });
    },
    close() {
      clearInterval(jobTimer);
      clearInterval(statsTimer);
      clearInterval(keepAlive);
      for (const t of liveTimers) clearTimeout(t);
      for (const res of clients) res.end();
      clients.clear();
      const done = new Promise((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      return done;
    },
  };
}

// CLI
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  const port = Number(portArg >= 0 ? args[portArg + 1] : process.env.PORT ?? 8787);
  const mock = createMockServer({ log: args.includes('--log') });
  const url = await mock.listen(port);
  console.log(`Mock DVMDash API on ${url} (serving ${DEFAULT_DIST})`);
  if (args.includes('--vite')) {
    process.env.API_TARGET = url;
    const { createServer } = await import('vite');
    const vite = await createServer({ root: path.resolve(here, '..') });
    await vite.listen();
    vite.printUrls();
  }
  const stop = async () => {
    await mock.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
