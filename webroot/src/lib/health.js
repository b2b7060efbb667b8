// DVM health states (docs/metrics.md, "DVM health"): labels, order, live updates. Pure.

export const STATES = ['up', 'degraded', 'down', 'silent'];

const LABELS = { up: 'Up', degraded: 'Degraded', down: 'Down', silent: 'Silent' };
const ORDER = { down: 0, degraded: 1, up: 2, silent: 3 };

/** "Up", "Down"…; unknown values read "Unknown". */
export function stateLabel(state) {
  return LABELS[state] ?? 'Unknown';
}

/** A state the dashboard knows, else 'silent'. */
export function knownState(state) {
  return STATES.includes(state) ? state : 'silent';
}

/** Health page order: watched first, then down, degraded, up, silent; ties by pubkey. */
export function sortHealthRows(rows) {
  return [...rows].sort(
    (a, b) =>
      Number(!!b.watched) - Number(!!a.watched) ||
      (ORDER[a.state] ?? 4) - (ORDER[b.state] ?? 4) ||
      (a.pubkey < b.pubkey ? -1 : a.pubkey > b.pubkey ? 1 : 0),
  );
}

/** Rows after a `health` stream event {pubkey, at, state, previous, cause}: the DVM's row updated (or added). */
export function applyChange(rows, change) {
  if (!change?.pubkey || !STATES.includes(change.state)) return rows;
  let found = false;
  const out = rows.map((r) => {
    if (r.pubkey !== change.pubkey) return r;
    found = true;
    if (r.since != null && change.at < r.since) return r; // older than what the row shows
    return { ...r, state: change.state, since: change.at, cause: change.cause ?? null };
  });
  if (!found) out.push({ pubkey: change.pubkey, name: null, state: change.state, since: change.at, cause: change.cause ?? null, watched: false });
  return sortHealthRows(out);
}

/** 0.99961 → "99.96 %" (two decimals, rounded down so an outage never reads 100 %); null → "n/a". */
export function formatUptime(fraction) {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return 'n/a';
  return `${(Math.floor(fraction * 10000) / 100).toFixed(2)} %`;
}

/** The maintenance windows of a health object split into the one now active (or null) and the upcoming ones. */
export function maintenanceWindows(windows) {
  const list = Array.isArray(windows) ? windows : [];
  return { active: list.find((w) => w.active) ?? null, upcoming: list.filter((w) => !w.active) };
}

/** "p50 2 s · p95 5 s" of one window of `probe_seconds`; null when no answered probe. */
export function formatProbeWindow(window) {
  if (!window || window.p50 == null) return null;
  return `p50 ${window.p50} s · p95 ${window.p95} s`;
}
