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
