import type { RouteName } from '../../shared/contract/routes';
import type { RouteHandlers } from '../services/router/router';

/**
 * The one shape of every routes module in this folder: `<prefix>Routes(deps)` answers the handlers
 * of every route named `<prefix>.…` in the contract. The type fails when one is missing or when a
 * module answers a route of another prefix, so each route has exactly one home.
 */
export type RoutesOf<Prefix extends string> = Pick<RouteHandlers, Extract<RouteName, `${Prefix}.${string}`>>;
