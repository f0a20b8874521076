import {
  isTerminal,
  type ChatStreamEvent,
  type LiveReply as WireLiveReply,
  type ReplyProgress,
} from '../../../../shared/contract/chat-stream';
import { appendDelta, hasAnyText, upsertPart } from '../../../../shared/domain/message-content';
import type { MessagePart } from '../../../../shared/domain/message-parts';
import { FrameScheduler } from '../core/frame-scheduler';

export type ReplyPhase = 'waiting' | 'loading' | 'retrying' | 'streaming';

export interface RetryInfo {
  attempt?: number;
  maxAttempts?: number;
  /** Epoch ms when the retry will start, for the live countdown. */
  deadline: number;
  reason?: string;
}

/** What a reply in progress looks like right now: an immutable snapshot, replaced at most once a frame. */
export interface LiveReply {
  readonly streamId: string;
  readonly conversationId: string;
  readonly replyId: string;
  readonly model: string;
  /** The backend profile answering, as `started` named it. */
  readonly profileId: string;
  readonly profileName: string;
  /** Epoch ms in main when the reply started (`started.startedAt`). */
  readonly startedAt: number;
  /** A new array per published frame; a part that changed is a new object, the others keep their identity. */
  readonly parts: readonly MessagePart[];
  readonly phase: ReplyPhase;
  readonly retry?: RetryInfo;
}

/** What `apply` did with an event: a `gap` (events were missed) asks the caller to join again. */
export type ApplyOutcome = 'applied' | 'stale' | 'unknown' | 'gap';

interface LiveStream {
  streamId: string;
  conversationId: string;
  replyId: string;
  model: string;
  profileId: string;
  profileName: string;
  startedAt: number;
  /** The growing reply, owned here: deltas are applied in place (`appendDelta`), outside React. */
  parts: MessagePart[];
  /** The last event folded in. */
  seq: number;
  phase: ReplyPhase;
  retry?: RetryInfo;
  /** Parts changed since the last snapshot, by id. */
  changed: Set<string>;
  /** The part copies the last snapshot holds, reused while unchanged (memoised views keep them). */
  published: Map<string, MessagePart>;
}

/** Ended streams remembered, so a late or repeated event of one cannot bring it back. */
const ENDED_MEMORY = 200;

/**
 * The one place the renderer holds a reply in progress, keyed by reply (and by stream, for Stop).
 * Fed by `chat.stream` events, which say whose they are and carry `seq`: an event at or below the
 * seq already folded in is a repeat and ignored; one past the next expected means events were missed
 * (the caller joins again from `chat.streams`). Deltas grow the parts with `appendDelta`, the same
 * function main assembles the saved reply with, and request a frame; once per animation frame the
 * changed replies get a new snapshot and subscribers are told, so React renders at most once a frame
 * whatever the token rate. Starts, progress and ends are rare and published at once.
 */
export class LiveReplyStore {
  readonly #streams = new Map<string, LiveStream>();
  readonly #snapshots = new Map<string, LiveReply>();
  readonly #ended = new Set<string>();
  readonly #dirty = new Set<LiveStream>();
  readonly #listeners = new Set<() => void>();
  readonly #frame = new FrameScheduler(() => this.#flush());

  constructor(private readonly now: () => number = Date.now) {}

  /** Applies one event; with `acceptGap`, one past the next expected seq is applied anyway. */
  apply(event: ChatStreamEvent, acceptGap = false): ApplyOutcome {
    if (this.#ended.has(event.streamId)) return 'stale';
    if (event.type === 'started') {
      if (this.#streams.has(event.streamId)) return 'stale';
      const { streamId, conversationId, replyId, model, profileId, profileName, startedAt } = event;
      // A continued reply extends the parts it already had (a copy: they are grown in place here).
      const parts = structuredClone(event.initialParts ?? []);
      this.#add(
        { streamId, conversationId, replyId, model, profileId, profileName, startedAt, parts },
        event.seq,
      );
      return 'applied';
    }
    const stream = this.#streams.get(event.streamId);
    if (!stream) return 'unknown';
    if (event.seq <= stream.seq) return 'stale';
    // An end carries the whole reply, so one after a gap still settles it.
    if (event.seq > stream.seq + 1 && !isTerminal(event) && !acceptGap) return 'gap';
    stream.seq = event.seq;
    switch (event.type) {
      case 'delta': {
        const part = appendDelta(stream.parts, event, this.now());
        this.#changed(stream, part.id);
        break;
      }
      case 'part':
        upsertPart(stream.parts, structuredClone(event.part));
        this.#changed(stream, event.part.id);
        break;
      case 'progress':
        this.#progress(stream, event);
        this.#publishNow(stream);
        break;
      default:
        this.#end(stream);
        this.#emit();
    }
    return 'applied';
  }

  /**
   * A reply as `chat.streams` reported it (a page that opened or reconnected mid-stream): shown from
   * its parts so far, and from then on grown by events after its `seq`. What this page already holds
   * of the same stream wins when it is further along.
   */
  seed(live: WireLiveReply): void {
    const { started } = live;
    if (this.#ended.has(started.streamId)) return;
    const known = this.#streams.get(started.streamId);
    if (known && known.seq >= live.seq) return;
    if (known) this.#remove(known);
    const { streamId, conversationId, replyId, model, profileId, profileName, startedAt } = started;
    const parts = structuredClone(live.message.parts);
    const stream = this.#add(
      { streamId, conversationId, replyId, model, profileId, profileName, startedAt, parts },
      live.seq,
    );
    if (live.progress && !hasAnyText(live.message)) {
      this.#progress(stream, live.progress);
      this.#publishNow(stream);
    }
  }

  /** After a join: streams the host no longer reports as streaming ended unseen. */
  retainOnly(streamIds: ReadonlySet<string>): void {
    let removed = false;
    for (const stream of [...this.#streams.values()])
      if (!streamIds.has(stream.streamId)) {
        this.#end(stream);
        removed = true;
      }
    if (removed) this.#emit();
  }

  /** Whether this page follows the stream (it saw it start, or joined it). */
  knows(streamId: string): boolean {
    return this.#streams.has(streamId);
  }

  /** The live snapshot of a reply, or undefined when it is not streaming here. Stable between frames. */
  getReply = (replyId: string | undefined): LiveReply | undefined =>
    replyId === undefined ? undefined : this.#snapshots.get(replyId);

  /** The stream running in a conversation, if any (one at a time per conversation). */
  activeStreamFor = (conversationId: string | undefined): string | undefined => {
    if (conversationId === undefined) return undefined;
    for (const stream of this.#streams.values())
      if (stream.conversationId === conversationId) return stream.streamId;
    return undefined;
  };

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #add(fields: Omit<LiveStream, 'seq' | 'phase' | 'changed' | 'published'>, seq: number): LiveStream {
    // A reply streams under one stream at a time: a continue replaces the reply's earlier stream.
    const previous = this.#snapshots.get(fields.replyId);
    const old = previous && this.#streams.get(previous.streamId);
    if (old) this.#end(old);
    const phase: ReplyPhase = hasAnyText(fields) && seq > 0 ? 'streaming' : 'waiting';
    const stream: LiveStream = { ...fields, seq, phase, changed: new Set(), published: new Map() };
    this.#streams.set(stream.streamId, stream);
    this.#publishNow(stream);
    return stream;
  }

  #progress(stream: LiveStream, progress: ReplyProgress): void {
    stream.phase = progress.phase;
    stream.retry =
      progress.phase === 'retrying'
        ? {
            deadline: this.now() + (progress.retryInMs ?? 0),
            ...(progress.attempt !== undefined ? { attempt: progress.attempt } : {}),
            ...(progress.maxAttempts !== undefined ? { maxAttempts: progress.maxAttempts } : {}),
            ...(progress.reason !== undefined ? { reason: progress.reason } : {}),
          }
        : undefined;
  }

  #changed(stream: LiveStream, partId: string): void {
    stream.changed.add(partId);
    if (stream.phase !== 'streaming') {
      stream.phase = 'streaming';
      stream.retry = undefined;
    }
    this.#dirty.add(stream);
    this.#frame.request();
  }

  #end(stream: LiveStream): void {
    this.#remove(stream);
    this.#ended.add(stream.streamId);
    if (this.#ended.size > ENDED_MEMORY) this.#ended.delete(this.#ended.values().next().value ?? '');
  }

  #remove(stream: LiveStream): void {
    this.#streams.delete(stream.streamId);
    if (this.#snapshots.get(stream.replyId)?.streamId === stream.streamId)
      this.#snapshots.delete(stream.replyId);
    this.#dirty.delete(stream);
  }

  #publish(stream: LiveStream): void {
    const { streamId, conversationId, replyId, model, profileId, profileName, startedAt, phase, retry } =
      stream;
    const published = new Map<string, MessagePart>();
    const parts = stream.parts.map((part) => {
      const kept = stream.published.get(part.id);
      const copy = kept && !stream.changed.has(part.id) ? kept : { ...part };
      published.set(part.id, copy);
      return copy;
    });
    stream.published = published;
    stream.changed.clear();
    this.#snapshots.set(replyId, {
      streamId,
      conversationId,
      replyId,
      model,
      profileId,
      profileName,
      startedAt,
      parts,
      phase,
      ...(retry ? { retry } : {}),
    });
  }

  #publishNow(stream: LiveStream): void {
    this.#dirty.delete(stream);
    this.#publish(stream);
    this.#emit();
  }

  #flush(): void {
    if (this.#dirty.size === 0) return;
    for (const stream of this.#dirty) this.#publish(stream);
    this.#dirty.clear();
    this.#emit();
  }

  #emit(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
