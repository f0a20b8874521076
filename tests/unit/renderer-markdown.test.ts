import { describe, expect, it } from 'vitest';
import { sanitizeText } from '../../renderer/src/markdown/sanitize-text';
import { splitBlocks, splitStreamingBlocks } from '../../renderer/src/markdown/split-blocks';
import { linkKind, safeImageUrl, safeUrl } from '../../renderer/src/markdown/url-policy';

describe('sanitizeText', () => {
  it('keeps newlines, tabs and U+FFFD, drops other control characters', () => {
    expect(sanitizeText('a\tb\nc\u0000d\u0007e\u001bf\u007fg\u0085h\uFFFDi')).toBe('a\tb\ncdefgh\uFFFDi');
  });

  it('normalises CR and CRLF to LF', () => {
    expect(sanitizeText('one\r\ntwo\rthree')).toBe('one\ntwo\nthree');
  });

  it('replaces lone surrogates but keeps pairs', () => {
    expect(sanitizeText('x\uD83D')).toBe('x\uFFFD');
    expect(sanitizeText('\uDE00y')).toBe('\uFFFDy');
    expect(sanitizeText('😀')).toBe('😀');
  });
});

describe('url policy', () => {
  it('allows http, https and mailto only', () => {
    expect(safeUrl('https://example.com/docs')).toBe('https://example.com/docs');
    expect(safeUrl('http://127.0.0.1:11434')).toBe('http://127.0.0.1:11434');
    expect(safeUrl('mailto:me@example.com')).toBe('mailto:me@example.com');
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:x',
      'data:text/html,hi',
      'file:///etc/passwd',
      'vbscript:x',
    ]) {
      expect(safeUrl(bad)).toBeNull();
    }
  });

  it('refuses relative links (they would navigate the app) but keeps in-page fragments', () => {
    expect(safeUrl('/settings')).toBeNull();
    expect(safeUrl('docs/readme.md')).toBeNull();
    expect(linkKind('#user-content-fn-1')).toBe('fragment');
  });

  it('turns only http(s) images into links', () => {
    expect(safeImageUrl('https://example.com/a.png')).toBe('https://example.com/a.png');
    expect(safeImageUrl('mailto:x@y.z')).toBeNull();
    expect(safeImageUrl('data:image/png;base64,AAAA')).toBeNull();
  });
});

describe('splitBlocks', () => {
  const doc =
    '# Title\n\nA paragraph\nwith two lines.\n\n- one\n- two\n\n```js\nconst x = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nEnd.';

  it('splits top-level blocks whose raw text covers the document', () => {
    const { blocks } = splitBlocks(doc);
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list', 'code', 'table', 'paragraph']);
    for (const block of blocks)
      expect(doc.slice(block.start, block.start + block.raw.length)).toBe(block.raw);
  });

  it('gives the same blocks incrementally as from scratch, at every prefix', () => {
    let previous = splitBlocks('');
    for (let i = 1; i <= doc.length; i++) {
      const text = doc.slice(0, i);
      const incremental = splitBlocks(text, previous);
      expect(incremental.blocks.map((b) => b.raw)).toEqual(splitBlocks(text).blocks.map((b) => b.raw));
      previous = incremental;
    }
  });

  it('keeps finished blocks identical (same raw) while the tail grows', () => {
    const first = splitStreamingBlocks('Para one.\n\nPara two.\n\nPara th');
    const next = splitStreamingBlocks('Para one.\n\nPara two.\n\nPara three is longer');
    expect(next.blocks.slice(0, 2).map((b) => b.raw)).toEqual(first.blocks.slice(0, 2).map((b) => b.raw));
    expect(next.blocks[2]?.raw).toBe('Para three is longer');
  });

  it('treats an unclosed fence as one growing code block', () => {
    const { blocks } = splitBlocks('Intro\n\n```py\nprint(1)\n\nprint(2)');
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'code']);
  });

  it('collects link definitions and keeps footnote documents whole', () => {
    expect(splitBlocks('See [docs][d].\n\n[d]: https://example.com\n').definitions).toBe(
      '[d]: https://example.com\n',
    );
    const footnotes = splitBlocks('Claim.[^1]\n\nMore.\n\n[^1]: Source.');
    expect(footnotes.blocks).toHaveLength(1);
  });
});
