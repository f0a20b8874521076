import fs from 'node:fs';
import path from 'node:path';
import { ROLLING_BACKUPS_KEPT } from '../../../shared/domain/backups';

export interface TaskBackupsOptions {
  /** The data folder; copies go to `<dir>/backups/tasks/tasks-<time>.json`. */
  dir: string;
  /** The file copied (`<dir>/tasks.json`). */
  file: string;
  now: () => number;
  /** Changes within this long share one copy (the first change starts the wait). */
  delayMs: number;
}

const copyName = /^tasks-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)(?:-(\d+))?\.json$/;
const stampOf = (at: number) => new Date(at).toISOString().replace(/[:.]/g, '-');
const timeOf = (name: string): number => {
  const stamp = copyName.exec(name)?.[1] ?? '';
  return Date.parse(stamp.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z'));
};

/**
 * Rolling copies of the task list, like the conversation index's (`store/rolling-backups.ts`): taken
 * a while after a change (a burst of tool calls costs one copy), never a copy identical to the newest,
 * written to a `.partial` file and renamed so a crash never leaves half a copy, the newest
 * `ROLLING_BACKUPS_KEPT` kept. A damaged task file is restored from the newest valid copy.
 */
export class TaskBackups {
  readonly root: string;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: TaskBackupsOptions) {
    this.root = path.join(options.dir, 'backups', 'tasks');
  }

  schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      try {
        this.takeNow();
      } catch (error) {
        console.warn('[tasks] taking a backup failed; the next change tries again', error);
      }
    }, this.options.delayMs);
    this.#timer.unref?.();
  }

  /** Takes the pending copy now (on close), so the last changes are backed up too. */
  flush(): void {
    if (!this.#timer) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    try {
      this.takeNow();
    } catch (error) {
      console.warn('[tasks] taking a backup failed', error);
    }
  }

  /** Copies the file now unless it is exactly the newest copy; answers the copy's name. */
  takeNow(): string | undefined {
    const source = this.options.file;
    if (!fs.existsSync(source)) return undefined;
    const bytes = fs.readFileSync(source);
    const newest = this.names()[0];
    if (newest && this.#same(newest, bytes)) return undefined;
    fs.mkdirSync(this.root, { recursive: true });
    const base = `tasks-${stampOf(this.options.now())}`;
    let name = `${base}.json`;
    for (let n = 1; fs.existsSync(path.join(this.root, name)); n++) name = `${base}-${n}.json`;
    const partial = path.join(this.root, `${name}.partial`);
    fs.writeFileSync(partial, bytes);
    fs.renameSync(partial, path.join(this.root, name));
    for (const old of this.names().slice(ROLLING_BACKUPS_KEPT))
      fs.rmSync(path.join(this.root, old), { force: true });
    return name;
  }

  /** Copies, newest first. */
  names(): string[] {
    if (!fs.existsSync(this.root)) return [];
    return fs
      .readdirSync(this.root)
      .filter((name) => copyName.test(name))
      .sort((a, b) => timeOf(b) - timeOf(a) || b.localeCompare(a, 'en', { numeric: true }));
  }

  /** The newest copy whose content `valid` accepts, with its time. */
  newestValid<T>(valid: (data: unknown) => T | undefined): { at: number; value: T } | undefined {
    for (const name of this.names()) {
      let data: unknown;
      try {
        data = JSON.parse(fs.readFileSync(path.join(this.root, name), 'utf8')) as unknown;
      } catch {
        continue;
      }
      const value = valid(data);
      if (value !== undefined) return { at: timeOf(name), value };
    }
    return undefined;
  }

  #same(name: string, bytes: Buffer): boolean {
    try {
      return fs.readFileSync(path.join(this.root, name)).equals(bytes);
    } catch {
      return false;
    }
  }
}
