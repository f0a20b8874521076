/**
 * Tool calls assembled from streamed `delta.tool_calls` fragments, by `index`, whatever the
 * backend's style: Ollama sends each call whole in one chunk; llama.cpp sends id and name first and
 * the arguments in fragments; LiteLLM has been seen repeating the id on every fragment, sending a
 * final chunk with the whole arguments again (appending it would double the JSON), and dropping id
 * and name. A call without an id gets one, so its result can answer it. Pure: no I/O.
 */

/** One call as far as it arrived. */
export interface AssembledCall {
  /** The stream's `index` (or the order it first appeared in, when the backend sent none). */
  index: number;
  callId: string;
  name: string;
  /** The arguments' JSON text as sent (perhaps incomplete or invalid). */
  arguments: string;
}

/** One element of `delta.tool_calls`, as loosely as servers send it (untrusted). */
export interface ToolCallFragment {
  index?: unknown;
  id?: unknown;
  type?: unknown;
  function?: { name?: unknown; arguments?: unknown } | null;
}

interface Slot extends AssembledCall {
  /** The id was made here; a real one that arrives later replaces it. */
  madeId: boolean;
}

export class ToolCallAssembler {
  readonly #slots: Slot[] = [];

  constructor(private readonly newId: () => string = defaultCallId) {}

  /** Takes one chunk's `delta.tool_calls`; returns a copy of every call it changed. */
  add(fragments: unknown): AssembledCall[] {
    if (!Array.isArray(fragments)) return [];
    const changed = new Set<Slot>();
    for (const raw of fragments) {
      if (!raw || typeof raw !== 'object') continue;
      const slot = this.#take(raw as ToolCallFragment);
      if (slot) changed.add(slot);
    }
    return [...changed].map(copy);
  }

  /** Every call so far, in index order. */
  calls(): AssembledCall[] {
    return [...this.#slots].sort((a, b) => a.index - b.index).map(copy);
  }

  #take(fragment: ToolCallFragment): Slot | undefined {
    const id = typeof fragment.id === 'string' && fragment.id.length > 0 ? fragment.id : undefined;
    const fn = fragment.function && typeof fragment.function === 'object' ? fragment.function : undefined;
    const name = typeof fn?.name === 'string' ? fn.name : '';
    const args = typeof fn?.arguments === 'string' ? fn.arguments : undefined;
    const slot = this.#slotFor(fragment.index, id);
    if (id && (slot.callId === '' || slot.madeId)) {
      slot.callId = id;
      slot.madeId = false;
    }
    // A name is sent once (or repeated whole): never appended.
    if (name && !slot.name) slot.name = name;
    if (args !== undefined && args.length > 0) slot.arguments = mergeArguments(slot.arguments, args);
    if (!slot.callId) {
      slot.callId = this.newId();
      slot.madeId = true;
    }
    return slot;
  }

  #slotFor(index: unknown, id: string | undefined): Slot {
    const byIndex = typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index : undefined;
    let slot: Slot | undefined;
    if (byIndex !== undefined) {
      slot = this.#slots.find((s) => s.index === byIndex);
      // One index for every call (seen on some servers): a different real id is a new call.
      if (slot && id && !slot.madeId && slot.callId !== id) slot = undefined;
    } else if (id) {
      slot = this.#slots.find((s) => s.callId === id);
    } else {
      slot = this.#slots.at(-1);
    }
    if (slot) return slot;
    const taken = new Set(this.#slots.map((s) => s.index));
    let next = byIndex ?? this.#slots.length;
    while (taken.has(next)) next++;
    const created: Slot = { index: next, callId: '', name: '', arguments: '', madeId: false };
    this.#slots.push(created);
    return created;
  }
}

/**
 * Appends a fragment, except when the arguments are already a whole JSON object and the fragment is
 * a whole object too (LiteLLM's duplicate final chunk): then it stands for the whole arguments. A
 * proper prefix of an object is never a whole object, so real fragments always append.
 */
export function mergeArguments(sofar: string, fragment: string): string {
  if (sofar.length > 0 && isJsonObject(sofar) && isJsonObject(fragment)) return fragment;
  return sofar + fragment;
}

function isJsonObject(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return false;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function copy({ index, callId, name, arguments: args }: AssembledCall): AssembledCall {
  return { index, callId, name, arguments: args };
}

function defaultCallId(): string {
  return `call_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
}
