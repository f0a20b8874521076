import { userError } from '../../../shared/domain/errors';
import { AppError } from '../app-error';
import type { KeyValueFile, OpenStore, OpenStoreOptions } from './kv-store';

/** Why the disk refused a write, as the user can act on it. */
const causes: Record<string, { reason: string; fix: string }> = {
  EACCES: {
    reason: 'permission denied',
    fix: 'Give your user write permission on that folder, or start the app with another data folder.',
  },
  EPERM: {
    reason: 'the operation is not permitted (the folder or a file in it is locked or immutable)',
    fix: 'Unlock the folder or fix its permissions, or start the app with another data folder.',
  },
  EROFS: {
    reason: 'it is on a read-only file system',
    fix: 'Remount the disk writable, or start the app with a data folder on a writable disk.',
  },
  ENOSPC: { reason: 'the disk is full', fix: 'Free some disk space, then try again.' },
  EDQUOT: { reason: 'your disk quota is used up', fix: 'Free some space within your quota, then try again.' },
};

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;

/** Whether an error is the disk refusing a write (as opposed to a bug, or bad data). */
export const isStorageError = (error: unknown): boolean => {
  const code = codeOf(error);
  return code !== undefined && Object.hasOwn(causes, code);
};

/**
 * The disk refusing a write, worded for the user: "The data folder PATH cannot be written: <reason>"
 * with what fixes it. Anything else is returned unchanged, so callers can rethrow whatever they caught.
 */
export function describeStorageError(dir: string, error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = codeOf(error);
  const cause = code !== undefined ? causes[code] : undefined;
  if (!cause) return error;
  return new AppError(
    userError(
      'store-damaged',
      `The data folder ${dir} cannot be written: ${cause.reason} (${code}).`,
      cause.fix,
      {
        detail: error instanceof Error ? error.message : String(error),
        retryable: code === 'ENOSPC' || code === 'EDQUOT',
      },
    ),
  );
}

/** Runs a write; a refusal by the disk is thrown as the user-facing AppError above. */
export function writing<T>(dir: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw describeStorageError(dir, error);
  }
}

/** Every write through `openStore` that the disk refuses is thrown as "the data folder cannot be written". */
export function refusalsWorded(openStore: OpenStore, dir: string): OpenStore {
  return <T extends Record<string, unknown>>(options: OpenStoreOptions<T>): KeyValueFile<T> => {
    const inner = openStore<T>(options);
    return {
      get path() {
        return inner.path;
      },
      get store() {
        return inner.store;
      },
      set store(value: T) {
        try {
          inner.store = value;
        } catch (error) {
          throw describeStorageError(dir, error);
        }
      },
    };
  };
}
