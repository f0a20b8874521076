import type { Conversation, Message } from '../../../shared/domain/conversation';
import { userError } from '../../../shared/domain/errors';
import { textParts } from '../../../shared/domain/message-content';
import { AppError, conversationNotFound } from '../app-error';
import type { ConversationStore } from '../store/conversation-store';
import type { PresetService } from './preset-service';

export interface SystemPromptsDeps {
  store: Pick<ConversationStore, 'get' | 'appendMessage' | 'updateMessage' | 'removeMessage' | 'setTools'>;
  presets: Pick<PresetService, 'get'>;
  /** A reply streaming in the conversation: its request is already on its way, so no change now. */
  isStreaming: (conversationId: string) => boolean;
  now?: () => number;
  newId?: () => string;
}

export interface SystemPromptInput {
  conversationId: string;
  /** Empty (or only whitespace) removes the system prompt. */
  prompt: string;
  presetId?: string | undefined;
}

/**
 * A conversation's system prompt is its first system message. The store can only append, so a
 * prompt added to a conversation that already has turns sits after them in the list; chat sends it
 * first wherever it is, and the window shows it above the transcript.
 */
export class SystemPrompts {
  constructor(private readonly deps: SystemPromptsDeps) {}

  set({ conversationId, prompt, presetId }: SystemPromptInput): Conversation {
    const { store } = this.deps;
    const conversation = store.get(conversationId);
    if (!conversation) throw conversationNotFound();
    if (this.deps.isStreaming(conversationId)) {
      throw new AppError(
        userError(
          'busy',
          'A reply is still streaming in this conversation.',
          'Change the system prompt when it has finished, or press Stop first.',
        ),
      );
    }
    // Checked even when removing, so a stale preset list in the window is noticed.
    const preset = presetId !== undefined ? this.deps.presets.get(presetId) : undefined;
    const current = conversation.messages.find((m) => m.role === 'system');
    const fromPreset = preset && preset.prompt === prompt ? { presetId: preset.id } : {};

    if (prompt.trim().length === 0) {
      if (current) store.removeMessage(conversationId, current.id);
    } else if (current) {
      const { presetId: _previous, ...rest } = current;
      store.updateMessage(
        conversationId,
        { ...rest, parts: textParts(prompt), status: 'complete', ...fromPreset },
        'final',
      );
    } else {
      const message: Message = {
        id: (this.deps.newId ?? (() => crypto.randomUUID()))(),
        role: 'system',
        parts: textParts(prompt),
        createdAt: (this.deps.now ?? Date.now)(),
        status: 'complete',
        ...fromPreset,
      };
      store.appendMessage(conversationId, message);
    }
    // A preset that works with tools (TaskMaster: the task list) turns them on; none are turned off.
    const wanted = preset && preset.prompt === prompt ? (preset.tools ?? []) : [];
    const currentTools = conversation.tools ?? [];
    if (wanted.some((source) => !currentTools.includes(source)))
      store.setTools(conversationId, [...currentTools, ...wanted]);
    const updated = store.get(conversationId);
    if (!updated) throw conversationNotFound();
    return updated;
  }
}
