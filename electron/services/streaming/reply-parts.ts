import { userError, type UserError } from '../../../shared/domain/errors';
import { appendDelta, upsertPart } from '../../../shared/domain/message-content';
import type {
  MessagePart,
  ReasoningPart,
  StreamedPartType,
  ToolCallPart,
  ToolSource,
} from '../../../shared/domain/message-parts';
import type { AssembledCall } from '../tools/call-assembly';
import type { ReplyDelta } from './stream-reply';

/**
 * A reply assembled from the engine's typed deltas (`ReplyDelta`), for chat and compare alike:
 * gives each part its id (`r1`, `t1`, `r2`…), grows the parts with the shared `appendDelta` and
 * `upsertPart` (the very functions a window applies the same events with), and says which stream
 * events that took, so what main saves and what a window shows cannot drift apart.
 *
 * A reasoning part closes, with its `durationMs`, when the answer starts or the stream ends; a
 * `retag` (the closing tag of reasoning whose opening tag was in the prompt) turns the text this
 * stream produced so far into a closed reasoning part under the same id. Parts that were there
 * before (a continued reply) are never touched: this stream only appends parts after them.
 */

/** What a window is told: text appended to a part, or a whole part put in place by id. */
export type ReplyPartEvent =
  | { type: 'delta'; partId: string; kind: StreamedPartType; text: string }
  | { type: 'part'; part: MessagePart };

interface OpenPart {
  id: string;
  kind: StreamedPartType;
  /** When its first text arrived (a text part may turn out to be reasoning). */
  startedAt: number;
}

/** Where a tool the model called comes from, for its card (undefined: not a tool on offer). */
export type DescribeTool = (name: string) => { source: ToolSource; sideEffects: boolean } | undefined;

export class ReplyParts {
  /** This round's calls: stream index → part id (a new round starts after `end`). */
  readonly #calls = new Map<number, string>();
  #nextCall: number;
  #nextResult: number;
  /** The part this stream is growing; none before the first delta and after a part closed by retag. */
  #open: OpenPart | undefined;
  readonly #next: Record<StreamedPartType, number>;

  /** `parts` is the reply's own list, grown in place (a continued reply's parts stay as they were). */
  constructor(
    readonly parts: MessagePart[],
    private readonly describeTool: DescribeTool = () => undefined,
  ) {
    this.#next = { text: nextIndex(parts, 't'), reasoning: nextIndex(parts, 'r') };
    this.#nextCall = nextIndex(parts, 'call');
    this.#nextResult = nextIndex(parts, 'result');
  }

  /** This round's tool-call parts, in the order the model made them. */
  get roundCalls(): ToolCallPart[] {
    const ids = new Set(this.#calls.values());
    return this.parts.filter((p): p is ToolCallPart => p.type === 'tool-call' && ids.has(p.id));
  }

  /** A new id for a tool-result part (`result1`, `result2`…). */
  newResultId(): string {
    return `result${this.#nextResult++}`;
  }

  /** Puts a whole part in place (appended when new) and says which event carries it. */
  put(part: MessagePart): ReplyPartEvent {
    upsertPart(this.parts, part);
    return { type: 'part', part: structuredClone(part) };
  }

  /** Whether the model is thinking right now (the last part is open reasoning). */
  get inReasoning(): boolean {
    return this.#open?.kind === 'reasoning';
  }

  /** Applies one delta received at `at` (epoch ms) and returns the events that carry it. */
  apply(delta: ReplyDelta, at: number): ReplyPartEvent[] {
    if (delta.kind === 'retag') return this.#retag(at);
    if (delta.kind === 'tool-call') return [this.#toolCall(delta.call)];
    const text = this.#startsAnswer(delta.kind) ? delta.text.trimStart() : delta.text;
    if (text === '') return [];
    const events: ReplyPartEvent[] = [];
    if (this.#open && this.#open.kind !== delta.kind) {
      const closed = this.#close(at, false);
      if (closed) events.push(closed);
    }
    this.#open ??= { id: this.#newId(delta.kind), kind: delta.kind, startedAt: at };
    const partId = this.#open.id;
    appendDelta(this.parts, { partId, kind: delta.kind, text }, at);
    events.push({ type: 'delta', partId, kind: delta.kind, text });
    return events;
  }

  /**
   * Whether text of `kind` would open the reply's first answer text: many models begin it with a
   * space or blank lines (after their reasoning, or from the chat template), which would otherwise
   * show and be saved. Only whitespace before the first visible character goes; a continued reply
   * (it already has text) keeps its leading space, which may separate two words.
   */
  #startsAnswer(kind: StreamedPartType): boolean {
    if (kind !== 'text' || this.#open?.kind === 'text') return false;
    return !this.parts.some((p) => p.type === 'text');
  }

  /**
   * The stream is over: reasoning still open closes with its duration and is marked incomplete
   * (whatever ended the stream, the model had not finished thinking).
   */
  end(at: number): ReplyPartEvent[] {
    const closed = this.#open?.kind === 'reasoning' ? this.#close(at, true) : undefined;
    this.#open = undefined;
    this.#calls.clear();
    return closed ? [closed] : [];
  }

  /**
   * A call as far as it arrived, as a `tool-call` part after everything before it (text of the same
   * round keeps growing in its own part: the round's text is one assistant message with the calls).
   */
  #toolCall(call: AssembledCall): ReplyPartEvent {
    let id = this.#calls.get(call.index);
    if (!id) {
      id = `call${this.#nextCall++}`;
      this.#calls.set(call.index, id);
    }
    const known = this.describeTool(call.name);
    const part: ToolCallPart = {
      type: 'tool-call',
      id,
      callId: call.callId.slice(0, 256),
      name: call.name.slice(0, 256),
      arguments: call.arguments,
      status: 'streaming',
      ...(known ? { source: known.source, sideEffects: known.sideEffects } : {}),
    };
    return this.put(part);
  }

  #retag(at: number): ReplyPartEvent[] {
    const open = this.#open;
    if (open?.kind !== 'text') return [];
    const index = this.parts.findIndex((p) => p.id === open.id);
    const current = this.parts[index];
    if (current?.type !== 'text') return [];
    const part: ReasoningPart = {
      type: 'reasoning',
      id: open.id,
      text: current.text,
      startedAt: open.startedAt,
      durationMs: Math.max(0, at - open.startedAt),
    };
    upsertPart(this.parts, part);
    this.#open = undefined;
    return [{ type: 'part', part: { ...part } }];
  }

  #close(at: number, incomplete: boolean): ReplyPartEvent | undefined {
    const open = this.#open;
    this.#open = undefined;
    if (open?.kind !== 'reasoning') return undefined;
    const part = this.parts.find((p) => p.id === open.id);
    if (part?.type !== 'reasoning') return undefined;
    part.durationMs = Math.max(0, at - (part.startedAt ?? open.startedAt));
    if (incomplete) part.incomplete = true;
    return { type: 'part', part: { ...part } };
  }

  #newId(kind: StreamedPartType): string {
    const prefix = kind === 'reasoning' ? 'r' : 't';
    return `${prefix}${this.#next[kind]++}`;
  }
}

/** One past the highest `<prefix><n>` id already used, so a continued reply's new ids never clash. */
function nextIndex(parts: readonly MessagePart[], prefix: string): number {
  let max = 0;
  for (const part of parts) {
    if (!part.id.startsWith(prefix)) continue;
    const n = Number(part.id.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return max + 1;
}

/**
 * A reply that thought and never answered is not a success: why, and what to do about it.
 * `endedInReasoning`: the stream stopped inside the reasoning (no closing tag, or no answer field).
 */
export function noAnswer(endedInReasoning: boolean, finishReason: string | undefined): UserError {
  const message = endedInReasoning
    ? 'The model stopped while it was still thinking, before it answered.'
    : 'The model finished thinking but gave no answer.';
  const fix =
    finishReason === 'length'
      ? 'Thinking used up the reply’s max tokens: raise Max tokens, then Retry.'
      : 'Retry to ask again; the reasoning so far is kept.';
  return userError('incomplete', message, fix, { retryable: true });
}

/**
 * All of a reply's reasoning as one part (compare keeps one per cell): the text of every reasoning
 * part in order, timed from the first, incomplete if any was.
 */
export function mergedReasoning(parts: readonly MessagePart[]): ReasoningPart | undefined {
  const reasoning = parts.filter((p): p is ReasoningPart => p.type === 'reasoning');
  const first = reasoning[0];
  if (!first) return undefined;
  if (reasoning.length === 1) return { ...first };
  const merged: ReasoningPart = { ...first, text: reasoning.map((p) => p.text).join('') };
  const durations = reasoning.map((p) => p.durationMs).filter((d): d is number => d !== undefined);
  if (durations.length > 0) merged.durationMs = durations.reduce((a, b) => a + b, 0);
  if (reasoning.some((p) => p.incomplete)) merged.incomplete = true;
  return merged;
}
