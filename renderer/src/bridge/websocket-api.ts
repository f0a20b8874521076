import { isEventName } from '../../../shared/contract/events';
import type {
  AssistantApi,
  EventMap,
  EventName,
  HostClientMessage,
  HostServerMessage,
  Result,
  RouteInput,
  RouteName,
  RouteOutput,
} from '../../../shared/index';
import type { Connection, ConnectionState } from './connection';
import { hostUnreachable } from './host-unreachable';
import { reconnectDelayMs } from './reconnect-delay';

type Settle = (result: Result<unknown>) => void;
type RawListener = (payload: unknown) => void;

function parseServerMessage(data: unknown): HostServerMessage | undefined {
  if (typeof data !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Partial<HostServerMessage> & {
    id?: unknown;
    name?: unknown;
    result?: unknown;
    error?: unknown;
  };
  if (message.kind === 'result' && typeof message.id === 'number' && typeof message.result === 'object') {
    return message as HostServerMessage;
  }
  if (message.kind === 'event' && isEventName(message.name)) return message as HostServerMessage;
  if (message.kind === 'protocol-error' && typeof message.error === 'object' && message.error !== null) {
    return message as HostServerMessage;
  }
  return undefined;
}

/**
 * The contract over the browser host's WebSocket. The host authenticated this page with a cookie,
 * which the browser sends with the handshake. Invokes made while a socket is opening wait for it;
 * when a socket closes, everything in flight is answered with a "lost the connection" Result and
 * the client reconnects with backoff.
 */
export class WebSocketApi implements AssistantApi, Connection {
  readonly #url: string;
  #socket: WebSocket | undefined;
  #state: ConnectionState = 'connecting';
  #failures = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Settle>();
  readonly #queue: HostClientMessage[] = [];
  readonly #listeners = new Map<EventName, Set<RawListener>>();
  readonly #stateListeners = new Set<() => void>();

  constructor(url: string) {
    this.#url = url;
    // Come back at once, rather than at the end of a long backoff, when the network or tab does.
    window.addEventListener('online', () => this.#reconnectNow());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.#reconnectNow();
    });
    this.#connect();
  }

  invoke<R extends RouteName>(route: R, input?: RouteInput<R>): Promise<Result<RouteOutput<R>>> {
    return new Promise<Result<RouteOutput<R>>>((resolve) => {
      const socket = this.#socket;
      if (!socket || socket.readyState === WebSocket.CLOSING || socket.readyState === WebSocket.CLOSED) {
        resolve(hostUnreachable());
        return;
      }
      const id = this.#nextId++;
      this.#pending.set(id, resolve as Settle);
      const message: HostClientMessage =
        input === undefined ? { kind: 'invoke', id, route } : { kind: 'invoke', id, route, input };
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
      else this.#queue.push(message);
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    // The host sends payloads straight from the contract's emitters, so the name fixes the type.
    const raw: RawListener = (payload) => listener(payload as EventMap[E]);
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(raw);
    return () => set.delete(raw);
  }

  getState(): ConnectionState {
    return this.#state;
  }

  subscribe(listener: () => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of [...this.#stateListeners]) listener();
  }

  #connect(): void {
    this.#retryTimer = undefined;
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.addEventListener('open', () => {
      this.#failures = 0;
      for (const message of this.#queue.splice(0)) socket.send(JSON.stringify(message));
      this.#setState('open');
    });
    socket.addEventListener('message', (event) => this.#receive(event.data));
    socket.addEventListener('close', () => this.#lost(socket));
    // An error is always followed by close, which does the work.
  }

  #receive(data: unknown): void {
    const message = parseServerMessage(data);
    if (!message) return;
    if (message.kind === 'result') {
      const settle = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      settle?.(message.result);
      return;
    }
    if (message.kind === 'protocol-error') {
      // A frame the host could not tie to a request: no promise to settle, only something to report.
      console.warn(`The app host could not read a request: ${message.error.message}`);
      return;
    }
    for (const listener of [...(this.#listeners.get(message.name) ?? [])]) {
      try {
        listener(message.payload);
      } catch (error) {
        // One broken listener must not starve the others or the socket.
        console.error(`Listener for ${message.name} failed`, error);
      }
    }
  }

  #lost(socket: WebSocket): void {
    if (socket !== this.#socket) return;
    this.#socket = undefined;
    this.#queue.length = 0;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const settle of pending) settle(hostUnreachable());
    this.#setState('reconnecting');
    this.#retryTimer = setTimeout(() => this.#connect(), reconnectDelayMs(this.#failures++));
  }

  #reconnectNow(): void {
    if (this.#retryTimer === undefined) return;
    clearTimeout(this.#retryTimer);
    this.#connect();
  }
}

/** The host serves the page and the socket from one origin; `/ws` is the contract's endpoint. */
export function hostSocketUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
