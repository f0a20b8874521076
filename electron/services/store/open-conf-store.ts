import Conf from 'conf';
import type { KeyValueFile, OpenStoreOptions } from './kv-store';

/**
 * `conf`, the engine under electron-store, for plain Node (browser host, tests, benchmarks).
 * `clearInvalidConfig: false` makes a corrupt file throw instead of being silently emptied.
 */
export const openConfStore = <T extends Record<string, unknown>>(
  options: OpenStoreOptions<T>,
): KeyValueFile<T> =>
  new Conf<T>({
    cwd: options.cwd,
    configName: options.name,
    defaults: options.defaults,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
    projectName: 'local-llm-desk',
  });
