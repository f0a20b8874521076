import { userError } from '../../../shared/domain/errors';
import type { BackupRestoreReport } from '../../../shared/domain/backups';
import { AppError } from '../app-error';
import { parseProfiles, PROFILES_NAME } from './profiles-file';
import { StoreCore } from './store-core';
import { INDEX_NAME } from './store-core';
import { bringUpToDate, loadStore } from './store-load';
import { stopTimers } from './store-lifecycle';
import { migrateIndex, upToDate } from './migrations';
import { indexFileSchema, SCHEMA_VERSION } from './store-schema';

const notFound = () =>
  new AppError(
    userError(
      'not-found',
      'That backup no longer exists.',
      'Refresh the list of backups and choose another.',
    ),
  );

/**
 * Puts a rolling backup back: its index (the conversation list, trash list and settings) and its
 * profiles, each only if the copy is valid. The current state is backed up first, so the restore
 * can itself be undone. The caller swaps in the store reopened over the restored files (`reopen`),
 * where each conversation's own file wins for its title, pin and messages.
 */
export function restoreBackup(
  core: StoreCore,
  id: string,
): { report: BackupRestoreReport; reopen: () => StoreCore } {
  if (!core.backups.has(id)) throw notFound();
  core.assertWritable();
  // A backup taken before an upgrade is brought to this version (the files it lists are migrated on read).
  const index = indexFileSchema.safeParse(upToDate(core.backups.read(id, 'index.json'), migrateIndex)).data;
  const profiles = parseProfiles(core.backups.read(id, 'profiles.json'));
  if (!index && !profiles) {
    throw new AppError(
      userError(
        'store-damaged',
        'That backup cannot be read, so nothing was restored.',
        'Choose an older backup.',
      ),
    );
  }
  const restored = core.backups.summary(id);
  const previous = core.backups.takeNow();
  if (profiles) {
    core.openStore({ cwd: core.dir, name: PROFILES_NAME, defaults: {} }).store = {
      schemaVersion: SCHEMA_VERSION,
      ...profiles,
    };
  }
  if (index) core.openStore({ cwd: core.dir, name: INDEX_NAME, defaults: {} }).store = index;
  const report: BackupRestoreReport = {
    restored,
    ...(previous ? { previous: core.backups.summary(previous) } : {}),
  };
  return {
    report,
    reopen: () => {
      stopTimers(core);
      const next = new StoreCore(core.options);
      for (const listener of core.trashListeners) next.trashListeners.add(listener);
      loadStore(next);
      if (index) {
        bringUpToDate(next);
        next.writeIndexNow();
      }
      next.indexChanged();
      next.trashChanged();
      return next;
    },
  };
}
