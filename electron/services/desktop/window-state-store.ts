import type { WindowKind } from '../../../shared/domain/desktop';
import type { KeyValueFile, OpenStore } from '../store/kv-store';
import { moveAside, readStoreFile } from '../store/store-file';
import { parseWindowStates, type WindowState } from './window-state';

export const WINDOW_STATE_FILE = 'window-state';
const SCHEMA_VERSION = 1;

export interface WindowStateStoreOptions {
  dir: string;
  openStore: OpenStore;
  /** Writes wait this long after the last move or resize (dragging fires many). */
  debounceMs?: number;
  /** Where damage is reported; window places are cosmetic, so the console, not the UI. */
  warn?: (message: string) => void;
  now?: () => number;
}

/**
 * Window places per window kind in `window-state.json`. Saved places come back validated: a damaged
 * entry is dropped, an unparseable file moved aside; the app always starts.
 */
export class WindowStateStore {
  readonly #options: WindowStateStoreOptions;
  readonly #states: Partial<Record<WindowKind, WindowState>>;
  #timer: NodeJS.Timeout | undefined;
  #dirty = false;
  #file: KeyValueFile<Record<string, unknown>> | undefined;

  private constructor(options: WindowStateStoreOptions, states: Partial<Record<WindowKind, WindowState>>) {
    this.#options = options;
    this.#states = states;
  }

  static open(options: WindowStateStoreOptions): WindowStateStore {
    const warn = options.warn ?? ((message: string) => console.warn(`[window-state] ${message}`));
    const now = options.now ?? Date.now;
    try {
      const read = readStoreFile(options.openStore, options.dir, WINDOW_STATE_FILE);
      if (read.kind === 'missing') return new WindowStateStore(options, {});
      if (read.kind === 'unparseable') {
        const movedTo = moveAside(read.path, now());
        warn(`${read.path} was ${read.reason}; moved to ${movedTo}. Windows open at their default places.`);
        return new WindowStateStore(options, {});
      }
      const { states, damaged } = parseWindowStates(read.data);
      if (damaged.length > 0)
        warn(
          `ignored damaged saved places (${damaged.join(', ')}); those windows open at their default places.`,
        );
      return new WindowStateStore(options, states);
    } catch (error) {
      // An unreadable folder must not stop the app: places are simply not remembered this run.
      warn(`could not read saved window places: ${error instanceof Error ? error.message : String(error)}`);
      return new WindowStateStore(options, {});
    }
  }

  get(kind: WindowKind): WindowState | undefined {
    const state = this.#states[kind];
    return state ? { ...state } : undefined;
  }

  /** Remembers at once; writes after the debounce (or on `flush`). */
  set(kind: WindowKind, state: WindowState): void {
    this.#states[kind] = { ...state };
    this.#dirty = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), this.#options.debounceMs ?? 500);
    this.#timer.unref?.();
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#dirty) return;
    this.#dirty = false;
    try {
      this.#file ??= this.#options.openStore<Record<string, unknown>>({
        cwd: this.#options.dir,
        name: WINDOW_STATE_FILE,
        defaults: {},
      });
      this.#file.store = { schemaVersion: SCHEMA_VERSION, windows: { ...this.#states } };
    } catch (error) {
      const warn = this.#options.warn ?? ((message: string) => console.warn(`[window-state] ${message}`));
      warn(`could not save window places: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  close(): void {
    this.flush();
  }
}
