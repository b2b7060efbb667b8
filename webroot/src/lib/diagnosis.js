// The job view's headline and findings, chosen from GET /api/jobs/{id} so the
// headline always matches the job's outcome: a job with status `success` gets
// a green headline naming the DVM that delivered, and what went wrong at other
// DVMs or other chain steps stays below as secondary (amber) findings. A job
// still waiting shortly after it was sent is "waiting", not a red failure.
// Texts use the dashboard's display names (names.js). Pure; unit-tested.
import { withNames, jobPubkeys } from './names.js';
import { shortNpub } from './nostr.js';

/** How long an unanswered job counts as "still waiting" rather than "no DVM answered" (seconds). */
export const WAIT_GRACE_SECONDS = 600;

const TONE = { error: 'bad', warning: 'warn', ok: 'ok', info: 'info' };

/** Is a finding about the asked job itself (not another step of its chain)? */
const ownJob = (f, reqId) => !f.job || f.job === reqId;

/**
 * Is the job still waiting for its first answer? Status `waiting`, and either
 * not yet expired (NIP-40) or sent less than WAIT_GRACE_SECONDS ago.
 */
export function stillWaiting(req, now = Date.now() / 1000) {
  if (!req || (req.status ?? 'waiting') !== 'waiting') return false;
  if (typeof req.expiration === 'number') return now < req.expiration;
  return typeof req.created_at === 'number' && now - req.created_at < WAIT_GRACE_SECONDS;
}

/**
 * { tone: ok|warn|bad|info, text, findings: [{tone, label, code, text, dvm}] }
 * for a job document. `nameOf(pubkey)` gives display names.
 */
export function jobDiagnosis(d, { nameOf = shortNpub, now = Date.now() / 1000 } = {}) {
  const req = d?.request;
  const all = d?.diagnosis?.findings ?? [];
  const pubkeys = jobPubkeys(d);
  const named = (t) => withNames(t, pubkeys, nameOf);
  const status = req?.status ?? 'waiting';
  const item = (f, tone, label = f.code) => ({ tone, label, code: f.code, text: named(f.message ?? ''), dvm: f.dvm ?? null });

  if (status === 'success') {
    const wins = all.filter((f) => f.code === 'success' && ownJob(f, req.id));
    let text;
    if (wins.length) {
      const more = wins.length - 1;
      text = named(wins[0].message) + (more ? ` (and ${more} more DVM${more === 1 ? '' : 's'} delivered)` : '');
    } else {
      const own = (n) => (n.job ?? req.id) === req.id && n.pubkey;
      const result = (d?.nodes ?? []).find((n) => n.type === 'result' && own(n));
      const said = (d?.nodes ?? []).find((n) => n.type === 'feedback' && n.status === 'success' && own(n));
      text = result ? `success: ${nameOf(result.pubkey)} delivered a result` : said ? `success: ${nameOf(said.pubkey)} reported success` : 'success: a DVM reported success';
    }
    const findings = all
      .filter((f) => f !== wins[0])
      .map((f) => {
        if (f.severity === 'ok') return item(f, 'ok', 'also delivered');
        if (f.severity === 'info') return item(f, 'info');
        const otherStep = f.code === 'chain_step_failed' || !ownJob(f, req.id);
        return item(f, 'warn', otherStep ? 'other chain step' : f.dvm ? 'other DVM' : f.code);
      });
    return { tone: 'ok', text, findings };
  }

  if (stillWaiting(req, now) && !all.some((f) => f.dvm)) {
    const asked = (d?.nodes ?? []).filter((n) => n.type === 'dvm').map((n) => nameOf(n.pubkey ?? n.id));
    const text = `waiting: no DVM has answered yet${asked.length ? ` (asked: ${asked.join(', ')})` : ''}`;
    const findings = all.filter((f) => f.code !== 'no_answer').map((f) => item(f, TONE[f.severity] ?? 'info'));
    return { tone: 'info', text, findings };
  }

  const sev = all.map((f) => f.severity);
  const tone = sev.includes('error') ? 'bad' : sev.includes('warning') ? 'warn' : sev.includes('ok') ? 'ok' : 'info';
  const text = named(d?.diagnosis?.summary ?? 'no diagnosis');
  const findings = all.length > 1 ? all.map((f) => item(f, TONE[f.severity] ?? 'info')) : [];
  return { tone, text, findings };
}
