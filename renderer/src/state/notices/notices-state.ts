import type { UserError } from '../../../../shared/domain/errors';
import type { StoreProblem } from '../../../../shared/domain/store-problem';
import type { ConnectionState } from '../../bridge/connection';

/** An invoke that failed, shown in the chat pane; `retry` repeats it where that makes sense. */
export interface ActionNotice {
  id: number;
  error: UserError;
  /** What was being done, e.g. "Your message was not sent." */
  context?: string;
  retry?: () => void;
}

/** What the banners and the chat pane's notice tell the user: the host connection, store problems, a failed action. */
export interface NoticesState {
  connection: ConnectionState;
  problems: StoreProblem[];
  notice: ActionNotice | undefined;
}

export const initialNoticesState: NoticesState = {
  connection: 'connecting',
  problems: [],
  notice: undefined,
};
