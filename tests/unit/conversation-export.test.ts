import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../shared/domain/conversation';
import {
  conversationsToJson,
  conversationsToMarkdown,
  exportConversationsFile,
  parseConversationsImport,
} from '../../shared/domain/conversation-export';
import { textParts } from '../../shared/domain/message-content';

const at = Date.UTC(2025, 2, 1, 14, 30);

const conversation: Conversation = {
  id: 'c1',
  title: 'Run llama3.2 locally',
  createdAt: at,
  updatedAt: at + 60_000,
  messageCount: 3,
  model: 'llama3.2:3b',
  pinned: true,
  messages: [
    { id: 'm1', role: 'system', parts: textParts('Be brief.'), createdAt: at, status: 'complete' },
    {
      id: 'm2',
      role: 'user',
      parts: textParts('How do I start it?'),
      createdAt: at + 1000,
      status: 'complete',
    },
    {
      id: 'm3',
      role: 'assistant',
      parts: textParts('Run `ollama run llama3.2`.'),
      createdAt: at + 2000,
      status: 'cancelled',
      model: 'llama3.2:3b',
      profileName: 'Ollama',
      error: { code: 'incomplete', message: 'You stopped this reply.', fix: 'Retry it.', retryable: true },
    },
  ],
};

describe('conversation export', () => {
  it('writes JSON with the format marker that parses back to the same conversations', () => {
    const json = conversationsToJson([conversation], at);
    expect(JSON.parse(json)).toMatchObject({
      format: 'local-llm-desk/conversations',
      version: 2,
      exportedAt: '2025-03-01T14:30:00.000Z',
      conversations: [{ id: 'c1' }],
    });
    expect(parseConversationsImport(json)).toEqual({ ok: true, conversations: [conversation] });
    expect(parseConversationsImport(`\uFEFF${json}`).ok).toBe(true);
  });

  it('writes Markdown as a readable transcript with roles, times, model and status', () => {
    const md = conversationsToMarkdown([conversation], at);
    expect(md).toContain('# Run llama3.2 locally');
    expect(md).toContain(
      '*created 2025-03-01 14:30 UTC · updated 2025-03-01 14:31 UTC · model llama3.2:3b · 3 messages*',
    );
    expect(md).toContain('## System · 2025-03-01 14:30 UTC\n\nBe brief.');
    expect(md).toContain('## User · 2025-03-01 14:30 UTC\n\nHow do I start it?');
    expect(md).toContain(
      '## Assistant · llama3.2:3b via Ollama · 2025-03-01 14:30 UTC · cancelled\n\nRun `ollama run llama3.2`.',
    );
    expect(md).toContain('> You stopped this reply. Retry it.');

    const both = conversationsToMarkdown([conversation, { ...conversation, id: 'c2', title: 'Second' }], at);
    expect(both.startsWith('# Local LLM Desk conversations')).toBe(true);
    expect(both).toContain('## Run llama3.2 locally');
    expect(both).toContain('### User ·');
    expect(both).toContain('## Second');
  });

  it('names one conversation after its title and several after the date', () => {
    expect(exportConversationsFile([conversation], 'markdown', at)).toMatchObject({
      filename: 'run-llama3-2-locally.md',
      mimeType: 'text/markdown',
    });
    expect(exportConversationsFile([conversation, conversation], 'json', at)).toMatchObject({
      filename: 'local-llm-desk-conversations-2025-03-01.json',
      mimeType: 'application/json',
    });
    expect(exportConversationsFile([{ ...conversation, title: '???' }], 'json', at).filename).toBe(
      'conversation.json',
    );
  });
});

describe('import check', () => {
  const valid = conversationsToJson([conversation], at);
  const reason = (text: string) => {
    const result = parseConversationsImport(text);
    if (result.ok) throw new Error('expected a rejection');
    return result.reason;
  };

  it('rejects each kind of bad file with its own reason', () => {
    expect(reason('')).toMatch(/empty/);
    expect(reason('# Run llama3.2 locally\n\nnot json')).toMatch(/not JSON/);
    expect(reason(valid.slice(0, Math.floor(valid.length / 2)))).toMatch(/truncated/);
    expect(reason(valid.slice(0, valid.indexOf('"messages"') + 14))).toMatch(/truncated/);
    expect(reason('{"name": "my-package", "version": "1.0.0"}')).toMatch(
      /not a Local LLM Desk conversations export/,
    );
    expect(reason('[1, 2, 3]')).toMatch(/not a Local LLM Desk/);
    expect(reason(valid.replace('"version": 2', '"version": 3'))).toMatch(
      /newer version of the app \(export version 3; this version reads up to 2\)\. Update the app/,
    );
    expect(reason(valid.replace('"version": 2', '"version": "one"'))).toMatch(/export version/);
    expect(reason(valid.replace('"conversations": [', '"chats": ['))).toMatch(/no list of conversations/);
  });

  it('names the invalid entries and why, and imports none of them', () => {
    const bad = JSON.parse(valid) as { conversations: Record<string, unknown>[] };
    bad.conversations.push(
      {
        ...conversation,
        id: 'c2',
        title: 'Bad status',
        messages: [{ ...conversation.messages[0], status: 'weird' }],
      },
      { ...conversation, id: 'c3', title: 'No time', createdAt: 'yesterday' },
      {
        ...conversation,
        id: 'c4',
        title: 'Twice',
        messages: [conversation.messages[0], conversation.messages[0]],
      },
    );
    const text = reason(JSON.stringify(bad));
    expect(text).toMatch(/^3 of the 4 conversations in the file are invalid, so nothing was imported/);
    expect(text).toMatch(/conversation 2 \("Bad status"\): messages\.0\.status/);
    expect(text).toMatch(/conversation 3 \("No time"\): createdAt/);
    expect(text).toMatch(/conversation 4 \("Twice"\): message id "m1" appears twice/);
  });
});

describe('export v2: messages of parts', () => {
  const thinking: Conversation = {
    ...conversation,
    id: 'c-think',
    title: 'Which is bigger?',
    reasoningEffort: 'high',
    messages: [
      {
        id: 'u1',
        role: 'user',
        parts: textParts('Is 9.11 bigger than 9.9?'),
        createdAt: at,
        status: 'complete',
      },
      {
        id: 'a1',
        role: 'assistant',
        parts: [
          {
            type: 'reasoning',
            id: 'r1',
            text: 'Compare 0.11 with 0.90.',
            startedAt: at + 500,
            durationMs: 12_400,
          },
          { type: 'text', id: 't1', text: 'No: 9.9 is bigger.' },
        ],
        createdAt: at + 1000,
        status: 'complete',
        model: 'qwen3:8b',
        usage: { promptTokens: 12, completionTokens: 40, totalTokens: 52, reasoningTokens: 30 },
      },
      {
        id: 'a2',
        role: 'assistant',
        parts: [{ type: 'reasoning', id: 'r1', text: 'Still weighing </details> it', incomplete: true }],
        createdAt: at + 2000,
        status: 'incomplete',
      },
      {
        id: 'a3',
        role: 'assistant',
        parts: [
          { type: 'reasoning', id: 'r1', text: 'Quick.' },
          { type: 'text', id: 't1', text: 'Yes.' },
        ],
        createdAt: at + 3000,
        status: 'complete',
      },
    ],
  };

  it('writes parts, reasoning included, and reads them back exactly', () => {
    const json = conversationsToJson([thinking], at);
    const file = JSON.parse(json) as { version: number; conversations: Conversation[] };
    expect(file.version).toBe(2);
    expect(file.conversations[0]?.messages[1]?.parts).toEqual(thinking.messages[1]?.parts);
    expect(file.conversations[0]).not.toHaveProperty('messages.0.content');
    expect(parseConversationsImport(json)).toEqual({ ok: true, conversations: [thinking] });
  });

  it('puts each reasoning part in a collapsed block before the answer in Markdown', () => {
    const md = conversationsToMarkdown([thinking], at);
    expect(md).toContain(
      '· 2025-03-01 14:30 UTC\n\n<details><summary>Thought for 12 s</summary>\n\nCompare 0.11 with 0.90.\n\n</details>\n\nNo: 9.9 is bigger.',
    );
    // Cut off while thinking: marked, and a closing tag inside cannot end the block early.
    expect(md).toContain(
      '<details><summary>Thinking (incomplete)</summary>\n\nStill weighing &lt;/details&gt; it\n\n</details>\n\n*(no text)*',
    );
    expect(md).toContain('<details><summary>Thinking</summary>\n\nQuick.\n\n</details>\n\nYes.');
  });

  it('imports a version 1 file: each content becomes its parts, a leading <think> its reasoning', () => {
    const v1 = JSON.stringify({
      format: 'local-llm-desk/conversations',
      version: 1,
      exportedAt: '2025-03-01T14:30:00.000Z',
      app: 'Local LLM Desk',
      conversations: [
        {
          id: 'old',
          title: 'Old',
          createdAt: at,
          updatedAt: at,
          messageCount: 3,
          messages: [
            { id: 'm1', role: 'user', content: 'Why <think>?', createdAt: at, status: 'complete' },
            {
              id: 'm2',
              role: 'assistant',
              content: '<think>Hmm.</think>Because.',
              createdAt: at,
              status: 'complete',
            },
            { id: 'm3', role: 'assistant', content: '', createdAt: at, status: 'failed' },
          ],
        },
      ],
    });
    const result = parseConversationsImport(v1);
    if (!result.ok) throw new Error(result.reason);
    expect(result.conversations[0]?.messages.map((m) => m.parts)).toEqual([
      textParts('Why <think>?'),
      [
        { type: 'reasoning', id: 'r1', text: 'Hmm.' },
        { type: 'text', id: 't1', text: 'Because.' },
      ],
      [],
    ]);
  });

  it('refuses a file holding a part kind from a newer version, naming it and the fix', () => {
    const file = JSON.parse(conversationsToJson([thinking, conversation], at)) as {
      conversations: { messages: { parts: object[] }[] }[];
    };
    file.conversations[1]!.messages[2]!.parts.push({ type: 'video', id: 'v1', url: 'file:///x.mp4' });
    const result = parseConversationsImport(JSON.stringify(file));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.reason).toMatch(
        /part this version does not know \("video"\): it was made by a newer version of the app\. Update the app to import it; nothing was imported/,
      );
  });
});
