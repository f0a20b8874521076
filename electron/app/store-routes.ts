import type { StoreProblem } from '../../shared/domain/store-problem';
import type { RoutesOf } from './routes-of';

/** Files found damaged and moved aside, by every store, including those reported before a window listened. */
export function storeRoutes({ problems }: { problems: () => StoreProblem[] }): RoutesOf<'store'> {
  return {
    'store.problems': () => problems(),
  };
}
