// What a job result says, for the job view: its content classified so the page
// can show it safely (never as HTML): plain text with http(s) URLs as links,
// image / audio / video URLs previewed, a JSON list of tags (5300-5303 feeds)
// as links, other JSON pretty-printed, and encrypted content (NIP-04, NIP-44,
// or an `encrypted` tag) marked as such. Pure; unit-tested.
import { isHex64 } from './nostr.js';

const MEDIA = [
  ['image', /\.(png|jpe?g|gif|webp|avif|bmp|svg)$/i],
  ['audio', /\.(mp3|wav|ogg|oga|m4a|flac|opus|aac)$/i],
  ['video', /\.(mp4|webm|mov|m4v)$/i],
];

/** `s` as an absolute http(s) URL string, or null (javascript:, data:, relative… are refused). */
export function safeUrl(s) {
  if (typeof s !== 'string' || s.length > 4096) return null;
  let u;
  try {
    u = new URL(s.trim());
  } catch {
    return null;
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
}

/** 'image' | 'audio' | 'video' | null, from a safe URL's path (query and fragment ignored). */
export function mediaType(url) {
  const safe = safeUrl(url);
  if (!safe) return null;
  const path = new URL(safe).pathname;
  return MEDIA.find(([, re]) => re.test(path))?.[0] ?? null;
}

// URLs in free text: http(s) up to whitespace or a quote / angle bracket; trailing punctuation stays text.
const URL_RE = /https?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}]+$/;

/** Text → [{text}] and [{url, media}] pieces, in order; only http(s) URLs become links. */
export function textSegments(text) {
  const out = [];
  const s = String(text ?? '');
  let last = 0;
  for (const m of s.matchAll(URL_RE)) {
    let raw = m[0];
    const tail = raw.match(TRAILING)?.[0] ?? '';
    // Keep a closing bracket that belongs to the URL (e.g. Wikipedia "(disambiguation)").
    const keep = tail.startsWith(')') && raw.slice(0, -tail.length).includes('(') ? 1 : 0;
    raw = raw.slice(0, raw.length - tail.length + keep);
    const url = safeUrl(raw);
    if (!url) continue;
    if (m.index > last) out.push({ text: s.slice(last, m.index) });
    out.push({ url: raw, href: url, media: mediaType(url) });
    last = m.index + raw.length;
  }
  if (last < s.length) out.push({ text: s.slice(last) });
  return out;
}

/** NIP-04 ciphertext: base64 "?iv=" base64. */
export const isNip04 = (s) => /^[A-Za-z0-9+/]+={0,2}\?iv=[A-Za-z0-9+/]+={0,2}$/.test(s);
/** NIP-44 v2 payload: base64 whose first byte is 0x02 ("A" then g-v), at least 132 characters. */
export const isNip44 = (s) => s.length >= 132 && /^A[g-v][A-Za-z0-9+/]+={0,2}$/.test(s);

function parseJson(s) {
  if (!/^[[{]/.test(s)) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/**
 * A result event's content, classified:
 *   {type: 'encrypted', scheme: 'NIP-04'|'NIP-44'|null}
 *   {type: 'empty'}
 *   {type: 'tags', tags: [{name, value, href}]}   (href: event or profile page)
 *   {type: 'json', text}                          (pretty-printed)
 *   {type: 'text', segments, media: [{href, media}]}
 */
export function resultContent(ev) {
  const content = typeof ev?.content === 'string' ? ev.content : '';
  const s = content.trim();
  const tagged = (ev?.tags ?? []).some((t) => Array.isArray(t) && t[0] === 'encrypted');
  const scheme = isNip04(s) ? 'NIP-04' : isNip44(s) ? 'NIP-44' : null;
  if (tagged || scheme) return { type: 'encrypted', scheme };
  if (!s) return { type: 'empty' };
  const json = parseJson(s);
  if (Array.isArray(json) && json.length && json.every((t) => Array.isArray(t) && typeof t[0] === 'string')) {
    return {
      type: 'tags',
      tags: json.map((t) => {
        const value = String(t[1] ?? '');
        const href = isHex64(value) ? (t[0] === 'e' ? `/events/${value}` : t[0] === 'p' ? `/users/${value}` : null) : null;
        return { name: t[0], value, href };
      }),
    };
  }
  if (json !== undefined) return { type: 'json', text: JSON.stringify(json, null, 2) };
  const segments = textSegments(content);
  const media = segments.filter((p) => p.media);
  return { type: 'text', segments, media };
}
