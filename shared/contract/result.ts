import type { UserError } from '../domain/errors';

/**
 * Every route answers with an envelope instead of throwing: an exception does not survive
 * Electron's structured clone (only its message does), and the renderer needs the cause and fix.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: UserError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: UserError): Result<T> => ({ ok: false, error });
