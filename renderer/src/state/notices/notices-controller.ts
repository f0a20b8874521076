import type { Result } from '../../../../shared/contract/result';
import type { UserError } from '../../../../shared/domain/errors';
import type { StoreProblem } from '../../../../shared/domain/store-problem';
import type { AppState } from '../app-state';
import type { Store } from '../core/create-store';
import type { ActionNotice } from './notices-state';

function problemKey(problem: StoreProblem): string {
  return `${problem.file}\u0000${problem.at}`;
}

/** The chat pane's notice of a failed action, and the store problems the host reports (each dismissable). */
export class NoticesController {
  readonly #dismissedProblems = new Set<string>();
  #noticeId = 0;

  constructor(private readonly store: Store<AppState>) {}

  notify(error: UserError, options: Omit<ActionNotice, 'id' | 'error'> = {}): void {
    this.store.setState({ notice: { id: ++this.#noticeId, error, ...options } });
  }

  /** Background loads stay quiet while the connection banner already says what is wrong. */
  notifyUnlessOffline<T>(result: Result<T>, context: string, retry?: () => void): void {
    if (result.ok || this.store.getState().connection !== 'open') return;
    this.notify(result.error, { context, ...(retry ? { retry } : {}) });
  }

  /** A failed action's notice in the chat pane, for actions made elsewhere (the library's). */
  showNotice(error: UserError, context: string): void {
    this.notify(error, { context });
  }

  dismissNotice(): void {
    this.store.setState({ notice: undefined });
  }

  /** Problems the host reported (at start and as `store.problem` events), less those already shown or dismissed. */
  addProblems(problems: StoreProblem[]): void {
    this.store.setState((state) => {
      const known = new Set([...state.problems.map(problemKey), ...this.#dismissedProblems]);
      const fresh = problems.filter((p) => !known.has(problemKey(p)));
      return fresh.length ? { problems: [...state.problems, ...fresh] } : {};
    });
  }

  dismissProblem(problem: StoreProblem): void {
    this.#dismissedProblems.add(problemKey(problem));
    this.store.setState((state) => ({
      problems: state.problems.filter((p) => problemKey(p) !== problemKey(problem)),
    }));
  }
}
