/** A store file as read from disk, before validation. */
export type RawData = Record<string, unknown>;

/**
 * One step of the store's schema, from `to - 1` to `to`. Steps are pure: they get the parsed JSON of
 * a file and return the next version's, so they can be tested alone and never touch the disk.
 */
export interface Migration {
  readonly to: number;
  /** What changed, for the log and the migration record. */
  readonly what: string;
  index(data: RawData): RawData;
  conversation(data: RawData): RawData;
}

/** A migration that ran at open: where the copy of the data from before it lives. */
export interface MigrationRecord {
  from: number;
  to: number;
  /** The folder holding the copy (index, conversations, trash) made before anything was changed. */
  backupDir: string;
  at: number;
}
