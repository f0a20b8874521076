import fs from 'node:fs';
import path from 'node:path';
import { ROLLING_BACKUPS_KEPT, type BackupSummary } from '../../../shared/domain/backups';

/** The files a rolling backup copies (from the data folder's root). */
export const BACKED_UP_FILES = ['index.json', 'profiles.json'] as const;
export type BackedUpFile = (typeof BACKED_UP_FILES)[number];

/** Backup folder names: the time taken, as in `2026-01-02T03-04-05-006Z`, maybe with `-<n>`. */
const backupName = /^(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)(?:-\d+)?$/;

const stampOf = (at: number) => new Date(at).toISOString().replace(/[:.]/g, '-');
const timeOf = (name: string): number => {
  const stamp = backupName.exec(name)?.[1] ?? '';
  return Date.parse(stamp.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z'));
};

/** A backup's time as reports word it: `2026-01-02 03:04:05 UTC`. */
export const backupTime = (at: number): string =>
  new Date(at).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

export interface RollingBackupsOptions {
  /** The data folder; backups go to `<dir>/backups/rolling/<time>/`. */
  dir: string;
  now: () => number;
  /** Changes within this long share one backup (the first change starts the wait). */
  delayMs: number;
  /** Whether writing is allowed now (a read-only data folder takes no backups). */
  writable: () => boolean;
  /** Reads a backed-up file's counts for the list; undefined when it is not ours or damaged. */
  describe: (file: BackedUpFile, data: unknown) => Partial<BackupSummary> | undefined;
}

/**
 * Copies of the index and the profiles, taken a while after they change (coalesced, so a streaming
 * reply costs one copy, not one per index write) and at most `ROLLING_BACKUPS_KEPT` kept. Each is
 * written to a `.partial` folder and renamed into place, so a crash never leaves half a backup; a
 * copy identical to the newest is not taken. Start-up restores from the newest valid one.
 */
export class RollingBackups {
  readonly root: string;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: RollingBackupsOptions) {
    this.root = path.join(options.dir, 'backups', 'rolling');
  }

  /** A backup `delayMs` after the first of a run of changes. */
  schedule(): void {
    if (this.#timer || !this.options.writable()) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      try {
        this.takeNow();
      } catch (error) {
        console.warn('[store] taking a rolling backup failed; the next change tries again', error);
      }
    }, this.options.delayMs);
    this.#timer.unref?.();
  }

  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Copies the files now, unless they are exactly the newest backup; returns the new backup's id. */
  takeNow(): string | undefined {
    if (!this.options.writable()) return undefined;
    const present = BACKED_UP_FILES.filter((f) => fs.existsSync(path.join(this.options.dir, f)));
    if (present.length === 0) return undefined;
    const newest = this.ids()[0];
    if (newest && this.#sameAs(newest, present)) return undefined;
    fs.mkdirSync(this.root, { recursive: true });
    const base = stampOf(this.options.now());
    let id = base;
    for (let n = 1; fs.existsSync(path.join(this.root, id)); n++) id = `${base}-${n}`;
    const partial = path.join(this.root, `${id}.partial`);
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial);
    for (const file of present) fs.copyFileSync(path.join(this.options.dir, file), path.join(partial, file));
    fs.renameSync(partial, path.join(this.root, id));
    this.#prune();
    return id;
  }

  /** Backup ids, newest first. */
  ids(): string[] {
    if (!fs.existsSync(this.root)) return [];
    return fs
      .readdirSync(this.root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && backupName.test(e.name))
      .map((e) => e.name)
      .sort((a, b) => timeOf(b) - timeOf(a) || b.localeCompare(a, 'en', { numeric: true }));
  }

  list(): BackupSummary[] {
    return this.ids().map((id) => this.summary(id));
  }

  summary(id: string): BackupSummary {
    let summary: BackupSummary = { id, at: timeOf(id) };
    for (const file of BACKED_UP_FILES) {
      const data = this.read(id, file);
      if (data !== undefined) summary = { ...summary, ...this.options.describe(file, data) };
    }
    return summary;
  }

  has(id: string): boolean {
    return backupName.test(id) && fs.existsSync(path.join(this.root, id));
  }

  /** A backed-up file, parsed; undefined when absent or not JSON. */
  read(id: string, file: BackedUpFile): unknown {
    if (!backupName.test(id)) return undefined;
    try {
      return JSON.parse(fs.readFileSync(path.join(this.root, id, file), 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  /** The newest backup whose copy of `file` passes `valid`, with that copy. */
  newestValid<T>(
    file: BackedUpFile,
    valid: (data: unknown) => T | undefined,
  ): { id: string; at: number; data: T } | undefined {
    for (const id of this.ids()) {
      const data = valid(this.read(id, file));
      if (data !== undefined) return { id, at: timeOf(id), data };
    }
    return undefined;
  }

  #sameAs(id: string, present: readonly BackedUpFile[]): boolean {
    const inBackup = BACKED_UP_FILES.filter((f) => fs.existsSync(path.join(this.root, id, f)));
    if (inBackup.length !== present.length) return false;
    return present.every((file) => {
      try {
        return fs
          .readFileSync(path.join(this.root, id, file))
          .equals(fs.readFileSync(path.join(this.options.dir, file)));
      } catch {
        return false;
      }
    });
  }

  #prune(): void {
    for (const id of this.ids().slice(ROLLING_BACKUPS_KEPT))
      fs.rmSync(path.join(this.root, id), { recursive: true, force: true });
  }
}

/** What a backed-up file holds, for the list of backups. */
export function describeBackedUp(file: BackedUpFile, data: unknown): Partial<BackupSummary> | undefined {
  const record = (value: unknown) =>
    typeof value === 'object' && value !== null ? Object.keys(value).length : undefined;
  const { conversations, trash, profiles, settings } = (data ?? {}) as Record<string, unknown>;
  if (file === 'profiles.json') return Array.isArray(profiles) ? { profiles: profiles.length } : undefined;
  const legacy = (settings as { profiles?: unknown } | undefined)?.profiles;
  const count = record(conversations);
  if (count === undefined) return undefined;
  return {
    conversations: count,
    trashItems: record(trash) ?? 0,
    ...(Array.isArray(legacy) ? { profiles: legacy.length } : {}),
  };
}
