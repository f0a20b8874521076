import type { TestServer } from '../tests/support/openai-test-server';

/** What the test server answers in the rendering benchmarks. */

export const REASONING_TEXT = Array.from(
  { length: 12 },
  (_, i) =>
    `Step ${i + 1}: the user wants a plan with code, so I weigh the owners, the dates and the budget before I answer.`,
).join(' ');

/** A reply with the usual mix: heading, prose with emphasis and links, a list, a table and a 40-line code block. */
export function richAnswer(): string {
  const code = Array.from(
    { length: 40 },
    (_, i) => `  const step${i} = await schedule(owners[${i % 5}], { week: ${i + 1}, budget: ${i * 250} });`,
  ).join('\n');
  const list = Array.from(
    { length: 8 },
    (_, i) => `- **Owner ${i + 1}** reviews [item ${i + 1}](https://example.com/${i}).`,
  );
  const rows = Array.from({ length: 6 }, (_, i) => `| Week ${i + 1} | ${i * 250} | on track |`);
  return [
    '## The plan',
    'Here is the plan, with the **owners**, the `budget` and the dates. Each step builds on the one before, and the review closes the month.',
    list.join('\n'),
    '| Week | Budget | State |\n|---|---|---|\n' + rows.join('\n'),
    '```ts\nexport async function plan(owners: string[]) {\n' + code + '\n}\n```',
    'That covers it. Tell me which owner should start, and I will adjust the dates.',
  ].join('\n\n');
}

/** `lines` lines of TypeScript in one fenced block, between two short paragraphs. */
export function bigCodeReply(lines: number): string {
  const body = Array.from(
    { length: lines },
    (_, i) => `  const value${i} = compute(${i}, "text ${i}") + other[${i % 97}]; // line ${i + 1}`,
  ).join('\n');
  return `Here is the whole file:\n\n\`\`\`ts\n${body}\n\`\`\`\n\nThat is all of it.`;
}

/** A list nested `depth` levels deep (one item per level). */
export function nestedListReply(depth: number): string {
  const list = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');
  return `A deep outline:\n\n${list}\n\nEnd of outline.`;
}

/** The test server's reasoning option arrived with the reasoning work; older servers get `<think>` tags. */
type MaybeReasoning = TestServer & {
  setReasoning?: (reasoning: { style: 'reasoning'; text: string } | undefined) => void;
};

/**
 * Makes replies think `thought` before answering `answer`: in Ollama's `delta.reasoning` field
 * where the test server speaks it, else as `<think>…</think>` at the start of the content. Returns
 * the undo.
 */
export function thinkThenAnswer(server: TestServer, thought: string, answer: string): () => void {
  const reasoning = server as MaybeReasoning;
  if (typeof reasoning.setReasoning === 'function') {
    reasoning.setReasoning({ style: 'reasoning', text: thought });
    server.setReply(() => answer);
    return () => reasoning.setReasoning?.(undefined);
  }
  server.setReply(() => `<think>${thought}</think>\n\n${answer}`);
  return () => {};
}
