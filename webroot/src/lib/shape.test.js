import { describe, it, expect } from 'vitest';
import {
  parseRange, isLive, errorRate, toUplotData, sumField, sortRows, filterDvms, compareKinds,
  requestKindOf, jobTypeOf, pushJob, eventsOf, tagValue, eventSummary, queryString,
} from './shape.js';

describe('parseRange', () => {
  it('accepts known ranges and defaults to 24h', () => {
    expect(parseRange('7d')).toBe('7d');
    expect(parseRange('all')).toBe('all');
    expect(parseRange('2d')).toBe('24h');
    expect(parseRange(null)).toBe('24h');
  });
});

describe('isLive', () => {
  it('is live within one hour', () => {
    expect(isLive(1000, 1000 + 3600)).toBe(true);
    expect(isLive(1000, 1000 + 3601)).toBe(false);
    expect(isLive(null, 1000)).toBe(false);
  });
});

describe('errorRate', () => {
  it('divides errors by requests', () => {
    expect(errorRate({ errors: 5, job_requests: 20 })).toBe(0.25);
    expect(errorRate({ errors: 50, job_requests: 20 })).toBe(1);
    expect(errorRate({ errors: 0, job_requests: 0 })).toBeNull();
  });
});

describe('toUplotData', () => {
  it('builds sorted columns with null gaps', () => {
    const points = [
      { t: 200, job_requests: 2, job_results: 1 },
      { t: 100, job_requests: 5 },
    ];
    expect(toUplotData(points, ['job_requests', 'job_results'])).toEqual([
      [100, 200],
      [5, 2],
      [null, 1],
    ]);
    expect(toUplotData(undefined, ['x'])).toEqual([[], []]);
  });
  it('sums a field', () => {
    expect(sumField([{ sats: 2 }, { sats: 3 }, {}], 'sats')).toBe(5);
  });
});

describe('sortRows', () => {
  const rows = [
    { pubkey: 'bb', name: 'beta', job_results: 5, avg_response_seconds: null, errors: 1, job_requests: 10 },
    { pubkey: 'aa', name: '', job_results: 9, avg_response_seconds: 2, errors: 0, job_requests: 10 },
    { pubkey: 'cc', name: 'Alpha', job_results: 5, avg_response_seconds: 1, errors: 5, job_requests: 10 },
  ];
  it('sorts numbers both ways, stable', () => {
    expect(sortRows(rows, 'job_results', 'desc').map((r) => r.pubkey)).toEqual(['aa', 'bb', 'cc']);
    expect(sortRows(rows, 'job_results', 'asc').map((r) => r.pubkey)).toEqual(['bb', 'cc', 'aa']);
  });
  it('puts nulls last in either direction', () => {
    expect(sortRows(rows, 'avg_response_seconds', 'asc').map((r) => r.pubkey)).toEqual(['cc', 'aa', 'bb']);
    expect(sortRows(rows, 'avg_response_seconds', 'desc').map((r) => r.pubkey)).toEqual(['aa', 'cc', 'bb']);
  });
  it('sorts names case-insensitively, falling back to the short pubkey', () => {
    expect(sortRows(rows, 'name', 'asc').map((r) => r.pubkey)).toEqual(['aa', 'cc', 'bb']);
  });
  it('sorts by derived error rate', () => {
    expect(sortRows(rows, 'error_rate', 'desc').map((r) => r.pubkey)).toEqual(['cc', 'bb', 'aa']);
  });
  it('does not mutate its input', () => {
    const copy = [...rows];
    sortRows(rows, 'name', 'asc');
    expect(rows).toEqual(copy);
  });
});

describe('filterDvms', () => {
  const rows = [
    { pubkey: 'abcdef', name: 'Vertex', about: 'reputation', kinds: [5312], announced_kinds: [] },
    { pubkey: '123456', name: 'Feed bot', about: 'discovery feeds', kinds: [5300], announced_kinds: [5301] },
  ];
  const names = { 5300: 'Content discovery (feeds)', 5301: 'People discovery', 5312: 'Verify Reputation (Vertex)' };
  it('matches name, about, pubkey prefix, kind number and kind name', () => {
    expect(filterDvms(rows, 'vert', names).map((r) => r.pubkey)).toEqual(['abcdef']);
    expect(filterDvms(rows, 'REPUTATION', names).map((r) => r.pubkey)).toEqual(['abcdef']);
    expect(filterDvms(rows, '1234', names).map((r) => r.pubkey)).toEqual(['123456']);
    expect(filterDvms(rows, '5301', names).map((r) => r.pubkey)).toEqual(['123456']);
    expect(filterDvms(rows, 'people', names).map((r) => r.pubkey)).toEqual(['123456']);
    expect(filterDvms(rows, 'feed bot', names).map((r) => r.pubkey)).toEqual(['123456']);
    expect(filterDvms(rows, '', names)).toHaveLength(2);
    expect(filterDvms(rows, 'nothing', names)).toHaveLength(0);
  });
});

describe('compareKinds', () => {
  it('merges observed and announced', () => {
    expect(compareKinds([5300, 5302], [5300, 5301])).toEqual([
      { kind: 5300, observed: true, announced: true },
      { kind: 5301, observed: false, announced: true },
      { kind: 5302, observed: true, announced: false },
    ]);
  });
  it('gives one row per kind even when a list repeats it', () => {
    expect(compareKinds([5300, 5300], [5300, 5300]).map((r) => r.kind)).toEqual([5300]);
  });
});

describe('eventsOf', () => {
  const wrap = (id, created_at, kind = 5300) => ({ event: { id, created_at, kind, tags: [] }, first_seen: created_at * 1000, relays: ['wss://r'] });
  it('unwraps API entries, keeping first_seen and relays', () => {
    expect(eventsOf([wrap('a', 10)])).toEqual([{ id: 'a', created_at: 10, kind: 5300, tags: [], first_seen: 10000, relays: ['wss://r'] }]);
  });
  it('merges lists newest first, each event once', () => {
    const out = eventsOf([wrap('a', 10), wrap('b', 30)], [wrap('c', 20, 6300), wrap('a', 10)]);
    expect(out.map((e) => e.id)).toEqual(['b', 'c', 'a']);
  });
  it('accepts plain events and skips entries without an id', () => {
    expect(eventsOf([{ id: 'x', created_at: 1 }, { event: null }, null], undefined).map((e) => e.id)).toEqual(['x']);
  });
});

describe('job kinds', () => {
  it('maps kinds', () => {
    expect(requestKindOf(5300)).toBe(5300);
    expect(requestKindOf(6300)).toBe(5300);
    expect(requestKindOf(7000)).toBeNull();
    expect(jobTypeOf(5050)).toBe('request');
    expect(jobTypeOf(6050)).toBe('result');
    expect(jobTypeOf(7000)).toBe('feedback');
    expect(jobTypeOf(9735)).toBe('zap');
  });
});

describe('pushJob', () => {
  it('prepends newest first, dedupes and caps', () => {
    let feed = [];
    feed = pushJob(feed, { id: 'a', created_at: 1 });
    feed = pushJob(feed, { id: 'b', created_at: 3 });
    feed = pushJob(feed, { id: 'c', created_at: 2 });
    feed = pushJob(feed, { id: 'b', created_at: 3 });
    expect(feed.map((j) => j.id)).toEqual(['b', 'c', 'a']);
    expect(pushJob(feed, { id: 'd', created_at: 4 }, 2).map((j) => j.id)).toEqual(['d', 'b']);
    expect(pushJob(feed, null)).toBe(feed);
  });
});

describe('events', () => {
  it('reads tags and summarises', () => {
    const fb = { kind: 7000, content: '', tags: [['status', 'payment-required', 'pay me'], ['amount', '21000']] };
    expect(tagValue(fb.tags, 'status')).toBe('payment-required');
    expect(eventSummary(fb)).toBe('payment-required: pay me (21 sats)');
    expect(eventSummary({ kind: 5300, content: '', tags: [['i', 'hello world', 'text']] })).toBe('hello world');
    expect(eventSummary({ kind: 5300, content: 'x', tags: [['encrypted']] })).toBe('Encrypted');
    expect(eventSummary({ kind: 6050, content: 'a'.repeat(200), tags: [] }, 10)).toBe('aaaaaaaaa…');
    expect(eventSummary({ kind: 5300, content: '', tags: [['param', 'user', 'ab'.repeat(32)], ['param', 'max_results', '29'], ['bid', '1000']] })).toBe('user abababab…, max_results 29');
    // Discovery results list the notes they found as JSON tags.
    expect(eventSummary({ kind: 6300, content: '[["e","aa"],["e","bb"]]', tags: [] })).toBe('2 notes');
    expect(eventSummary({ kind: 6301, content: '[["p","aa"]]', tags: [] })).toBe('1 profile');
    expect(eventSummary({ kind: 6050, content: '[not json', tags: [] })).toBe('[not json');
    expect(eventSummary({ kind: 6050, content: '[1, 2]', tags: [] })).toBe('[1, 2]');
  });
  it('builds query strings', () => {
    expect(queryString({ range: '7d', kind: 5300, dvm: '' })).toBe('?range=7d&kind=5300');
    expect(queryString({})).toBe('');
  });
});
