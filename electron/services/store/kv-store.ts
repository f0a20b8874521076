/**
 * The part of electron-store's API the stores use. electron-store extends `conf` and needs the
 * Electron runtime; tests and the browser host open the same files with `conf` directly.
 */
export interface KeyValueFile<T extends Record<string, unknown>> {
  /** The whole document; assigning it writes the file (synchronously, atomically). */
  store: T;
  readonly path: string;
}

export interface OpenStoreOptions<T extends Record<string, unknown>> {
  /** Folder holding the file. */
  cwd: string;
  /** File name without the `.json` extension. */
  name: string;
  defaults: T;
}

/** Opens (or creates) one JSON store file. Throws if the file exists but cannot be parsed. */
export type OpenStore = <T extends Record<string, unknown>>(options: OpenStoreOptions<T>) => KeyValueFile<T>;
