import type { UserError } from '../../shared/domain/errors';

/** An expected failure carrying what the user should see; the router turns it into `{ ok: false }`. */
export class AppError extends Error {
  constructor(readonly userError: UserError) {
    super(userError.message);
    this.name = 'AppError';
  }
}
