import { defaultDesktopPrefs, desktopPrefsSchema, type DesktopPrefs } from '../../../shared/domain/desktop';
import { normaliseAccelerator } from '../../../shared/domain/accelerator';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import type { KeyValueFile, OpenStore } from '../store/kv-store';
import { moveAside, readStoreFile } from '../store/store-file';

export const DESKTOP_PREFS_FILE = 'desktop';
const SCHEMA_VERSION = 1;

export interface DesktopPrefsStoreOptions {
  dir: string;
  openStore: OpenStore;
  /** A damaged file was moved aside; called once per problem. */
  onProblem?: (problem: StoreProblem) => void;
  now?: () => number;
}

type PrefKey = keyof DesktopPrefs;
const prefKeys = Object.keys(desktopPrefsSchema.shape) as PrefKey[];

/**
 * The valid preferences in a stored document, each field on its own: one damaged field falls back
 * to its default without taking the others with it. `damaged` names what was not usable.
 */
export function parseStoredPrefs(data: unknown): { prefs: DesktopPrefs; damaged: string[] } {
  const prefs: DesktopPrefs = { ...defaultDesktopPrefs };
  const stored =
    data && typeof data === 'object' && 'prefs' in data ? (data as { prefs: unknown }).prefs : undefined;
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return { prefs, damaged: ['prefs'] };
  const damaged: string[] = [];
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SCHEMA_VERSION) damaged.push('schemaVersion');
  for (const key of prefKeys) {
    const value = (stored as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const parsed = desktopPrefsSchema.shape[key].safeParse(value);
    if (parsed.success) (prefs as Record<PrefKey, unknown>)[key] = parsed.data;
    else damaged.push(key);
  }
  prefs.shortcut = normaliseAccelerator(prefs.shortcut);
  return { prefs, damaged };
}

/**
 * The desktop preferences in their own small file (`desktop.json`), apart from the conversation
 * index so that toggling a setting never rewrites it. A file that cannot be read is moved aside and
 * reported, as the conversation store does, and the app goes on with defaults for what was lost.
 */
export class DesktopPrefsStore {
  readonly #options: DesktopPrefsStoreOptions;
  #prefs: DesktopPrefs;
  #file: KeyValueFile<Record<string, unknown>> | undefined;
  readonly #problems: StoreProblem[] = [];

  constructor(options: DesktopPrefsStoreOptions) {
    this.#options = options;
    this.#prefs = this.#load();
  }

  get(): DesktopPrefs {
    return { ...this.#prefs };
  }

  /** Saves the whole set (synchronously; the file is tiny). Throws when the disk refuses. */
  set(prefs: DesktopPrefs): void {
    const next = desktopPrefsSchema.parse(prefs);
    this.#open().store = { schemaVersion: SCHEMA_VERSION, prefs: next };
    this.#prefs = { ...next };
  }

  problems(): StoreProblem[] {
    return this.#problems.map((p) => ({ ...p }));
  }

  #open(): KeyValueFile<Record<string, unknown>> {
    this.#file ??= this.#options.openStore<Record<string, unknown>>({
      cwd: this.#options.dir,
      name: DESKTOP_PREFS_FILE,
      defaults: {},
    });
    return this.#file;
  }

  #load(): DesktopPrefs {
    const { dir, openStore } = this.#options;
    const now = this.#options.now ?? Date.now;
    let read: ReturnType<typeof readStoreFile>;
    try {
      read = readStoreFile(openStore, dir, DESKTOP_PREFS_FILE);
    } catch (error) {
      // Unreadable (permissions, I/O): defaults for this run, and say so; nothing is moved.
      console.error('[desktop] could not read the desktop settings; using defaults:', error);
      return { ...defaultDesktopPrefs };
    }
    if (read.kind === 'missing') {
      this.#file = read.file;
      return { ...defaultDesktopPrefs };
    }
    if (read.kind === 'unparseable') {
      this.#report(read.path, read.reason, 'desktop settings were reset to their defaults', now());
      return { ...defaultDesktopPrefs };
    }
    const { prefs, damaged } = parseStoredPrefs(read.data);
    if (damaged.length === 0) {
      this.#file = read.file;
      return prefs;
    }
    const reason = `unusable values (${damaged.join(', ')})`;
    this.#report(
      read.file.path,
      reason,
      'the readable desktop settings were kept, the others reset to defaults',
      now(),
    );
    try {
      this.set(prefs);
    } catch (error) {
      console.error('[desktop] could not rewrite the desktop settings:', error);
    }
    return prefs;
  }

  #report(file: string, reason: string, recovery: string, at: number): void {
    let movedTo: string;
    try {
      movedTo = moveAside(file, at);
    } catch (error) {
      console.error(`[desktop] could not move ${file} aside:`, error);
      movedTo = file;
    }
    const problem: StoreProblem = { file, movedTo, reason, at, recovery };
    console.warn(`[desktop] ${file} was damaged (${reason}); moved to ${movedTo}; ${recovery}.`);
    this.#problems.push(problem);
    try {
      this.#options.onProblem?.({ ...problem });
    } catch (error) {
      console.warn('[desktop] onProblem listener failed', error);
    }
  }
}
