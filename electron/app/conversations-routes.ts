import { conversationNotFound } from '../services/app-error';
import type { SystemPrompts } from '../services/presets/system-prompt';
import type { ProfileService } from '../services/profiles/profile-service';
import type { ConversationStore } from '../services/store/conversation-store';
import type { RoutesOf } from './routes-of';

export interface ConversationsRoutesDeps {
  store: ConversationStore;
  profiles: Pick<ProfileService, 'get'>;
  systemPrompts: Pick<SystemPrompts, 'set'>;
  /** Stops the replies streaming into a conversation, before it moves to the trash. */
  cancelStreams: (conversationId: string) => void;
}

/**
 * Conversations: list, open, create, rename, pin, search, export and import, delete to the trash
 * (Undo is `trash.restore` with the answered `trashId`), switch backend and model, set the reasoning
 * effort, the system prompt and the tool sources turned on.
 */
export function conversationsRoutes({
  store,
  profiles,
  systemPrompts,
  cancelStreams,
}: ConversationsRoutesDeps): RoutesOf<'conversations'> {
  const conversation = (id: string) => {
    const found = store.get(id);
    if (!found) throw conversationNotFound();
    return found;
  };
  return {
    'conversations.list': () => store.list(),
    'conversations.create': () => store.create(),
    'conversations.get': ({ id }) => conversation(id),
    'conversations.delete': ({ id }) => {
      cancelStreams(id);
      const item = store.moveToTrash(id);
      if (!item) throw conversationNotFound();
      return { id, trashId: item.id };
    },
    'conversations.rename': ({ id, title }) => store.rename(id, title),
    'conversations.pin': ({ id, pinned }) => store.setPinned(id, pinned),
    'conversations.search': ({ query, limit }) => store.search(query, limit !== undefined ? { limit } : {}),
    'conversations.export': ({ ids, format }) => store.export(ids, format),
    'conversations.import': ({ content }) => store.import(content),
    'conversations.setBackend': ({ conversationId, profileId, model }) => {
      profiles.get(profileId);
      conversation(conversationId);
      return store.setBackend(conversationId, { profileId, ...(model ? { chosenModel: model } : {}) });
    },
    'conversations.setReasoningEffort': ({ conversationId, reasoningEffort }) => {
      conversation(conversationId);
      return store.setReasoningEffort(conversationId, reasoningEffort);
    },
    'conversations.setSystemPrompt': (input) => systemPrompts.set(input),
    // Ids are kept as given: an MCP server removed or not yet started is simply not offered.
    'conversations.setTools': ({ conversationId, tools }) => {
      conversation(conversationId);
      return store.setTools(conversationId, tools);
    },
  };
}
