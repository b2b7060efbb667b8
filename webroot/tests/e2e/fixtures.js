// Documents shaped like the API's (docs/api-spec.md) for states the demo server
// does not reach on its own during a test: job documents (GET /api/jobs/{id}) for
// the debugger's browser tests and `health` frames of /api/stream, served by
// page.route. Pubkeys are real DVMs of the server under test, so the page knows
// their names from /api/dvms.
import { npubEncode } from '../../src/lib/nostr.js';

const hex = (c, i = 0) => (c.repeat(63) + String(i % 10)).slice(0, 64);
const serverShort = (pk) => {
  const n = npubEncode(pk);
  return n.slice(0, 13) + '…' + n.slice(-4);
};

export const FIXTURE_USER = hex('7', 1);

/** A kind 5050 job where `bad` reported an error and `good` delivered: status success. */
export function successWithErroredSibling({ id, good, bad, now = Math.floor(Date.now() / 1000), kind = 5050, kindName = 'Text generation (LLM)' }) {
  const t0 = now - 120;
  const err = { id: hex('e', 1), type: 'feedback', kind: 7000, pubkey: bad, created_at: t0 + 2, job: id, level: 0, status: 'error', message: 'input too long for this model, please shorten the prompt and try again later: context_length_exceeded_max_4096_tokens_for_model_llama3_70b_instruct_q4_k_m_gguf' };
  const res = { id: hex('f', 2), type: 'result', kind: kind + 1000, pubkey: good, created_at: t0 + 5, job: id, level: 0 };
  const res2 = { id: hex('f', 3), type: 'result', kind: kind + 1000, pubkey: good, created_at: t0 + 6, job: id, level: 0 };
  const res3 = { id: hex('f', 4), type: 'result', kind: kind + 1000, pubkey: good, created_at: t0 + 7, job: id, level: 0 };
  const req = { id, type: 'request', kind, pubkey: FIXTURE_USER, created_at: t0, job: id, level: 0, status: 'success' };
  const nodes = [
    req, err, res, res2, res3,
    { id: FIXTURE_USER, type: 'user', pubkey: FIXTURE_USER, roles: ['user'] },
    { id: bad, type: 'dvm', pubkey: bad, roles: ['dvm'] },
    { id: good, type: 'dvm', pubkey: good, roles: ['dvm'] },
  ];
  const edges = [
    { from: FIXTURE_USER, to: id, type: 'authored' },
    { from: err.id, to: id, type: 'feedback_for' },
    { from: res.id, to: id, type: 'result_for' },
    { from: res2.id, to: id, type: 'result_for' },
    { from: res3.id, to: id, type: 'result_for' },
    { from: bad, to: err.id, type: 'authored' },
    { from: good, to: res.id, type: 'authored' },
  ];
  const line = (n, summary) => ({ created_at: n.created_at, id: n.id, kind: n.kind, type: n.type, pubkey: n.pubkey, job: id, ...(n.status ? { status: n.status } : {}), summary });
  const errMsg = `DVM ${serverShort(bad)} reported an error: ${err.message}`;
  return {
    request: { id, seen: true, kind, kind_name: kindName, user: FIXTURE_USER, created_at: t0, status: 'success', dvms: [bad, good], input_jobs: [] },
    nodes,
    edges,
    timeline: [
      line(req, `kind ${kind} request (${kindName}) by ${serverShort(FIXTURE_USER)}`),
      line(err, `feedback from DVM ${serverShort(bad)}: error`),
      line(res, `kind ${kind + 1000} result from DVM ${serverShort(good)}`),
      line(res2, `kind ${kind + 1000} result from DVM ${serverShort(good)}`),
      line(res3, `kind ${kind + 1000} result from DVM ${serverShort(good)}`),
    ],
    diagnosis: {
      // What the server headlined before issue 13: the error of the other DVM.
      summary: errMsg,
      findings: [
        { code: 'error', severity: 'error', job: id, dvm: bad, message: errMsg },
        { code: 'success', severity: 'ok', job: id, dvm: good, seconds: 5, message: `success: DVM ${serverShort(good)} answered in 5 s` },
      ],
    },
    chain_length: 1,
    truncated: false,
  };
}

/** A job just sent that no DVM answered yet, addressed to `dvm`, of a kind the directory may not name. */
export function waitingJob({ id, dvm, now = Math.floor(Date.now() / 1000), kind = 5555, kindName = 'Playground test kind' }) {
  return {
    request: { id, seen: true, kind, kind_name: kindName, user: FIXTURE_USER, created_at: now - 3, status: 'waiting', dvms: [], input_jobs: [] },
    nodes: [
      { id, type: 'request', kind, pubkey: FIXTURE_USER, created_at: now - 3, job: id, level: 0, status: 'waiting' },
      { id: FIXTURE_USER, type: 'user', pubkey: FIXTURE_USER, roles: ['user'] },
      { id: dvm, type: 'dvm', pubkey: dvm, roles: ['dvm'] },
    ],
    edges: [
      { from: FIXTURE_USER, to: id, type: 'authored' },
      { from: id, to: dvm, type: 'addressed_to' },
    ],
    timeline: [{ created_at: now - 3, id, kind, type: 'request', pubkey: FIXTURE_USER, job: id, status: 'waiting', summary: `kind ${kind} request by ${serverShort(FIXTURE_USER)}` }],
    diagnosis: { summary: `no DVM answered (asked: ${serverShort(dvm)})`, findings: [{ code: 'no_answer', severity: 'error', job: id, message: `no DVM answered (asked: ${serverShort(dvm)})` }] },
    chain_length: 1,
    truncated: false,
  };
}

/**
 * /api/events?ref= answer for the results of successWithErroredSibling: a text
 * with a link and an image, an audio URL, an encrypted (NIP-04) result; the
 * text also carries markup and a javascript: URL, which must stay text.
 */
export function resultEventsFor(doc, { base }) {
  const [, , res, res2, res3] = doc.nodes;
  const ev = (n, content, tags = []) => ({
    event: { id: n.id, pubkey: n.pubkey, created_at: n.created_at, kind: n.kind, tags: [['e', doc.request.id], ['p', FIXTURE_USER], ...tags], content, sig: '0'.repeat(128) },
    first_seen: n.created_at * 1000,
    relays: [],
  });
  return {
    events: [
      ev(res, `Here is your picture: ${base}/favicon.svg (made for you). <img src=x onerror="window.__xss=1"> javascript:window.__xss=2 <b>bold</b>`),
      ev(res2, `Listen: ${base}/e2e-voice.mp3`),
      ev(res3, 'dGhpcyBpcyBub3QgcmVhbCBjaXBoZXJ0ZXh0IGJ1dCBsb29rcyBpdA==?iv=MDEyMzQ1Njc4OWFiY2RlZg==', [['encrypted']]),
    ],
  };
}

/**
 * Replaces the page's /api/stream by one that carries the `health` frames ({pubkey, at, state, previous, cause})
 * passed to send(): each connection gets the frames sent since the previous one, then ends; the browser reconnects
 * 200 ms later. Call install() before the page loads.
 */
export function healthStream(page) {
  const frames = [];
  let delivered = 0;
  let seq = 0;
  return {
    install: () =>
      page.route('**/api/stream', (route) => {
        const body = 'retry: 200\n\n' + frames.slice(delivered).join('');
        delivered = frames.length;
        return route.fulfill({ status: 200, headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' }, body });
      }),
    send(change) {
      frames.push(`event: health\nid: e2e-${++seq}\ndata: ${JSON.stringify(change)}\n\n`);
    },
  };
}
