// Pure helpers for the job pages (recent jobs, job view, event inspector,
// playground): one-line event summaries, job rows, filters, amounts, the
// playground's request template. No DOM, no Svelte; unit-tested with Vitest.
import { bolt11Msat, shortNpub, isHex64, pubkeyFrom } from './nostr.js';
import { kindLabel, formatNumber } from './format.js';
import { tagListSummary } from './shape.js';

export const JOB_STATUSES = ['waiting', 'processing', 'payment-required', 'error', 'success'];
export const INPUT_TYPES = ['text', 'url', 'event', 'job'];

/** Badge class of a job or feedback status. */
export function statusClass(status) {
  return { success: 'ok', error: 'bad', 'payment-required': 'warn', processing: 'accent', partial: 'accent', waiting: '' }[status] ?? '';
}

/** msat → "2,100 sats" (up to 3 decimals below one sat: "0.5 sats"); null for junk. */
export function formatMsat(msat) {
  const n = typeof msat === 'string' ? Number(msat.replace(/_/g, '')) : msat;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return null;
  const sats = n / 1000;
  const text = Number.isInteger(sats) ? formatNumber(sats) : sats.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return `${text} ${sats === 1 ? 'sat' : 'sats'}`;
}

function tag(ev, name) {
  return (ev?.tags || []).find((t) => Array.isArray(t) && t[0] === name);
}

/** Amount asked or offered by an event: its `amount` tag (msat), else its invoice's, else a request's `bid`. */
export function eventAmountMsat(ev) {
  const amount = tag(ev, 'amount');
  if (amount && /^\d+$/.test(String(amount[1]).replace(/_/g, ''))) return Number(String(amount[1]).replace(/_/g, ''));
  const inv = amount?.[2] ?? tag(ev, 'bolt11')?.[1];
  const fromInvoice = bolt11Msat(inv);
  if (fromInvoice !== null) return fromInvoice;
  const bid = tag(ev, 'bid');
  if (bid && /^\d+$/.test(bid[1])) return Number(bid[1]);
  return null;
}

/** The invoice an event carries (amount tag position 2, or a zap's bolt11 tag), when it looks like one. */
export function eventInvoice(ev) {
  const inv = tag(ev, 'amount')?.[2] ?? tag(ev, 'bolt11')?.[1];
  return typeof inv === 'string' && /^ln[a-z0-9]+$/i.test(inv) ? inv : null;
}

const short = (hex) => (isHex64(hex) ? hex.slice(0, 8) + '…' : String(hex ?? ''));
const clip = (s, max) => {
  const t = String(s).replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
};

/**
 * One line saying what an event is, e.g.
 * "kind 7000 feedback: payment-required, 2,100 sats, for job 1a2b3c4d…".
 * `kindNames` maps request kinds to catalog names; `nameOf(pubkey)` names DVMs.
 */
export function describeEvent(ev, { kindNames = {}, nameOf = null } = {}) {
  if (!ev || typeof ev.kind !== 'number') return '';
  const k = ev.kind;
  const who = (pk) => (nameOf ? nameOf(pk) : null) || shortNpub(pk);
  const jobRef = tag(ev, 'e')?.[1];
  const forJob = jobRef ? `, for job ${short(jobRef)}` : '';
  const msat = eventAmountMsat(ev);
  const amount = msat !== null ? formatMsat(msat) : null;
  const encrypted = !!tag(ev, 'encrypted');
  if (k >= 5000 && k <= 5999) {
    const parts = [`kind ${k} request (${kindLabel(k, kindNames[k])}) by ${who(ev.pubkey)}`];
    const inputs = (ev.tags || []).filter((t) => t[0] === 'i');
    if (encrypted) parts.push('encrypted');
    else if (inputs.length) parts.push(inputs.map((t) => (t[2] === 'text' ? `“${clip(t[1], 40)}”` : `${t[2] || 'input'} ${short(t[1])}`)).join(', '));
    const targets = (ev.tags || []).filter((t) => t[0] === 'p').map((t) => who(t[1]));
    if (targets.length) parts.push(`to ${targets.join(', ')}`);
    if (amount) parts.push(`bid ${amount}`);
    return parts.join(', ');
  }
  if (k >= 6000 && k <= 6999) {
    const what = encrypted ? 'encrypted' : tagListSummary(ev.content) ?? (ev.content ? `“${clip(ev.content, 50)}”` : 'empty');
    return `kind ${k} result (${kindLabel(k - 1000, kindNames[k - 1000])}) from ${who(ev.pubkey)}: ${what}${amount ? `, ${amount}` : ''}${forJob}`;
  }
  if (k === 7000) {
    const st = tag(ev, 'status');
    const status = encrypted && !st ? 'encrypted' : st?.[1] || 'no status';
    const extra = st?.[2] ? ` (${clip(st[2], 60)})` : '';
    return `kind 7000 feedback: ${status}${extra}${amount ? `, ${amount}` : ''}${forJob}`;
  }
  if (k === 9735) {
    const inv = bolt11Msat(tag(ev, 'bolt11')?.[1]);
    const to = tag(ev, 'p')?.[1];
    return `kind 9735 zap receipt: ${inv !== null ? formatMsat(inv) : 'no amount'}${to ? ` to ${who(to)}` : ''}${jobRef ? `, for event ${short(jobRef)}` : ''}`;
  }
  if (k === 31990) {
    const kinds = (ev.tags || []).filter((t) => t[0] === 'k').map((t) => t[1]);
    return `kind 31990 DVM announcement by ${who(ev.pubkey)}${kinds.length ? `: kinds ${kinds.join(', ')}` : ''}`;
  }
  if (k === 0) {
    let name = null;
    try {
      name = JSON.parse(ev.content)?.name;
    } catch {
      /* not JSON */
    }
    return `kind 0 profile${name ? `: ${clip(name, 40)}` : ''}`;
  }
  if (k === 5) return `kind 5 deletion${jobRef ? ` of ${short(jobRef)}` : ''}`;
  return `kind ${k} event by ${who(ev.pubkey)}`;
}

/** The request embedded in a result's `request` tag, parsed, or null. */
export function embeddedRequest(ev) {
  const t = tag(ev, 'request');
  if (!t || typeof t[1] !== 'string') return null;
  try {
    const r = JSON.parse(t[1]);
    return r && typeof r === 'object' && !Array.isArray(r) ? r : null;
  } catch {
    return null;
  }
}

/** An /api/jobs row shaped for a table. */
export function jobRow(job, { kindNames = {} } = {}) {
  const results = job.results ?? 0;
  const feedback = job.feedback ?? 0;
  const dvms = job.dvms ?? [];
  let outcome;
  if (results > 0) outcome = `${results} result${results === 1 ? '' : 's'} from ${dvms.length || 1} DVM${dvms.length === 1 ? '' : 's'}`;
  else if (feedback > 0) outcome = `${feedback} feedback, no result`;
  else outcome = 'no answer yet';
  return {
    id: job.id,
    kind: job.kind,
    kindLabel: kindLabel(job.kind, job.kind_name ?? kindNames[job.kind]),
    kindName: job.kind_name ?? kindNames[job.kind] ?? null,
    user: job.user,
    created_at: job.created_at,
    status: job.status ?? 'waiting',
    statusClass: statusClass(job.status),
    dvms,
    results,
    feedback,
    outcome,
  };
}

/** Filters of the recent-jobs list from URL query values; invalid values are dropped. */
export function jobFilters(get) {
  const kind = Number(get('kind'));
  const status = get('status');
  return {
    kind: Number.isInteger(kind) && kind >= 5000 && kind <= 5999 ? kind : null,
    dvm: get('dvm') || null,
    user: get('user') || null,
    dvmHex: pubkeyFrom(get('dvm')),
    userHex: pubkeyFrom(get('user')),
    status: JOB_STATUSES.includes(status) ? status : null,
  };
}

/** The /api/jobs URL for filters. */
export function jobsUrl(f, { limit = 50, until = null } = {}) {
  const q = new URLSearchParams();
  if (f.kind) q.set('kind', f.kind);
  if (f.dvm) q.set('dvm', f.dvm);
  if (f.user) q.set('user', f.user);
  if (f.status) q.set('status', f.status);
  q.set('limit', limit);
  if (until !== null) q.set('until', until);
  return '/api/jobs?' + q.toString();
}

/**
 * Does a live `job` stream message ({id, kind, type, pubkey, request_id}) change
 * a list shown with these filters and these rows? A new request matching the
 * kind/user filters (and not hidden by a status other than waiting); a response
 * to a listed job; a response by the filtered DVM; with a status filter, any
 * response of the kind (it may move a job into the list).
 */
export function affectsJobList(msg, f, rowIds = new Set()) {
  if (!msg) return false;
  if (msg.type === 'request') {
    if (f.kind && msg.kind !== f.kind) return false;
    if (f.userHex && msg.pubkey !== f.userHex) return false;
    return !f.status || f.status === 'waiting';
  }
  if (msg.request_id && rowIds.has(msg.request_id)) return true;
  if (f.dvmHex && msg.pubkey === f.dvmHex) return true;
  if (f.status && !f.dvmHex && !f.userHex) return !f.kind || msg.kind === 7000 || msg.kind === f.kind + 1000;
  return false;
}

/** Counts of jobs per status, in JOB_STATUSES order. */
export function statusCounts(jobs) {
  const c = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0]));
  for (const j of jobs || []) if (j.status in c) c[j.status]++;
  return c;
}

/**
 * The playground form → an unsigned job request template
 * {kind, created_at, tags, content}. Empty rows are skipped; the bid is sats
 * (converted to msat).
 */
export function buildJobRequest({ kind, inputs = [], params = [], output = '', dvms = [], bidSats = null, relays = [] }, now = Math.floor(Date.now() / 1000)) {
  const k = Number(kind);
  if (!Number.isInteger(k) || k < 5000 || k > 5999) throw new Error('The kind must be a job request kind (5000-5999).');
  const tags = [];
  for (const i of inputs) {
    const v = String(i.value ?? '').trim();
    if (!v) continue;
    if (!INPUT_TYPES.includes(i.type)) throw new Error(`Unknown input type ${i.type}.`);
    if ((i.type === 'event' || i.type === 'job') && !isHex64(v)) throw new Error(`An input of type ${i.type} must be a 64-hex event id.`);
    tags.push(['i', v, i.type]);
  }
  for (const p of params) {
    const key = String(p.key ?? '').trim();
    if (!key) continue;
    tags.push(['param', key, String(p.value ?? '')]);
  }
  if (String(output).trim()) tags.push(['output', String(output).trim()]);
  for (const d of dvms) if (isHex64(d)) tags.push(['p', d]);
  if (bidSats !== null && bidSats !== '' && bidSats !== undefined) {
    const b = Number(bidSats);
    if (!Number.isFinite(b) || b < 0) throw new Error('The bid must be a positive number of sats.');
    tags.push(['bid', String(Math.round(b * 1000))]);
  }
  if (relays.length) tags.push(['relays', ...relays]);
  tags.push(['alt', `NIP-90 job request (kind ${k}) sent from the DVMDash playground`]);
  return { kind: k, created_at: now, tags, content: '' };
}
