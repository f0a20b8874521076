// The page's globals (render counters) that the markdown blocks update.
import type {} from '../../renderer/src/globals';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { chunkCode, chunkStreamingCode, highlightedLines } from '../../renderer/src/markdown/code-lines';
import { CodeSlice } from '../../renderer/src/markdown/CodeSlice';
import { highlightPlan } from '../../renderer/src/markdown/FencedCode';
import { formattingCost, tooCostlyToFormat } from '../../renderer/src/markdown/formatting-cost';
import { highlightCode } from '../../renderer/src/markdown/highlight-code';
import { limitNesting } from '../../renderer/src/markdown/limit-nesting';
import {
  CODE_CHUNK_LINES,
  COST_PER_FRAME,
  LIST_CHUNK_ITEMS,
  MAX_HIGHLIGHT_CHARS,
  MAX_NESTING,
  SYNC_HIGHLIGHT_CHARS,
} from '../../renderer/src/markdown/render-limits';
import { splitBlocks } from '../../renderer/src/markdown/split-blocks';
import { renderUnits, StreamingMarkdown, unitsWithin } from '../../renderer/src/markdown/StreamingMarkdown';

const render = (text: string, streaming = false) =>
  renderToStaticMarkup(createElement(StreamingMarkdown, { text, streaming }));
const codeLines = (n: number) =>
  Array.from({ length: n }, (_, i) => `const value${i} = compute(${i}); // ${i}`);
const nestedList = (depth: number) =>
  Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');

describe('code in slices', () => {
  it('cuts code into slices of whole lines that join back exactly', () => {
    const code = codeLines(2 * CODE_CHUNK_LINES + 7).join('\n');
    const { chunks } = chunkCode(code);
    expect(chunks).toHaveLength(3);
    expect(chunks.join('')).toBe(code);
    expect(chunks[0]?.split('\n')).toHaveLength(CODE_CHUNK_LINES + 1); // 200 lines, each ending in \n
    expect(chunkCode('').chunks).toEqual(['']);
    expect(chunkCode('a\n').chunks).toEqual(['a\n']);
  });

  it('keeps the full slices of a growing block (same strings) and cuts only the tail again', () => {
    const lines = codeLines(3 * CODE_CHUNK_LINES);
    let previous = chunkCode(lines.slice(0, 250).join('\n'));
    const grown = chunkCode(lines.slice(0, 480).join('\n'), previous);
    expect(grown.chunks[0]).toBe(previous.chunks[0]);
    expect(grown.chunks).toEqual(chunkCode(lines.slice(0, 480).join('\n')).chunks);
    // Streaming: each frame continues from the last one, and gives what a fresh cut gives.
    for (let n = 1; n <= lines.length; n += 37) {
      const text = lines.slice(0, n).join('\n');
      previous = chunkStreamingCode(text);
      expect(previous.chunks.join('')).toBe(text);
    }
  });

  it('turns highlighted code into lines of runs that read exactly as the code', () => {
    const code = 'const a = `multi\nline` + 1;\n/* a\ncomment */\nlet b = "x";';
    const lines = highlightCode(code, 'typescript');
    expect(lines.map((line) => line.map(([, text]) => text).join('')).join('\n')).toBe(code);
    // A string that crosses a line break keeps its class on both lines.
    expect(lines[1]?.[0]?.[0]).toContain('hljs-string');
    expect(lines.flat().some(([className]) => className.includes('hljs-keyword'))).toBe(true);
    expect(highlightedLines({ type: 'root', children: [{ type: 'text', value: 'a\n\nb' }] })).toEqual([
      [['', 'a']],
      [],
      [['', 'b']],
    ]);
  });

  it('paints highlighted slices that read exactly as the code, slice boundaries included', () => {
    const textOf = (html: string) =>
      html
        .replace(/<[^>]+>/g, '')
        .replace(/&quot;/g, '"')
        .replace(/&#x27;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    for (const code of [
      codeLines(2 * CODE_CHUNK_LINES).join('\n'),
      `${codeLines(2 * CODE_CHUNK_LINES).join('\n')}\n`,
      `${codeLines(CODE_CHUNK_LINES + 3).join('\n')}\n\n`,
    ]) {
      const lines = highlightCode(code, 'typescript');
      const { chunks } = chunkCode(code);
      const painted = chunks.map((text, index) =>
        textOf(
          renderToStaticMarkup(
            createElement(CodeSlice, {
              text,
              lines: lines.slice(index * CODE_CHUNK_LINES, (index + 1) * CODE_CHUNK_LINES),
            }),
          ),
        ),
      );
      expect(painted).toEqual(chunks);
    }
  });

  it('highlights small code at once, large code in the background, huge code not at all, growing code later', () => {
    expect(highlightPlan('x'.repeat(SYNC_HIGHLIGHT_CHARS), 'ts', false)).toBe('now');
    expect(highlightPlan('x'.repeat(SYNC_HIGHLIGHT_CHARS + 1), 'ts', false)).toBe('background');
    expect(highlightPlan('x'.repeat(MAX_HIGHLIGHT_CHARS + 1), 'ts', false)).toBe('too-large');
    expect(highlightPlan('x', 'ts', true)).toBe('plain');
    expect(highlightPlan('x', undefined, false)).toBe('plain');
  });
});

describe('a large code reply', () => {
  const code = codeLines(2_000).join('\n');
  const reply = `Here it is:\n\n\`\`\`ts\n${code}\n\`\`\`\n\nDone.`;

  it('puts its first slice in the page at once, plain until the worker highlights it', () => {
    const html = render(reply);
    expect(html).toContain('const value0 = compute(0);');
    expect(html).toContain(`const value${CODE_CHUNK_LINES - 1} =`);
    // The rest follows frame by frame (no frames in a static render).
    expect(html).not.toContain(`const value${CODE_CHUNK_LINES} =`);
    expect(html).toContain('class="language-ts"');
    expect(html).toContain('data-render="pending"');
    expect(html).toContain('Done.');
  });

  it('says why code over the limit is not highlighted', () => {
    const huge = codeLines(Math.ceil(MAX_HIGHLIGHT_CHARS / 30)).join('\n');
    expect(render(`\`\`\`ts\n${huge}\n\`\`\``)).toMatch(
      /role="note">Not highlighted: \d+ KB \(highlighting stops at 300 KB\)/,
    );
  });

  it('highlights small code while rendering, and styles direction markers in it', () => {
    const html = render('```js\nif (admin \u202E) { return 1; }\n```');
    expect(html).toContain('class="hljs language-js"');
    expect(html).toContain('<span class="hljs-keyword">return</span>');
    expect(html).toMatch(/<span class="bidi-marker"[^>]*>⟨U\+202E⟩<\/span>/);
  });

  it('shows a growing block plain, and knows when its fence has closed', () => {
    const open = splitBlocks('```ts\nconst a = 1;\n');
    expect(open.blocks[0]?.code).toEqual({ text: 'const a = 1;', lang: 'ts', closed: false });
    const closed = splitBlocks('```ts\nconst a = 1;\n```\n\nMore');
    expect(closed.blocks[0]?.code?.closed).toBe(true);
    expect(splitBlocks('````\na\n```').blocks[0]?.code?.closed).toBe(false);
    const growing = render('```ts\nconst a = 1;\n', true);
    expect(growing).not.toContain('hljs');
    expect(growing).toContain('const a = 1;');
    expect(render('```ts\nconst a = 1;\n```\n\nStill talking', true)).toContain('hljs-keyword');
  });
});

describe('splitting a growing reply', () => {
  it('gives the same code and list details incrementally as from scratch, at every prefix', () => {
    const list = Array.from({ length: LIST_CHUNK_ITEMS + 5 }, (_, i) => `- item ${i}`).join('\n');
    const doc = `Intro\n\n\`\`\`ts\nconst a = 1;\nconst b = 2;\n\`\`\`\n\n${list}\n\nEnd.`;
    let previous = splitBlocks('');
    for (let i = 1; i <= doc.length; i += 3) {
      const text = doc.slice(0, i);
      const incremental = splitBlocks(text, previous);
      expect(incremental.blocks.map(({ start: _start, ...rest }) => rest)).toEqual(
        splitBlocks(text).blocks.map(({ start: _start, ...rest }) => rest),
      );
      previous = incremental;
    }
    const whole = splitBlocks(doc).blocks;
    expect(whole[1]?.code).toEqual({ text: 'const a = 1;\nconst b = 2;', lang: 'ts', closed: true });
    expect(whole[2]?.items?.join('')).toBe(whole[2]?.raw);
  });
});

describe('nesting', () => {
  it('flattens lists and quotes nested deeper than the limit, keeping every item', () => {
    const deep = nestedList(400);
    const limited = limitNesting(deep);
    expect(limited.flattened).toBe(true);
    for (const line of limited.text.split('\n'))
      expect(line.search(/\S/)).toBeLessThanOrEqual(2 * MAX_NESTING);
    expect(limited.text.match(/- item \d+/g)).toHaveLength(400);
    const quotes = limitNesting(
      Array.from({ length: 400 }, (_, i) => `${'>'.repeat(i + 1)} q${i}`).join('\n'),
    );
    expect(quotes.flattened).toBe(true);
    expect(Math.max(...quotes.text.split('\n').map((l) => (l.match(/>/g) ?? []).length))).toBe(MAX_NESTING);
  });

  it('leaves ordinary nesting and deeply indented fenced code alone', () => {
    const ordinary = nestedList(MAX_NESTING - 1);
    expect(limitNesting(ordinary)).toEqual({ text: ordinary, flattened: false });
    const yaml = `\`\`\`yaml\n${' '.repeat(80)}- deep: yes\n\`\`\``;
    expect(limitNesting(yaml)).toEqual({ text: yaml, flattened: false });
  });

  it('renders a 400-level list with a note and all its text, without 400 nested lists', () => {
    const html = render(nestedList(400));
    expect(html).toContain(`nested more than ${MAX_NESTING} levels deep are shown flattened`);
    expect(html).toContain('item 399');
    expect((html.match(/<ul>/g) ?? []).length).toBeLessThanOrEqual(MAX_NESTING);
  });
});

describe('formatting budget', () => {
  it('weighs list items and markup above plain characters', () => {
    expect(formattingCost('plain words')).toBe('plain words'.length);
    expect(formattingCost('- a')).toBeGreaterThan(formattingCost('plain words'));
    expect(formattingCost('*a*')).toBeGreaterThan(formattingCost('aaaa'));
    expect(formattingCost(`${' '.repeat(30)}- a`)).toBeGreaterThan(10 * formattingCost('- a'));
  });

  it('shows a block with too much structure as plain text, with a note', () => {
    const dense = 'some *emph* and `code` '.repeat(2_000);
    expect(tooCostlyToFormat(dense)).toBe(true);
    const html = render(dense);
    expect(html).toContain('Shown as plain text');
    expect(html).not.toContain('<em>');
    expect(html).toContain('some *emph* and `code`');
    expect(tooCostlyToFormat('A normal paragraph with *some* emphasis.')).toBe(false);
  });

  it('formats a long list as runs of items, numbers kept, and mounts them within a per-frame budget', () => {
    const list = Array.from({ length: 1_000 }, (_, i) => `${i + 1}. item ${i + 1}`).join('\n');
    const { blocks, definitions } = splitBlocks(`Intro\n\n${list}\n\nEnd`);
    const units = renderUnits(blocks, definitions, false);
    expect(units).toHaveLength(2 + 1_000 / LIST_CHUNK_ITEMS);
    const second = units[2];
    expect(second?.kind === 'markdown' && second.source.startsWith(`${LIST_CHUNK_ITEMS + 1}. item`)).toBe(
      true,
    );
    expect(units.map((u) => (u.kind === 'markdown' ? u.source : '')).join('')).toContain(list.slice(-200));
    // Every frame mounts at least one unit and stays within the budget when it mounts more.
    for (let from = 0; from < units.length;) {
      const end = unitsWithin(units, from);
      expect(end).toBeGreaterThan(from);
      if (end - from > 1)
        expect(units.slice(from, end).reduce((s, u) => s + u.cost, 0)).toBeLessThanOrEqual(COST_PER_FRAME);
      from = end;
    }
    const html = render(`Intro\n\n${list}`);
    expect(html).toContain('<ol>');
    expect(html).toContain('data-render="pending"');
    expect(html).not.toContain('item 1000');
  });
});
