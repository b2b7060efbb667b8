import { describe, it, expect } from 'vitest';
import { jobDiagnosis, stillWaiting, WAIT_GRACE_SECONDS } from './diagnosis.js';
import { npubEncode } from './nostr.js';
import { displayName } from './format.js';

const R = 'a'.repeat(64);
const OTHER_JOB = 'c'.repeat(64);
const GOOD = '1'.repeat(64);
const BAD = '2'.repeat(64);
const USER = '3'.repeat(64);
const serverShort = (pk) => {
  const n = npubEncode(pk);
  return n.slice(0, 13) + '…' + n.slice(-4);
};
const names = { [GOOD]: 'Fresh Feed', [BAD]: 'Broken Bot' };
const nameOf = (pk) => displayName(names[pk], pk);
const NOW = 1_800_000_000;

function job(status, findings, summary, extra = {}) {
  return {
    request: { id: R, status, user: USER, created_at: NOW - 30, dvms: [BAD, GOOD], ...extra },
    nodes: [
      { id: 'r1'.padEnd(64, '0'), type: 'result', pubkey: GOOD, job: R },
      { id: GOOD, type: 'dvm', pubkey: GOOD },
      { id: BAD, type: 'dvm', pubkey: BAD },
    ],
    diagnosis: { summary, findings },
  };
}

describe('jobDiagnosis', () => {
  it('headlines a success job green even when another DVM reported an error', () => {
    const findings = [
      { code: 'error', severity: 'error', job: R, dvm: BAD, message: `DVM ${serverShort(BAD)} reported an error: input too long` },
      { code: 'success', severity: 'ok', job: R, dvm: GOOD, message: `success: DVM ${serverShort(GOOD)} answered in 3 s` },
    ];
    const out = jobDiagnosis(job('success', findings, findings[0].message), { nameOf, now: NOW });
    expect(out.tone).toBe('ok');
    expect(out.text).toBe('success: DVM Fresh Feed answered in 3 s');
    expect(out.findings).toEqual([{ tone: 'warn', label: 'other DVM', code: 'error', text: 'DVM Broken Bot reported an error: input too long', dvm: BAD }]);
  });

  it('keeps a failed chain step of a successful job as an amber finding', () => {
    const findings = [
      { code: 'chain_step_failed', severity: 'error', job: OTHER_JOB, dvm: BAD, step: 2, message: `chain step 2 of 3 (kind 5050 Text generation (LLM)) failed at DVM ${serverShort(BAD)}: reported an error: boom` },
      { code: 'success', severity: 'ok', job: R, dvm: GOOD, message: `success: DVM ${serverShort(GOOD)} answered in 1 s (chain step 3)` },
    ];
    const out = jobDiagnosis(job('success', findings, findings[0].message), { nameOf, now: NOW });
    expect(out.tone).toBe('ok');
    expect(out.text).toMatch(/^success: DVM Fresh Feed/);
    expect(out.findings[0]).toMatchObject({ tone: 'warn', label: 'other chain step', text: expect.stringContaining('failed at DVM Broken Bot') });
  });

  it('counts further DVMs that delivered and names the result author when no success finding exists', () => {
    const two = [
      { code: 'success', severity: 'ok', job: R, dvm: GOOD, message: 'success: DVM x answered in 1 s' },
      { code: 'success', severity: 'ok', job: R, dvm: BAD, message: 'success: DVM y answered in 2 s' },
    ];
    const out = jobDiagnosis(job('success', two, two[0].message), { nameOf, now: NOW });
    expect(out.text).toBe('success: DVM x answered in 1 s (and 1 more DVM delivered)');
    expect(out.findings).toEqual([expect.objectContaining({ tone: 'ok', label: 'also delivered' })]);
    const skew = [{ code: 'clock_skew', severity: 'warning', job: R, dvm: GOOD, message: 'skewed' }];
    const out2 = jobDiagnosis(job('success', skew, 'skewed'), { nameOf, now: NOW });
    expect(out2).toMatchObject({ tone: 'ok', text: 'success: Fresh Feed delivered a result' });
    expect(out2.findings[0].tone).toBe('warn');
    const fb = { request: { id: R, status: 'success' }, nodes: [{ id: 'x'.repeat(64), type: 'feedback', status: 'success', pubkey: GOOD, job: R }], diagnosis: { findings: [] } };
    expect(jobDiagnosis(fb, { nameOf, now: NOW }).text).toBe('success: Fresh Feed reported success');
    expect(jobDiagnosis({ request: { id: R, status: 'success' } }, { nameOf, now: NOW }).text).toBe('success: a DVM reported success');
  });

  it('shows a fresh unanswered job as waiting, an old one as a red failure', () => {
    const f = [{ code: 'no_answer', severity: 'error', job: R, message: 'no DVM answered' }];
    const fresh = jobDiagnosis(job('waiting', f, 'no DVM answered'), { nameOf, now: NOW });
    expect(fresh.tone).toBe('info');
    expect(fresh.text).toBe('waiting: no DVM has answered yet (asked: Fresh Feed, Broken Bot)');
    expect(fresh.findings).toEqual([]);
    const old = jobDiagnosis(job('waiting', f, 'no DVM answered'), { nameOf, now: NOW + WAIT_GRACE_SECONDS });
    expect(old).toMatchObject({ tone: 'bad', text: 'no DVM answered' });
  });

  it('keeps the server summary, with names, for jobs that did not succeed', () => {
    const f = [
      { code: 'error', severity: 'error', job: R, dvm: BAD, message: `DVM ${serverShort(BAD)} reported an error: nope` },
      { code: 'no_result_yet', severity: 'info', job: R, dvm: GOOD, message: `DVM ${serverShort(GOOD)} reported processing and no result followed` },
    ];
    const out = jobDiagnosis(job('error', f, f[0].message), { nameOf, now: NOW });
    expect(out.tone).toBe('bad');
    expect(out.text).toBe('DVM Broken Bot reported an error: nope');
    expect(out.findings.map((x) => x.tone)).toEqual(['bad', 'info']);
    expect(jobDiagnosis({ request: { id: R, status: 'processing' } }, { now: NOW })).toMatchObject({ tone: 'info', text: 'no diagnosis' });
  });
});

describe('stillWaiting', () => {
  it('uses the expiration when there is one, else a grace period', () => {
    expect(stillWaiting({ status: 'waiting', created_at: NOW - 10 }, NOW)).toBe(true);
    expect(stillWaiting({ status: 'waiting', created_at: NOW - WAIT_GRACE_SECONDS }, NOW)).toBe(false);
    expect(stillWaiting({ status: 'waiting', created_at: NOW - 5000, expiration: NOW + 1 }, NOW)).toBe(true);
    expect(stillWaiting({ status: 'error', created_at: NOW }, NOW)).toBe(false);
    expect(stillWaiting(null, NOW)).toBe(false);
  });
});
