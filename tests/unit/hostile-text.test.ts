// The page's globals (render counters) that the markdown blocks update.
import type {} from '../../renderer/src/globals';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { hasBidiControls, revealBidiControls } from '../../shared/domain/bidi-controls';
import { titleFrom } from '../../shared/domain/excerpt';
import { excerpt, quoted } from '../../shared/domain/excerpt';
import { StreamingMarkdown } from '../../renderer/src/markdown/StreamingMarkdown';
import { sanitizeText } from '../../renderer/src/markdown/sanitize-text';
import { linkKind, linkTextMisleads } from '../../renderer/src/markdown/url-policy';

/** Text from a model (or a file) that tries to hide or reorder what the user reads. */
const RLO = '\u202E';
const allControls = ['\u202A', '\u202B', '\u202C', '\u202D', RLO, '\u2066', '\u2067', '\u2068', '\u2069'];
const marks = ['\u200E', '\u200F', '\u061C'];

const render = (text: string) =>
  renderToStaticMarkup(createElement(StreamingMarkdown, { text, streaming: false }));

describe('bidirectional controls', () => {
  it('are each shown as a visible marker and nothing else changes', () => {
    for (const control of [...allControls, ...marks]) {
      const shown = revealBidiControls(`a${control}b`);
      expect(shown).toMatch(/^a⟨U\+[0-9A-F]{4}⟩b$/);
      expect(hasBidiControls(shown)).toBe(false);
    }
    expect(revealBidiControls(`${RLO}moc.elpmaxe`)).toBe('⟨U+202E⟩moc.elpmaxe');
    expect(revealBidiControls('שלום, مرحبا, plain 😀')).toBe('שלום, مرحبا, plain 😀');
  });

  it('are shown by sanitizeText, before the markdown parser sees the text', () => {
    expect(sanitizeText(`x${RLO}y\u2066z\u2069`)).toBe('x⟨U+202E⟩y⟨U+2066⟩z⟨U+2069⟩');
    // The existing clean-ups still happen.
    expect(sanitizeText(`a\r\nb\u0000${RLO}`)).toBe('a\nb⟨U+202E⟩');
  });
});

describe('a link whose text is reversed by U+202E', () => {
  const reply = `See [${RLO}moc.elpmaxe//:sptth](https://evil.invalid/) for details.`;

  it('shows the control and the real target, never a text reading https://example.com', () => {
    const html = render(reply);
    expect(html).not.toContain(RLO);
    expect(html).toContain('<span class="bidi-marker"');
    expect(html).toContain('⟨U+202E⟩</span>moc.elpmaxe//:sptth');
    expect(html).toContain('<span class="link-target"> (goes to https://evil.invalid/)</span>');
    expect(html).toMatch(/<a href="https:\/\/evil\.invalid\/" title="https:\/\/evil\.invalid\/"/);
  });

  it('shows the real target when the text reads as another address, and its tooltip is the target', () => {
    const html = render('[https://example.com](https://evil.invalid/ "https://example.com")');
    expect(html).toContain('(goes to https://evil.invalid/)');
    expect(html).toContain('title="https://evil.invalid/\nhttps://example.com"');
  });

  it('leaves ordinary links alone', () => {
    for (const text of [
      '[the docs](https://example.com/docs)',
      '[example.com](https://www.example.com/a)',
      '[Node.js](https://nodejs.org/)',
      'Bare https://example.com/x link',
    ]) {
      expect(render(text)).not.toContain('link-target');
    }
  });

  it('marks controls inside code too (Trojan Source)', () => {
    // After a link with a control too: the markers of one block must not hide those of the next.
    const html = render(`[${RLO}abc.com](https://x.invalid/)\n\n\`\`\`js\nif (admin ${RLO}) {}\n\`\`\``);
    expect(html).not.toContain(RLO);
    expect(html.match(/<span class="bidi-marker"[^>]*>⟨U\+202E⟩<\/span>/g)).toHaveLength(2);
  });
});

describe('url policy for hostile text', () => {
  it('refuses a target that still holds a direction control', () => {
    expect(linkKind(`https://example.com/${RLO}gpj.exe`)).toBeUndefined();
  });

  it('calls link text misleading when it holds a control or names another host', () => {
    expect(linkTextMisleads(`${RLO}moc.elpmaxe`, 'https://evil.invalid/')).toBe(true);
    expect(linkTextMisleads('⟨U+202E⟩moc.elpmaxe', 'https://evil.invalid/')).toBe(true);
    expect(linkTextMisleads('https://example.com', 'https://evil.invalid/')).toBe(true);
    expect(linkTextMisleads('www.example.com/login', 'https://evil.invalid/')).toBe(true);
    expect(linkTextMisleads('example.com', 'https://example.com/')).toBe(false);
    expect(linkTextMisleads('Read more', 'https://evil.invalid/')).toBe(false);
    expect(linkTextMisleads('README.md', 'https://github.com/x/y')).toBe(false);
  });
});

describe('excerpt', () => {
  it('is one line, cut with "…" at the limit, with controls shown', () => {
    expect(excerpt('  a\n b\t c ')).toBe('a b c');
    expect(excerpt('x'.repeat(100))).toBe(`${'x'.repeat(79)}…`);
    expect(excerpt(`${RLO}abc`)).toBe('⟨U+202E⟩abc');
    expect(quoted('y'.repeat(10), 5)).toBe('"yyyy…"');
  });

  it('never splits a surrogate pair, and reads only the start of a huge value', () => {
    expect(excerpt(`${'a'.repeat(78)}😀 and more`, 80)).toBe(`${'a'.repeat(78)}…`);
    const huge = `${' '.repeat(5_000_000)}tail`;
    expect(excerpt(huge)).toBe('…');
    expect(excerpt('z'.repeat(10_000_000))).toHaveLength(80);
  });

  it('gives titles their shape (titleFrom)', () => {
    expect(titleFrom(`${RLO}gnp.exe`)).toBe('⟨U+202E⟩gnp.exe');
    expect(titleFrom('   ')).toBe('New chat');
  });

  it('stores titles without an ellipsis, cut at a word where one is near (CSS truncates)', () => {
    const long = 'Explain the difference between TCP and UDP, with examples of when each one is better';
    expect(titleFrom(long)).toBe('Explain the difference between TCP and UDP, with examples of');
    expect(titleFrom('x'.repeat(100))).toBe('x'.repeat(60));
    expect(titleFrom(`${' '.repeat(5000)}tail`)).toBe('New chat');
    expect(titleFrom('Wait for it…')).toBe('Wait for it…');
    expect(titleFrom('short one')).toBe('short one');
  });
});
