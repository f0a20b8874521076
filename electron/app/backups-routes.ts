import type { ProfileService } from '../services/profiles/profile-service';
import type { ConversationStore } from '../services/store/conversation-store';
import type { RoutesOf } from './routes-of';

export interface BackupDeps {
  store: Pick<ConversationStore, 'backups' | 'restoreBackup'>;
  /** Told after a restore, so every window shows the restored profiles. */
  profiles: Pick<ProfileService, 'reloaded'>;
}

/**
 * The rolling backups of the conversation list and the profiles: list them, and restore one. The
 * store pushes `conversations.changed` and `trash.changed` itself when it reopens over the restored
 * files; the profiles are announced here.
 */
export function backupsRoutes({ store, profiles }: BackupDeps): RoutesOf<'backups'> {
  return {
    'backups.list': () => store.backups(),
    'backups.restore': ({ id }) => {
      const report = store.restoreBackup(id);
      profiles.reloaded();
      return report;
    },
  };
}
