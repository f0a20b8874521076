import type { AssistantApi } from '../../shared/contract/api';
import type { EventMap, EventName } from '../../shared/contract/events';
import type { Result } from '../../shared/contract/result';
import type { RouteName } from '../../shared/contract/routes';
import type { Connection, ConnectionState } from '../../renderer/src/bridge/connection';

type Answer = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;

/** The contract as a renderer sees it, answered by the test: records invokes, lets the test emit events. */
export class FakeApi implements AssistantApi {
  readonly calls: { route: RouteName; input: unknown }[] = [];
  readonly #listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  constructor(private readonly answers: Partial<Record<RouteName, Answer>> = {}) {}

  answer(route: RouteName, answer: Answer): void {
    this.answers[route] = answer;
  }

  invoke: AssistantApi['invoke'] = (route, input) => {
    this.calls.push({ route, input });
    const answer = this.answers[route];
    const result: Result<unknown> | Promise<Result<unknown>> = answer
      ? answer(input)
      : {
          ok: false,
          error: { code: 'internal', message: `no answer for ${route}`, fix: '', retryable: false },
        };
    return Promise.resolve(result) as ReturnType<AssistantApi['invoke']>;
  };

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    const raw = listener as (payload: unknown) => void;
    set.add(raw);
    return () => set.delete(raw);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(payload);
  }

  routes(): RouteName[] {
    return this.calls.map((c) => c.route);
  }
}

/** A connection whose state the test sets. */
export class FakeConnection implements Connection {
  #state: ConnectionState = 'open';
  readonly #listeners = new Set<() => void>();
  getState = () => this.#state;
  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
  set(state: ConnectionState): void {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener();
  }
}
