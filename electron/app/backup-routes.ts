import type { ProfileService } from '../services/profiles/profile-service';
import type { RouteHandlers } from '../services/router/router';
import type { ConversationStore } from '../services/store/conversation-store';

export type BackupRouteName = 'backups.list' | 'backups.restore';

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
export function createBackupRoutes({ store, profiles }: BackupDeps): Pick<RouteHandlers, BackupRouteName> {
  return {
    'backups.list': () => store.backups(),
    'backups.restore': ({ id }) => {
      const report = store.restoreBackup(id);
      profiles.reloaded();
      return report;
    },
  };
}
