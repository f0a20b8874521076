import { userError, type UserError } from '../../shared/domain/errors';

/** An expected failure carrying what the user should see; the router turns it into `{ ok: false }`. */
export class AppError extends Error {
  constructor(readonly userError: UserError) {
    super(userError.message);
    this.name = 'AppError';
  }
}

/** The one wording for a conversation id that no longer resolves (deleted, or its file was damaged). */
export const conversationNotFound = (): AppError =>
  new AppError(
    userError(
      'not-found',
      'That conversation no longer exists or could not be read.',
      'Pick another conversation or start a new chat.',
    ),
  );
