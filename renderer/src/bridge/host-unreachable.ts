// Straight from the module, not the index: the index also pulls in the route schemas (zod), which the page never needs.
import { fail, type Result } from '../../../shared/contract/result';

/** The answer to every invoke that cannot reach the browser host, in the contract's own error shape. */
export function hostUnreachable<T>(): Result<T> {
  return fail({
    code: 'backend-unreachable',
    message: 'Lost the connection to the app host.',
    fix: 'Reload the page once the host is running again.',
    retryable: true,
  });
}
