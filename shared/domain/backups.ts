/**
 * Rolling backups of the small files that say what the user set up: the conversation index (titles,
 * pins, the trash list, settings) and the backend profiles (keys only as ciphertext). Conversations
 * themselves are not copied: each keeps its messages, title and pin in its own file.
 */
export interface BackupSummary {
  /** The backup's folder name under `<data>/backups/rolling/`. */
  id: string;
  /** When it was taken (ms since the epoch). */
  at: number;
  /** What it holds; a count is absent when that file is not in the backup (or cannot be read). */
  conversations?: number;
  trashItems?: number;
  profiles?: number;
}

/** What a restore did: the backup it used, and the copy of the state just before it (to undo). */
export interface BackupRestoreReport {
  restored: BackupSummary;
  /** The backup taken of the state the restore replaced, when there was anything to keep. */
  previous?: BackupSummary;
}

/** How many rolling backups are kept; the oldest goes when one more is taken. */
export const ROLLING_BACKUPS_KEPT = 10;

/** "3 conversations, 1 item in the trash, 2 profiles": what a backup holds, for the list. */
export function describeBackup(backup: BackupSummary): string {
  const parts: string[] = [];
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (backup.conversations !== undefined)
    parts.push(count(backup.conversations, 'conversation', 'conversations'));
  if (backup.trashItems !== undefined)
    parts.push(count(backup.trashItems, 'item in the trash', 'items in the trash'));
  if (backup.profiles !== undefined)
    parts.push(count(backup.profiles, 'backend profile', 'backend profiles'));
  return parts.length > 0 ? parts.join(', ') : 'nothing readable';
}
