import type { StoreProblem } from '../../../shared/domain/store-problem';
import type { KeyValueFile, OpenStore } from '../store/kv-store';
import { moveAside, readStoreFile } from '../store/store-file';

export interface JsonDocFileOptions<T> {
  dir: string;
  /** File name without `.json`. */
  name: string;
  openStore: OpenStore;
  /** The usable part of the stored `data`, and what was not usable (empty: all of it was fine). */
  parse: (data: unknown) => { value: T; damaged: string[] };
  empty: () => T;
  /** What happens to a damaged file's content, for the report (e.g. "your presets were kept"). */
  recovery: string;
  /** For log lines, e.g. "presets". */
  label: string;
  onProblem?: (problem: StoreProblem) => void;
  now?: () => number;
}

const SCHEMA_VERSION = 1;

/**
 * One small document in its own JSON file (`{ schemaVersion, data }`), read on first use and
 * written whole on every save (it is tiny). A file that cannot be parsed, or holds values that do
 * not validate, is moved aside and reported the way the conversation store does it, and the app
 * goes on with what was readable — never silently replaced.
 */
export class JsonDocFile<T> {
  readonly #problems: StoreProblem[] = [];
  #file: KeyValueFile<Record<string, unknown>> | undefined;
  #value: T | undefined;

  constructor(private readonly options: JsonDocFileOptions<T>) {}

  value(): T {
    this.#value ??= this.#load();
    return this.#value;
  }

  /** Written before returning; throws when the disk refuses (the value in memory is then unchanged). */
  save(value: T): void {
    const { dir, name, openStore } = this.options;
    this.#file ??= openStore<Record<string, unknown>>({ cwd: dir, name, defaults: {} });
    this.#file.store = { schemaVersion: SCHEMA_VERSION, data: value };
    this.#value = value;
  }

  problems(): StoreProblem[] {
    this.value();
    return this.#problems.map((p) => ({ ...p }));
  }

  #load(): T {
    const { dir, name, openStore, label } = this.options;
    let read: ReturnType<typeof readStoreFile>;
    try {
      read = readStoreFile(openStore, dir, name);
    } catch (error) {
      // Unreadable (permissions, I/O): nothing to move aside; go on empty for this run.
      console.error(`[${label}] could not read ${name}.json; going on without it:`, error);
      return this.options.empty();
    }
    if (read.kind === 'missing') {
      this.#file = read.file;
      return this.options.empty();
    }
    if (read.kind === 'unparseable') {
      this.#report(read.path, read.reason);
      return this.options.empty();
    }
    const data =
      read.data && typeof read.data === 'object' ? (read.data as { data?: unknown }).data : undefined;
    const { value, damaged } = this.options.parse(data);
    this.#file = read.file;
    if (damaged.length > 0) {
      this.#report(read.file.path, `unusable values (${damaged.join(', ')})`);
      try {
        this.save(value);
      } catch (error) {
        console.error(`[${label}] could not rewrite ${name}.json:`, error);
      }
    }
    return value;
  }

  #report(file: string, reason: string): void {
    const at = (this.options.now ?? Date.now)();
    let movedTo = file;
    try {
      movedTo = moveAside(file, at);
    } catch (error) {
      console.error(`[${this.options.label}] could not move ${file} aside:`, error);
    }
    const problem: StoreProblem = { file, movedTo, reason, at, recovery: this.options.recovery };
    console.warn(`[${this.options.label}] ${file} was damaged (${reason}); moved to ${movedTo}.`);
    this.#problems.push(problem);
    try {
      this.options.onProblem?.({ ...problem });
    } catch (error) {
      console.warn(`[${this.options.label}] onProblem listener failed`, error);
    }
  }
}
