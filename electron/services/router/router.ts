import { issueMessage } from '../../../shared/contract/input-issues';
import { fail, ok, type Result } from '../../../shared/contract/result';
import {
  isRouteName,
  routes,
  type RouteName,
  type RouteOutput,
  type RouteParsedInput,
} from '../../../shared/contract/routes';
import { userError } from '../../../shared/domain/errors';
import { AppError } from '../app-error';

export type RouteHandlers = {
  [R in RouteName]: (input: RouteParsedInput<R>) => Promise<RouteOutput<R>> | RouteOutput<R>;
};

export interface Router {
  /**
   * Validates the route name and input against the contract, runs the handler, never throws. The
   * route is `unknown` because a transport passes on whatever a client sent.
   */
  dispatch(route: unknown, input: unknown): Promise<Result<unknown>>;
}

/** Never `String(route)`: an object sent as the route could carry a `toString` that throws. */
function nameOfRoute(route: unknown): string {
  if (typeof route === 'string') return `"${route.slice(0, 80)}"`;
  return `with a route of type ${route === null ? 'null' : Array.isArray(route) ? 'array' : typeof route}`;
}

export function createRouter(
  handlers: RouteHandlers,
  onUnexpected: (route: string, error: unknown) => void = () => {},
): Router {
  return {
    async dispatch(route, input) {
      if (!isRouteName(route)) {
        return fail(
          userError(
            'invalid-input',
            `Unknown request ${nameOfRoute(route)}.`,
            'Update the app: the window and the main process disagree.',
          ),
        );
      }
      const parsed = routes[route].input.safeParse(input);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          // A field inside `{ patch }` is named as its form names it (`shortcut`, not `patch.shortcut`).
          const path = issue.path[0] === 'patch' && issue.path.length > 1 ? issue.path.slice(1) : issue.path;
          fields[path.map(String).join('.') || 'input'] ??= issueMessage(issue);
        }
        const reasons = Object.entries(fields).map(([path, message]) =>
          path === 'input' ? message : `${path}: ${message}`,
        );
        return fail(
          userError('invalid-input', reasons.join(' '), 'Correct the input and try again.', { fields }),
        );
      }
      try {
        const handler = handlers[route] as (input: unknown) => unknown;
        return ok(await handler(parsed.data));
      } catch (error) {
        if (error instanceof AppError) return fail(error.userError);
        onUnexpected(route, error);
        const detail = error instanceof Error ? error.message : String(error);
        return fail(
          userError(
            'internal',
            'Something went wrong inside the app.',
            'Try again; if it keeps happening, restart the app.',
            { detail },
          ),
        );
      }
    },
  };
}
