import { userError } from '../../shared/domain/errors';
import { AppError } from '../services/app-error';
import type { ConversationStore } from '../services/store/conversation-store';
import type { RoutesOf } from './routes-of';

/** The trash: deleted conversations and replaced turns, restored or deleted for good. */
export function trashRoutes({ store }: { store: ConversationStore }): RoutesOf<'trash'> {
  return {
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
