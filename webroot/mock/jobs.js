// Job endpoints of the mock API: GET /api/jobs (recent jobs with filters),
// GET /api/jobs/{id} (graph, timeline, diagnosis; docs/debugging.md, simplified:
// the mock world has no chains) and the checks of POST /api/playground/publish.
import { verifyEvent, npubEncode } from '../src/lib/nostr.js';
import { kindCatalogName } from './data.js';

const HEX64 = /^[0-9a-f]{64}$/;
export const JOB_STATUSES = ['waiting', 'processing', 'payment-required', 'error', 'success'];

const shortNpub = (pk) => {
  const n = npubEncode(pk);
  return n.slice(0, 13) + '…' + n.slice(-4);
};
const byTimeThenId = (a, b) => a.event.created_at - b.event.created_at || (a.event.id < b.event.id ? -1 : 1);

/** request id → {feedback: [rec], results: [rec], zaps: [rec]} over the whole log. */
function responseIndex(world) {
  const idx = new Map();
  const get = (id) => {
    if (!idx.has(id)) idx.set(id, { feedback: [], results: [], zaps: [] });
    return idx.get(id);
  };
  for (const r of world.events) {
    if (r.type === 'feedback') get(r.request_id).feedback.push(r);
    else if (r.type === 'result') get(r.request_id).results.push(r);
    else if (r.type === 'zap') {
      const e = r.event.tags.find((t) => t[0] === 'e')?.[1];
      if (e) get(e).zaps.push(r);
    }
  }
  return idx;
}

const statusTag = (r) => r.event.tags.find((t) => t[0] === 'status');

export function jobStatus(resp) {
  if (!resp) return 'waiting';
  if (resp.results.length || resp.feedback.some((f) => statusTag(f)?.[1] === 'success')) return 'success';
  if (!resp.feedback.length) return 'waiting';
  const latest = [...resp.feedback].sort(byTimeThenId).at(-1);
  const st = statusTag(latest)?.[1];
  return st === 'payment-required' || st === 'error' ? st : 'processing';
}

function answeringDvms(resp) {
  const all = [...(resp?.feedback ?? []), ...(resp?.results ?? [])].sort(byTimeThenId);
  return [...new Set(all.map((r) => r.event.pubkey))];
}

export function jobList(world, { kind, dvm, user, status, limit = 50, until } = {}) {
  const idx = responseIndex(world);
  let reqs = world.events.filter((r) => r.type === 'request');
  if (kind !== undefined) reqs = reqs.filter((r) => r.event.kind === kind);
  if (user) reqs = reqs.filter((r) => r.event.pubkey === user);
  if (until !== undefined) reqs = reqs.filter((r) => r.event.created_at <= until);
  if (dvm) reqs = reqs.filter((r) => answeringDvms(idx.get(r.event.id)).includes(dvm) || r.event.tags.some((t) => t[0] === 'p' && t[1] === dvm));
  reqs.sort((a, b) => b.event.created_at - a.event.created_at || (a.event.id < b.event.id ? -1 : 1));
  const out = [];
  let i = 0;
  for (; i < reqs.length && out.length < limit; i++) {
    const resp = idx.get(reqs[i].event.id);
    const st = jobStatus(resp);
    if (status && st !== status) continue;
    out.push({
      id: reqs[i].event.id,
      kind: reqs[i].event.kind,
      kind_name: kindCatalogName(reqs[i].event.kind),
      user: reqs[i].event.pubkey,
      created_at: reqs[i].event.created_at,
      status: st,
      dvms: answeringDvms(resp),
      results: resp?.results.length ?? 0,
      feedback: resp?.feedback.length ?? 0,
    });
  }
  const more = i < reqs.length;
  return { jobs: out, next_until: more && out.length ? out.at(-1).created_at : null, profiles: profilesOf(world, out.map((j) => j.user)) };
}

/** {pubkey: {name, picture}} of the shown requesters with a kind 0 profile (the real API's `profiles`). */
export function profilesOf(world, pubkeys) {
  const out = {};
  for (const pk of pubkeys) if (world.userProfiles?.[pk]) out[pk] = world.userProfiles[pk];
  return out;
}

function amountOf(ev) {
  const a = ev.tags.find((t) => t[0] === 'amount');
  return a && /^\d+$/.test(a[1]) ? { msat: Number(a[1]), bolt11: a[2] } : null;
}

/** The job a given id leads to (request, response or zap receipt), or null. */
function requestIdOf(world, id) {
  const rec = world.byId.get(id);
  if (!rec) return null;
  if (rec.type === 'request') return id;
  if (rec.type === 'feedback' || rec.type === 'result') return rec.request_id;
  if (rec.type === 'zap') {
    const e = rec.event.tags.find((t) => t[0] === 'e')?.[1];
    return e ? requestIdOf(world, e) : null;
  }
  return null;
}

export function jobGraph(world, id) {
  const reqId = requestIdOf(world, id);
  if (!reqId) return null;
  const req = world.byId.get(reqId);
  const resp = responseIndex(world).get(reqId) ?? { feedback: [], results: [], zaps: [] };
  const ev = req.event;
  const status = jobStatus(resp);
  const name = kindCatalogName(ev.kind);
  const nodes = [];
  const edges = [];
  const timeline = [];
  const dvmName = (pk) => world.dvms.find((d) => d.pubkey === pk)?.name || null;
  const event = (r, type, label, extra = {}) => {
    nodes.push({ id: r.event.id, type, label, kind: r.event.kind, pubkey: r.event.pubkey, created_at: r.event.created_at, job: reqId, level: 0, ...extra });
    timeline.push({ created_at: r.event.created_at, id: r.event.id, kind: r.event.kind, type, pubkey: r.event.pubkey, job: reqId, ...(extra.status ? { status: extra.status } : {}), summary: label });
  };
  event(req, 'request', `kind ${ev.kind} request (${name}) by ${shortNpub(ev.pubkey)}`, { status });
  const actors = new Map([[ev.pubkey, new Set(['user'])]]);
  edges.push({ from: ev.pubkey, to: reqId, type: 'authored' });
  for (const t of ev.tags) if (t[0] === 'p' && HEX64.test(t[1])) {
    if (!actors.has(t[1])) actors.set(t[1], new Set());
    actors.get(t[1]).add('dvm');
    edges.push({ from: reqId, to: t[1], type: 'addressed_to' });
  }
  for (const r of [...resp.feedback, ...resp.results].sort(byTimeThenId)) {
    const pk = r.event.pubkey;
    if (!actors.has(pk)) actors.set(pk, new Set());
    actors.get(pk).add('dvm');
    const amt = amountOf(r.event);
    const extra = amt ? { amount_msat: amt.msat, amount_sats: Math.floor(amt.msat / 1000), ...(amt.bolt11 ? { bolt11: amt.bolt11, bolt11_msat: amt.msat } : {}) } : {};
    if (r.type === 'feedback') {
      const st = statusTag(r);
      if (st?.[2]) extra.message = st[2];
      event(r, 'feedback', `feedback from DVM ${shortNpub(pk)}: ${st?.[1] ?? 'encrypted'}${amt ? `, ${Math.floor(amt.msat / 1000).toLocaleString('en-US')} sats` : ''}`, { status: st?.[1] ?? 'encrypted', ...extra });
      edges.push({ from: r.event.id, to: reqId, type: 'feedback_for' });
    } else {
      event(r, 'result', `kind ${r.event.kind} result from DVM ${shortNpub(pk)}`, extra);
      edges.push({ from: r.event.id, to: reqId, type: 'result_for' });
    }
    edges.push({ from: pk, to: r.event.id, type: 'authored' });
  }
  for (const z of resp.zaps) {
    event(z, 'zap', `zap receipt for ${reqId.slice(0, 8)}…`, {});
    edges.push({ from: z.event.id, to: reqId, type: 'zap_for' });
  }
  for (const [pk, roles] of actors) {
    const rl = [...roles];
    nodes.push({ id: pk, type: rl.includes('dvm') ? 'dvm' : 'user', label: `${rl.includes('dvm') ? 'DVM' : 'user'} ${dvmName(pk) ?? shortNpub(pk)}`, pubkey: pk, roles: rl });
  }
  timeline.sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1));

  // Diagnosis, per DVM in order of first response (docs/debugging.md, without chains).
  const findings = [];
  const dvms = answeringDvms(resp);
  if (!dvms.length) findings.push({ code: 'no_answer', severity: 'error', job: reqId, message: 'no DVM answered' });
  for (const pk of dvms) {
    const mine = (list) => list.filter((r) => r.event.pubkey === pk).sort(byTimeThenId);
    const results = mine(resp.results);
    const fb = mine(resp.feedback);
    const who = `DVM ${shortNpub(pk)}`;
    if (results.length) {
      const s = results[0].event.created_at - ev.created_at;
      findings.push({ code: 'success', severity: 'ok', job: reqId, dvm: pk, seconds: s, message: `success: ${who} answered in ${s} s` });
      continue;
    }
    const err = fb.filter((f) => statusTag(f)?.[1] === 'error').at(-1);
    const pay = fb.filter((f) => statusTag(f)?.[1] === 'payment-required').at(-1);
    if (err) findings.push({ code: 'error', severity: 'error', job: reqId, dvm: pk, message: `${who} reported an error: ${statusTag(err)[2] || err.event.content || '(no message)'}` });
    else if (pay) {
      const a = amountOf(pay.event);
      findings.push({ code: 'payment_without_result', severity: 'error', job: reqId, dvm: pk, amount_msat: a?.msat, message: `${who} ${a ? `asked for ${a.msat / 1000} sats` : 'asked for payment'} and no result followed` });
    } else findings.push({ code: 'no_result_yet', severity: 'info', job: reqId, dvm: pk, message: `${who} reported ${statusTag(fb.at(-1))?.[1] ?? 'encrypted'} and no result followed` });
  }
  const order = ['error', 'payment_without_result', 'no_answer', 'no_result_yet', 'success'];
  const top = [...findings].sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code))[0];
  const expiration = Number(ev.tags.find((t) => t[0] === 'expiration')?.[1]);
  return {
    request: {
      id: reqId, seen: true, kind: ev.kind, kind_name: name, user: ev.pubkey, created_at: ev.created_at, status, dvms,
      input_jobs: ev.tags.filter((t) => t[0] === 'i' && t[2] === 'job').map((t) => t[1]),
      ...(Number.isFinite(expiration) ? { expiration } : {}),
      event: ev,
    },
    nodes, edges, timeline,
    diagnosis: { summary: top.message, findings },
    chain_length: 1,
    truncated: false,
    profiles: profilesOf(world, [ev.pubkey, ...nodes.filter((n) => n.type === 'user').map((n) => n.id)]),
  };
}

/** Why a published event is refused (the real endpoint's rules), or null when it is accepted. */
export function publishError(ev, rawBytes, now = Math.floor(Date.now() / 1000)) {
  if (rawBytes > 64 * 1024) return 'event too large (over 64 KiB)';
  if (!ev || typeof ev !== 'object' || Array.isArray(ev)) return 'body must be one signed Nostr event (a JSON object)';
  const v = verifyEvent(ev);
  if (!v.shape) return `malformed event: ${v.error}`;
  if (ev.kind < 5000 || ev.kind > 5999) return `kind ${ev.kind} is not a job request kind (5000-5999)`;
  if (!v.idValid) return 'id does not match the event (NIP-01 hash)';
  if (!v.sigValid) return 'invalid signature';
  if (Math.abs(ev.created_at - now) > 900) return 'created_at must be within 15 minutes of now';
  return null;
}
