import Store from 'electron-store';
import type { KeyValueFile, OpenStoreOptions } from '../services/store/kv-store';

/**
 * The stores' `OpenStore` on electron-store (which is `conf` plus Electron's paths). Every file gets an
 * explicit folder; `clearInvalidConfig: false` makes a corrupt file throw so the store can move it aside
 * and report it, instead of electron-store silently starting from empty.
 */
export const openElectronStore = <T extends Record<string, unknown>>(
  options: OpenStoreOptions<T>,
): KeyValueFile<T> =>
  new Store<T>({
    cwd: options.cwd,
    name: options.name,
    defaults: options.defaults,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
  });
