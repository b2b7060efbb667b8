// Pure formatting helpers. Locale is fixed to en-US so the dashboard (and its
// tests) show the same text on every machine: 1,234,567 sats, 1.2 s, 5 min ago.
import { isHex64, shortNpub } from './nostr.js';

const NBSP = '\u00a0';
const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Placeholder shown for a missing value. */
export const DASH = '–';

function isNum(v) {
  return typeof v === 'number' && Number.isFinite(v);
}

/** 1234567 → "1,234,567"; null/undefined → "–". */
export function formatNumber(n) {
  if (!isNum(n)) return DASH;
  return intFmt.format(Math.round(n));
}

/** Compact form for axes and small spaces: 950, 1.2k, 3.4M, 1.1B. */
export function formatCompact(n) {
  if (!isNum(n)) return DASH;
  const a = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  const fix = (v) => (v >= 100 ? Math.round(v).toString() : (Math.round(v * 10) / 10).toString());
  if (a < 1000) return sign + fix(a);
  if (a < 1e6) return sign + fix(a / 1e3) + 'k';
  if (a < 1e9) return sign + fix(a / 1e6) + 'M';
  return sign + fix(a / 1e9) + 'B';
}

/** Sats with thousands separators: 21000 → "21,000 sats"; 1 → "1 sat". */
export function formatSats(n, { unit = true } = {}) {
  if (!isNum(n)) return DASH;
  const s = formatNumber(n);
  if (!unit) return s;
  return s + NBSP + (Math.round(n) === 1 ? 'sat' : 'sats');
}

/**
 * Durations in seconds: 0.35 → "350 ms", 1.234 → "1.2 s", 42 → "42 s",
 * 184 → "3 min 4 s", 7500 → "2 h 5 min", 180000 → "2 d 2 h".
 */
export function formatDuration(seconds) {
  if (!isNum(seconds) || seconds < 0) return DASH;
  if (seconds < 1) return Math.round(seconds * 1000) + NBSP + 'ms';
  if (seconds < 10) {
    const v = Math.round(seconds * 10) / 10;
    if (v < 10) return v.toFixed(1) + NBSP + 's';
  }
  let s = Math.round(seconds);
  if (s < 60) return s + NBSP + 's';
  const parts = (a, ua, b, ub) => (b ? `${a}${NBSP}${ua} ${b}${NBSP}${ub}` : `${a}${NBSP}${ua}`);
  if (s < 3600) return parts(Math.floor(s / 60), 'min', s % 60, 's');
  s = Math.round(seconds / 60); // minutes
  if (s < 60 * 24) return parts(Math.floor(s / 60), 'h', s % 60, 'min');
  const h = Math.round(seconds / 3600);
  return parts(Math.floor(h / 24), 'd', h % 24, 'h');
}

/**
 * Relative time of a unix timestamp (seconds) against `now` (seconds):
 * "just now", "45 s ago", "5 min ago", "3 h ago", "2 d ago", "in 4 min".
 */
export function formatRelative(unixSeconds, now = Date.now() / 1000) {
  if (!isNum(unixSeconds)) return 'never';
  const diff = now - unixSeconds;
  const a = Math.abs(diff);
  let text;
  if (a < 10) return 'just now';
  if (a < 60) text = Math.floor(a) + NBSP + 's';
  else if (a < 3600) text = Math.floor(a / 60) + NBSP + 'min';
  else if (a < 86400) text = Math.floor(a / 3600) + NBSP + 'h';
  else if (a < 86400 * 60) text = Math.floor(a / 86400) + NBSP + 'd';
  else if (a < 86400 * 730) text = Math.floor(a / (86400 * 30)) + NBSP + 'mo';
  else text = Math.floor(a / (86400 * 365)) + NBSP + 'y';
  return diff >= 0 ? text + ' ago' : 'in ' + text;
}

/** Absolute UTC date-time for tooltips: "2025-03-01 14:05:09 UTC". */
export function formatDateTime(unixSeconds) {
  if (!isNum(unixSeconds)) return DASH;
  return new Date(unixSeconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/**
 * A ratio as a percentage: 0.875 → "87.5 %", 1.42 → "142 %", 0 → "0 %".
 * One decimal below 100 %, none from 100 % on.
 */
export function formatPercent(ratio) {
  if (!isNum(ratio)) return DASH;
  const p = ratio * 100;
  const text = Math.abs(p) >= 100 || Number.isInteger(p) ? Math.round(p).toString() : (Math.round(p * 10) / 10).toString();
  return text + NBSP + '%';
}

/** results ÷ requests, or null when there were no requests. */
export function completionRatio(results, requests) {
  if (!isNum(results) || !isNum(requests) || requests <= 0) return null;
  return results / requests;
}

/** Short pubkey: first 8 hex chars and an ellipsis. */
export function shortPubkey(pubkey) {
  if (typeof pubkey !== 'string' || pubkey.length === 0) return DASH;
  return pubkey.length <= 8 ? pubkey : pubkey.slice(0, 8) + '…';
}

/**
 * The one name shown for a pubkey (tables, graph, timeline, diagnosis): its
 * profile name when it has one, else its short npub ("npub1abcdefgh…wxyz"),
 * the form the server's texts use too.
 */
export function displayName(name, pubkey) {
  if (typeof name === 'string' && name.trim() !== '') return name.trim();
  return isHex64(pubkey) ? shortNpub(pubkey) : shortPubkey(pubkey);
}

/** The name the API's kind catalog gives kinds it does not know. */
export const UNREGISTERED = 'Unregistered';

/** A kind's catalog name, or null when it has none (missing, empty or "Unregistered"). */
export function kindName(name) {
  if (typeof name !== 'string') return null;
  const n = name.trim();
  return n === '' || n === UNREGISTERED ? null : n;
}

/** "Content discovery (feeds)" for a known kind, else "Kind 5123" (also for "Unregistered"). */
export function kindLabel(kind, name) {
  const n = kindName(name);
  if (n) return n;
  return isNum(kind) ? `Kind ${kind}` : DASH;
}
