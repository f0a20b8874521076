import { userError } from '../../shared/domain/errors';
import { AppError, conversationNotFound } from '../services/app-error';
import type { EventBus } from '../services/events/event-bus';
import type { RouteHandlers } from '../services/router/router';
import type { ConversationStore } from '../services/store/conversation-store';

export type LibraryRouteName =
  | 'conversations.delete'
  | 'conversations.rename'
  | 'conversations.pin'
  | 'conversations.search'
  | 'conversations.export'
  | 'conversations.import'
  | 'trash.list'
  | 'trash.restore'
  | 'trash.purge'
  | 'trash.empty';

export interface LibraryDeps {
  store: ConversationStore;
  /** Stops the replies streaming into a conversation, before it moves to the trash. */
  cancelStreams: (conversationId: string) => void;
  events: EventBus;
}

/**
 * The conversation library's routes: rename, pin, delete to the trash (Undo is `trash.restore`
 * with the answered `trashId`), the trash, search, export and import. Every change to the trash,
 * whatever made it (these routes, or an edit-and-resend), is pushed as `trash.changed`.
 */
export function createLibraryRoutes({
  store,
  cancelStreams,
  events,
}: LibraryDeps): Pick<RouteHandlers, LibraryRouteName> {
  store.onTrashChanged(() => events.emit('trash.changed', { items: store.trashList() }));
  return {
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
    'trash.list': () => store.trashList(),
    'trash.restore': ({ trashId }) => store.restore(trashId),
    'trash.purge': ({ trashId }) => {
      if (!store.purge(trashId)) {
        throw new AppError(
          userError(
            'not-found',
            'That item is no longer in the trash.',
            'Refresh the trash; it may have been emptied.',
          ),
        );
      }
      return { trashId };
    },
    'trash.empty': () => ({ count: store.emptyTrash() }),
  };
}
