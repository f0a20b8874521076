import type { ErrorCode, UserError } from './user-error-schema';

export type { ErrorCode, UserError } from './user-error-schema';

export function userError(
  code: ErrorCode,
  message: string,
  fix: string,
  options: Pick<UserError, 'detail' | 'fields' | 'action'> & { retryable?: boolean } = {},
): UserError {
  const error: UserError = { code, message, fix, retryable: options.retryable ?? false };
  if (options.detail !== undefined) error.detail = options.detail;
  if (options.fields !== undefined) error.fields = options.fields;
  if (options.action !== undefined) error.action = options.action;
  return error;
}
