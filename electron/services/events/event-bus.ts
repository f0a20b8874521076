import type { EventMap, EventName } from '../../../shared/contract/events';

export type EventListener = <E extends EventName>(name: E, payload: EventMap[E]) => void;

/** Fan-out of main → renderer events to every attached transport (IPC windows, WebSocket clients). */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventMap[E]): void {
    for (const listener of this.#listeners) listener(name, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
