import path from 'node:path';
import { taskSchema, type Task } from '../../../shared/domain/tasks';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import { JsonDocFile } from '../presets/json-doc-file';
import type { OpenStore } from '../store/kv-store';
import { backupTime } from '../store/rolling-backups';
import { TaskBackups } from './task-backups';

export interface TaskStoreOptions {
  /** The data folder: the list is `<dir>/tasks.json`, its copies `<dir>/backups/tasks/`. */
  dir: string;
  openStore: OpenStore;
  onProblem?: (problem: StoreProblem) => void;
  now?: () => number;
  /** How long after a change its backup is taken (default 15 s, like the conversation index). */
  backupDelayMs?: number;
}

export const TASKS_FILE = 'tasks';

/** Each task on its own: one damaged entry does not take the others with it. */
function parseTasks(data: unknown): { value: Task[]; damaged: string[]; whole: boolean } {
  if (!Array.isArray(data)) return { value: [], damaged: ['the task list'], whole: true };
  const value: Task[] = [];
  const damaged: string[] = [];
  const seen = new Set<string>();
  data.forEach((entry: unknown, index) => {
    const parsed = taskSchema.safeParse(entry);
    if (parsed.success && !seen.has(parsed.data.id)) {
      seen.add(parsed.data.id);
      value.push(parsed.data);
    } else damaged.push(`task ${index + 1}`);
  });
  return { value, damaged, whole: false };
}

/** A backup's content when every entry in it is valid (a partly damaged copy is not restored). */
function validCopy(data: unknown): Task[] | undefined {
  const inner = data && typeof data === 'object' ? (data as { data?: unknown }).data : undefined;
  const parsed = parseTasks(inner);
  return parsed.whole || parsed.damaged.length > 0 ? undefined : parsed.value;
}

/**
 * The task list on disk, with the guarantees conversations have: every save is one atomic write of
 * the whole file (it is small), a damaged file is moved aside and reported — never silently
 * replaced — and rolling copies are taken; a file that cannot be read at all is restored from the
 * newest valid copy, and a file with some bad entries keeps the readable ones.
 */
export class TaskStore {
  readonly #file: JsonDocFile<Task[]>;
  readonly #backups: TaskBackups;
  readonly #problems: StoreProblem[] = [];
  readonly #onProblem: ((problem: StoreProblem) => void) | undefined;
  #loaded = false;
  #whole = true;
  #restore: Task[] | undefined;

  constructor(options: TaskStoreOptions) {
    const now = options.now ?? Date.now;
    this.#onProblem = options.onProblem;
    this.#backups = new TaskBackups({
      dir: options.dir,
      file: path.join(options.dir, `${TASKS_FILE}.json`),
      now,
      delayMs: options.backupDelayMs ?? 15_000,
    });
    this.#file = new JsonDocFile({
      dir: options.dir,
      name: TASKS_FILE,
      openStore: options.openStore,
      parse: (data) => {
        const { value, damaged, whole } = parseTasks(data);
        this.#whole = whole;
        return { value, damaged };
      },
      empty: () => this.#restore ?? [],
      label: 'tasks',
      recovery: 'the readable tasks were kept',
      onProblem: (problem) => this.#reported(problem),
      now,
    });
  }

  /** Every task, in the order saved. */
  tasks(): Task[] {
    const value = this.#file.value();
    if (!this.#loaded) {
      this.#loaded = true;
      if (this.#restore) {
        const restored = this.#restore;
        this.#restore = undefined;
        try {
          this.#file.save(restored);
        } catch (error) {
          console.error('[tasks] could not write the restored task list:', error);
        }
        return restored.map((t) => ({ ...t }));
      }
    }
    return value.map((t) => ({ ...t }));
  }

  /** Written (atomically) before returning; throws when the disk refuses, leaving the list as it was. */
  save(tasks: Task[]): void {
    this.tasks();
    this.#file.save(tasks.map((t) => ({ ...t })));
    this.#backups.schedule();
  }

  problems(): StoreProblem[] {
    this.tasks();
    return this.#problems.map((p) => ({ ...p }));
  }

  /** Takes the pending backup now. */
  close(): void {
    this.#backups.flush();
  }

  /** Decides what recovery the report states: a file lost whole comes back from the newest copy. */
  #reported(problem: StoreProblem): void {
    // `parse` was not reached (not JSON) or found no list at all: the whole file is lost.
    const whole = this.#whole;
    let recovery = problem.recovery;
    if (whole) {
      const copy = this.#backups.newestValid(validCopy);
      if (copy) {
        this.#restore = copy.value;
        recovery = `the task list was restored from its backup of ${backupTime(copy.at)}`;
      } else recovery = 'there was no backup to restore, so the task list starts empty';
    }
    const report = { ...problem, recovery };
    this.#problems.push(report);
    try {
      this.#onProblem?.({ ...report });
    } catch (error) {
      console.warn('[tasks] onProblem listener failed', error);
    }
  }
}
