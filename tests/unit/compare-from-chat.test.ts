import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain/conversation';
import type { ProfileView } from '../../shared/domain/profiles';
import { textParts } from '../../shared/domain/message-content';
import { emptyDraft } from '../../renderer/src/state/compare/compare-form';
import { chatSource, withChatSource } from '../../renderer/src/state/compare/compare-from-chat';

/** "Compare this prompt…" starts from the conversation's backend, model and system prompt, not the first profile. */
const profile = (id: string, defaultModel?: string) =>
  ({
    id,
    name: id,
    kind: 'custom',
    baseUrl: `http://${id}`,
    ...(defaultModel ? { defaultModel } : {}),
  }) as ProfileView;
const profiles = [profile('ollama', 'llama3.2'), profile('lms', 'qwen3'), profile('vllm')];
const system: Message = {
  id: 's',
  role: 'system',
  parts: textParts('Be terse.'),
  createdAt: 1,
  status: 'complete',
};

describe('chatSource', () => {
  it('takes the conversation’s profile and chosen model, and its system prompt', () => {
    expect(chatSource({ profileId: 'lms', chosenModel: 'gemma3' }, [system], profiles, 'ollama')).toEqual({
      profileId: 'lms',
      model: 'gemma3',
      systemPrompt: 'Be terse.',
    });
  });

  it('follows the default profile (not the first) when the conversation names none, with its default model', () => {
    expect(chatSource({}, [], profiles, 'lms')).toEqual({
      profileId: 'lms',
      model: 'qwen3',
      systemPrompt: '',
    });
    // A model chosen for a profile that is gone means nothing for the default one.
    expect(chatSource({ profileId: 'gone', chosenModel: 'x' }, [], profiles, 'vllm')).toEqual({
      profileId: 'vllm',
      model: '',
      systemPrompt: '',
    });
  });
});

describe('withChatSource', () => {
  it('puts the conversation’s pair first, keeps the second, and sets the system prompt', () => {
    const draft = {
      ...emptyDraft,
      pairs: [
        { key: 1, profileId: 'ollama', model: 'llama3.2' },
        { key: 2, profileId: 'vllm', model: 'm' },
      ],
    };
    const next = withChatSource(
      draft,
      { profileId: 'lms', model: 'gemma3', systemPrompt: 'Be terse.' },
      profiles,
    );
    expect(next.pairs.map(({ profileId, model }) => [profileId, model])).toEqual([
      ['lms', 'gemma3'],
      ['vllm', 'm'],
    ]);
    expect(new Set(next.pairs.map((p) => p.key)).size).toBe(2);
    expect(next.systemPrompt).toBe('Be terse.');
  });

  it('offers a second pair on another profile when the form had none', () => {
    const next = withChatSource(emptyDraft, { profileId: 'lms', model: 'qwen3', systemPrompt: '' }, profiles);
    expect(next.pairs.map((p) => p.profileId)).toEqual(['lms', 'ollama']);
  });
});
