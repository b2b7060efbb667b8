import { describe, it, expect } from 'vitest';
import { resultContent, textSegments, safeUrl, mediaType, isNip04, isNip44 } from './content.js';

const NIP04 = 'dGhpcyBpcyBub3QgcmVhbCBjaXBoZXJ0ZXh0IGJ1dCBsb29rcyBpdA==?iv=MDEyMzQ1Njc4OWFiY2RlZg==';
const NIP44 = 'Ag' + 'A'.repeat(150) + '==';

describe('safeUrl and mediaType', () => {
  it('accepts only absolute http(s) URLs', () => {
    expect(safeUrl('https://example.com/a.png')).toBe('https://example.com/a.png');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:image/png;base64,AAAA')).toBeNull();
    expect(safeUrl('/relative')).toBeNull();
    expect(safeUrl(42)).toBeNull();
  });
  it('tells media by the path', () => {
    expect(mediaType('https://x.io/cat.JPG?size=2')).toBe('image');
    expect(mediaType('https://x.io/voice.mp3')).toBe('audio');
    expect(mediaType('https://x.io/clip.webm')).toBe('video');
    expect(mediaType('https://x.io/page.html')).toBeNull();
    expect(mediaType('ftp://x.io/cat.png')).toBeNull();
  });
});

describe('textSegments', () => {
  it('splits text and links, leaving trailing punctuation as text', () => {
    expect(textSegments('See https://x.io/a.png, or (https://en.wikipedia.org/wiki/A_(b)). Done')).toEqual([
      { text: 'See ' },
      { url: 'https://x.io/a.png', href: 'https://x.io/a.png', media: 'image' },
      { text: ', or (' },
      { url: 'https://en.wikipedia.org/wiki/A_(b)', href: 'https://en.wikipedia.org/wiki/A_(b)', media: null },
      { text: '). Done' },
    ]);
  });
  it('never links other schemes and keeps markup as text', () => {
    expect(textSegments('javascript:alert(1) <img src=x onerror=alert(1)>')).toEqual([{ text: 'javascript:alert(1) <img src=x onerror=alert(1)>' }]);
  });
});

describe('resultContent', () => {
  it('marks encrypted content by tag, NIP-04 or NIP-44 shape', () => {
    expect(isNip04(NIP04)).toBe(true);
    expect(isNip44(NIP44)).toBe(true);
    expect(isNip44('Another sentence that starts with A')).toBe(false);
    expect(resultContent({ content: 'hello', tags: [['encrypted']] })).toEqual({ type: 'encrypted', scheme: null });
    expect(resultContent({ content: NIP04, tags: [] })).toEqual({ type: 'encrypted', scheme: 'NIP-04' });
    expect(resultContent({ content: NIP44, tags: [['encrypted']] })).toEqual({ type: 'encrypted', scheme: 'NIP-44' });
  });
  it('lists a 5300 tag array with links to events and profiles', () => {
    const e = 'e'.repeat(64);
    const p = 'f'.repeat(64);
    expect(resultContent({ content: JSON.stringify([['e', e], ['p', p], ['t', 'nostr']]), tags: [] })).toEqual({
      type: 'tags',
      tags: [
        { name: 'e', value: e, href: `/events/${e}` },
        { name: 'p', value: p, href: `/users/${p}` },
        { name: 't', value: 'nostr', href: null },
      ],
    });
  });
  it('pretty-prints other JSON, shows text with media, and says when it is empty', () => {
    expect(resultContent({ content: '{"a":1}' })).toEqual({ type: 'json', text: '{\n  "a": 1\n}' });
    const r = resultContent({ content: 'Here: https://x.io/a.png and https://x.io/b.mp3' });
    expect(r.type).toBe('text');
    expect(r.media.map((m) => m.media)).toEqual(['image', 'audio']);
    expect(resultContent({ content: '  ' })).toEqual({ type: 'empty' });
    expect(resultContent({ content: '[not json' }).type).toBe('text');
    expect(resultContent(null)).toEqual({ type: 'empty' });
  });
});
