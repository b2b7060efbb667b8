import { describe, it, expect } from 'vitest';
import {
  describeEvent, formatMsat, eventAmountMsat, eventInvoice, embeddedRequest, jobRow, jobFilters, jobsUrl, affectsJobList,
  statusCounts, buildJobRequest, statusClass,
} from './jobs.js';
import { layoutJobGraph, edgePath, nodeHref, nodeText, NODE_W, NODE_H } from './graph.js';
import { npubEncode } from './nostr.js';

const R = 'a'.repeat(64);
const DVM = 'b'.repeat(64);
const USER = 'c'.repeat(64);
const kindNames = { 5050: 'Text generation (LLM)', 5300: 'Content discovery (feeds)' };

describe('formatMsat and amounts', () => {
  it('formats msat as sats', () => {
    expect(formatMsat(2100000)).toBe('2,100 sats');
    expect(formatMsat('1000')).toBe('1 sat');
    expect(formatMsat(500)).toBe('0.5 sats');
    expect(formatMsat('100_000')).toBe('100 sats');
    expect(formatMsat('abc')).toBeNull();
  });
  it('reads amount tags, invoices and bids', () => {
    expect(eventAmountMsat({ tags: [['amount', '2100000', 'lnbc21u1xyz']] })).toBe(2100000);
    expect(eventAmountMsat({ tags: [['amount', 'junk', 'lnbc21u1xyz']] })).toBe(2100000);
    expect(eventAmountMsat({ tags: [['bolt11', 'lnbc10n1xyz']] })).toBe(1000);
    expect(eventAmountMsat({ tags: [['bid', '5000']] })).toBe(5000);
    expect(eventAmountMsat({ tags: [] })).toBeNull();
    expect(eventInvoice({ tags: [['amount', '1000', 'lnbc10n1xyz']] })).toBe('lnbc10n1xyz');
    expect(eventInvoice({ tags: [['amount', '1000', 'someone@wallet.example']] })).toBeNull();
  });
});

describe('describeEvent', () => {
  it('summarizes feedback with status, amount and job', () => {
    const ev = { kind: 7000, pubkey: DVM, tags: [['status', 'payment-required'], ['amount', '2100000', 'lnbc21u1xyz'], ['e', R]], content: '' };
    expect(describeEvent(ev)).toBe('kind 7000 feedback: payment-required, 2,100 sats, for job aaaaaaaa…');
    const err = { kind: 7000, pubkey: DVM, tags: [['e', R], ['status', 'error', 'input too long']], content: '' };
    expect(describeEvent(err)).toBe('kind 7000 feedback: error (input too long), for job aaaaaaaa…');
    expect(describeEvent({ kind: 7000, tags: [['encrypted'], ['e', R]], content: 'x' })).toBe('kind 7000 feedback: encrypted, for job aaaaaaaa…');
  });
  it('summarizes requests with inputs, targets and bid', () => {
    const ev = { kind: 5050, pubkey: USER, tags: [['i', 'Write a haiku', 'text'], ['p', DVM], ['bid', '10000']], content: '' };
    const nameOf = (pk) => (pk === DVM ? 'Llama Lounge' : null);
    expect(describeEvent(ev, { kindNames, nameOf })).toBe(`kind 5050 request (Text generation (LLM)) by ${npubEncode(USER).slice(0, 13)}…${npubEncode(USER).slice(-4)}, “Write a haiku”, to Llama Lounge, bid 10 sats`);
    expect(describeEvent({ kind: 5999, pubkey: USER, tags: [['encrypted'], ['p', DVM]], content: 'x' }, { nameOf })).toMatch(/^kind 5999 request \(Kind 5999\) by npub1.*, encrypted, to Llama Lounge$/);
  });
  it('summarizes results, zaps, announcements and others', () => {
    const res = { kind: 6300, pubkey: DVM, tags: [['e', R], ['amount', '50000']], content: JSON.stringify([['e', R], ['e', R]]) };
    expect(describeEvent(res, { kindNames, nameOf: () => 'Feed' })).toBe('kind 6300 result (Content discovery (feeds)) from Feed: 2 notes, 50 sats, for job aaaaaaaa…');
    expect(describeEvent({ kind: 6050, pubkey: DVM, tags: [], content: 'Hello\nworld' }, { kindNames, nameOf: () => 'L' })).toBe('kind 6050 result (Text generation (LLM)) from L: “Hello world”');
    expect(describeEvent({ kind: 9735, pubkey: USER, tags: [['p', DVM], ['e', R], ['bolt11', 'lnbc210n1xyz']] }, { nameOf: () => 'Z' })).toBe('kind 9735 zap receipt: 21 sats to Z, for event aaaaaaaa…');
    expect(describeEvent({ kind: 31990, pubkey: DVM, tags: [['k', '5300'], ['k', '5301']] }, { nameOf: () => 'Feed' })).toBe('kind 31990 DVM announcement by Feed: kinds 5300, 5301');
    expect(describeEvent({ kind: 1, pubkey: DVM, tags: [] }, { nameOf: () => 'X' })).toBe('kind 1 event by X');
    expect(describeEvent(null)).toBe('');
  });
  it('parses the embedded request of a result', () => {
    const req = { id: R, kind: 5300, tags: [] };
    expect(embeddedRequest({ tags: [['request', JSON.stringify(req)]] })).toEqual(req);
    expect(embeddedRequest({ tags: [['request', '{broken']] })).toBeNull();
    expect(embeddedRequest({ tags: [] })).toBeNull();
  });
});

describe('job rows and filters', () => {
  it('shapes an /api/jobs row', () => {
    const row = jobRow({ id: R, kind: 5300, kind_name: 'Content discovery (feeds)', user: USER, created_at: 1, status: 'success', dvms: [DVM], results: 2, feedback: 1 });
    expect(row).toMatchObject({ kindLabel: 'Content discovery (feeds)', status: 'success', statusClass: 'ok', outcome: '2 results from 1 DVM' });
    expect(jobRow({ id: R, kind: 5123, kind_name: 'Unregistered', status: 'payment-required', dvms: [DVM], results: 0, feedback: 1 })).toMatchObject({ kindLabel: 'Kind 5123', statusClass: 'warn', outcome: '1 feedback, no result' });
    expect(jobRow({ id: R, kind: 5300, status: 'waiting', dvms: [], results: 0, feedback: 0 }).outcome).toBe('no answer yet');
    expect(statusClass('error')).toBe('bad');
    expect(statusCounts([{ status: 'success' }, { status: 'success' }, { status: 'error' }])).toEqual({ waiting: 0, processing: 0, 'payment-required': 0, error: 1, success: 2 });
  });
  it('reads filters from the URL and builds the API URL', () => {
    const q = new URLSearchParams(`kind=5300&status=error&user=${npubEncode(USER)}&dvm=bogus`);
    const f = jobFilters((k) => q.get(k));
    expect(f).toMatchObject({ kind: 5300, status: 'error', userHex: USER, dvmHex: null });
    expect(jobsUrl(f, { limit: 50 })).toBe(`/api/jobs?kind=5300&dvm=bogus&user=${npubEncode(USER)}&status=error&limit=50`);
    expect(jobFilters((k) => ({ kind: '7000', status: 'done' })[k] ?? null)).toMatchObject({ kind: null, status: null });
    expect(jobsUrl({}, { limit: 20, until: 99 })).toBe('/api/jobs?limit=20&until=99');
  });
  it('decides which live messages change the list', () => {
    const none = { kind: null, status: null, userHex: null, dvmHex: null };
    expect(affectsJobList({ type: 'request', kind: 5300, pubkey: USER }, none)).toBe(true);
    expect(affectsJobList({ type: 'request', kind: 5300, pubkey: USER }, { ...none, kind: 5050 })).toBe(false);
    expect(affectsJobList({ type: 'request', kind: 5300, pubkey: DVM }, { ...none, userHex: USER })).toBe(false);
    expect(affectsJobList({ type: 'request', kind: 5300, pubkey: USER }, { ...none, status: 'success' })).toBe(false);
    expect(affectsJobList({ type: 'result', kind: 6300, pubkey: DVM, request_id: R }, none, new Set([R]))).toBe(true);
    expect(affectsJobList({ type: 'result', kind: 6300, pubkey: DVM, request_id: 'x' }, none, new Set([R]))).toBe(false);
    expect(affectsJobList({ type: 'feedback', kind: 7000, pubkey: DVM, request_id: 'x' }, { ...none, dvmHex: DVM })).toBe(true);
    expect(affectsJobList({ type: 'result', kind: 6300, pubkey: DVM, request_id: 'x' }, { ...none, status: 'success', kind: 5300 })).toBe(true);
  });
});

describe('playground request template', () => {
  it('builds tags from the form', () => {
    const t = buildJobRequest({
      kind: '5050',
      inputs: [{ value: 'Hello', type: 'text' }, { value: '', type: 'url' }, { value: R, type: 'job' }],
      params: [{ key: 'model', value: 'llama' }, { key: '', value: 'x' }],
      output: 'text/plain',
      dvms: [DVM, 'nope'],
      bidSats: '21',
    }, 1795500000);
    expect(t).toEqual({
      kind: 5050,
      created_at: 1795500000,
      content: '',
      tags: [['i', 'Hello', 'text'], ['i', R, 'job'], ['param', 'model', 'llama'], ['output', 'text/plain'], ['p', DVM], ['bid', '21000'], ['alt', 'NIP-90 job request (kind 5050) sent from the DVMDash playground']],
    });
  });
  it('rejects bad kinds, ids and bids', () => {
    expect(() => buildJobRequest({ kind: 7000 })).toThrow(/5000-5999/);
    expect(() => buildJobRequest({ kind: 5300, inputs: [{ value: 'abc', type: 'event' }] })).toThrow(/64-hex/);
    expect(() => buildJobRequest({ kind: 5300, bidSats: -1 })).toThrow(/bid/);
  });
});

describe('job graph layout', () => {
  function bigGraph(n) {
    const nodes = [{ id: R, type: 'request', kind: 5300, level: 0, status: 'success' }, { id: USER, type: 'user', pubkey: USER, roles: ['user'] }];
    const edges = [{ from: USER, to: R, type: 'authored' }];
    for (let i = 0; i < n; i++) {
      const dvm = i.toString(16).padStart(64, 'd');
      const fb = i.toString(16).padStart(64, 'f');
      const res = i.toString(16).padStart(64, '6');
      nodes.push({ id: dvm, type: 'dvm', pubkey: dvm, roles: ['dvm'] }, { id: fb, type: 'feedback', status: 'processing', pubkey: dvm }, { id: res, type: 'result', kind: 6300, pubkey: dvm });
      edges.push({ from: R, to: dvm, type: 'addressed_to' }, { from: dvm, to: fb, type: 'authored' }, { from: fb, to: R, type: 'feedback_for' }, { from: dvm, to: res, type: 'authored' }, { from: res, to: R, type: 'result_for' });
    }
    return { nodes, edges };
  }

  it('places 60+ nodes without overlap, requests left of their responses', () => {
    const { nodes, edges } = bigGraph(20);
    expect(nodes.length).toBe(62);
    const L = layoutJobGraph(nodes, edges);
    expect(L.nodes.length).toBe(62);
    expect(L.edges.length).toBe(edges.length);
    for (let i = 0; i < L.nodes.length; i++) {
      for (let j = i + 1; j < L.nodes.length; j++) {
        const a = L.nodes[i];
        const b = L.nodes[j];
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
    const at = (id) => L.nodes.find((n) => n.id === id);
    expect(at(USER).x).toBeLessThan(at(R).x);
    const fb0 = nodes.find((n) => n.type === 'feedback').id;
    expect(at(R).x).toBeLessThan(at(fb0).x);
    // Arrows keep the API's direction: feedback_for starts at the feedback box.
    const e = L.edges.find((x) => x.type === 'feedback_for' && x.from === fb0);
    expect(Math.abs(e.points[0].x - (at(fb0).x + NODE_W / 2))).toBeLessThanOrEqual(NODE_W / 2 + 1);
    expect(L.width).toBeGreaterThan(3 * NODE_W);
    expect(L.height).toBeGreaterThan(20 * NODE_H);
    expect(edgePath(e.points)).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+$/);
  });

  it('drops edges to unknown nodes and survives cycles', () => {
    const L = layoutJobGraph(
      [{ id: 'a', type: 'request' }, { id: 'b', type: 'request' }],
      [{ from: 'a', to: 'b', type: 'input_of' }, { from: 'b', to: 'a', type: 'input_of' }, { from: 'a', to: 'zz', type: 'input_of' }],
    );
    expect(L.nodes.length).toBe(2);
    expect(L.edges.length).toBe(2);
  });

  it('names nodes and links them', () => {
    expect(nodeText({ type: 'feedback', status: 'payment-required', amount_msat: 2100000, pubkey: DVM }, { nameOf: () => 'Vertex' })).toEqual({ title: 'feedback · payment-required · 2,100 sats', sub: 'Vertex' });
    expect(nodeText({ type: 'dvm', pubkey: DVM, roles: ['dvm', 'user'] }, { nameOf: () => 'V' }).title).toBe('DVM (also requester)');
    expect(nodeHref({ type: 'result', id: R })).toBe(`/events/${R}`);
    expect(nodeHref({ type: 'dvm', id: DVM, pubkey: DVM })).toBe(`/dvms/${DVM}`);
    expect(nodeHref({ type: 'user', id: USER, pubkey: USER })).toBe(`/users/${USER}`);
    expect(nodeHref({ type: 'user', id: DVM, pubkey: DVM }, () => true)).toBe(`/dvms/${DVM}`);
  });
});
