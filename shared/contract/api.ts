import type { Result } from './result';
import type { UserError } from '../domain/errors';
import type { RouteInput, RouteName, RouteOutput } from './routes';
import type { EventMap, EventName } from './events';

/**
 * The whole surface the renderer sees, whatever carries it: the Electron preload exposes it on
 * `window.assistant`; in the browser host a WebSocket client implements it.
 */
export interface AssistantApi {
  invoke<R extends RouteName>(route: R, input?: RouteInput<R>): Promise<Result<RouteOutput<R>>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

/** IPC channel names, derived here so preload and main cannot disagree. */
export const ipcChannel = {
  route: (route: RouteName) => `route:${route}`,
  event: (event: EventName) => `event:${event}`,
} as const;

/**
 * Browser-host wire messages, one JSON object per text frame. Every invoke gets a `result` with its
 * id, an error envelope when the frame was unusable (unknown kind, bad route or input). A frame with
 * no numeric id to answer by (not JSON, binary, `id` missing or not a number) gets a `protocol-error`
 * instead, which the client can only log.
 */
export type HostClientMessage = { kind: 'invoke'; id: number; route: string; input?: unknown };
export type HostServerMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; name: EventName; payload: unknown }
  | { kind: 'protocol-error'; error: UserError };
