import type { AssistantApi } from '../../../../shared/contract/api';
import type { ChatStreamEvent, LiveReply as WireLiveReply } from '../../../../shared/contract/chat-stream';

export interface JoinTarget {
  /** The replies streaming now, as `chat.streams` answered (none when it could not answer). */
  seed(replies: readonly WireLiveReply[] | undefined): void;
  /** `afterJoin`: held during a join and applied after its answer (a gap then cannot be filled by joining again). */
  apply(event: ChatStreamEvent, afterJoin: boolean): void;
}

/**
 * Joins the replies streaming now without guessing: while `chat.streams` is asked, the `chat.stream`
 * events that arrive are held; its answer seeds each live reply as far as it got (with its `seq`),
 * then the held events are applied in order, where seq dedupe drops what the snapshot already has.
 * Nothing is doubled (the snapshot's seq covers it) and nothing is lost (events are listened to
 * before the question is asked). Run when the page connects, after every reconnect, and when a
 * reply's seq jumps.
 */
export class StreamJoin {
  /** Events held while a join is under way; undefined when none is. */
  #held: ChatStreamEvent[] | undefined;
  #token = 0;

  constructor(
    private readonly api: AssistantApi,
    private readonly target: JoinTarget,
  ) {}

  get joining(): boolean {
    return this.#held !== undefined;
  }

  /** Every `chat.stream` event: held while joining, else applied at once. */
  onEvent(event: ChatStreamEvent): void {
    if (this.#held) this.#held.push(event);
    else this.target.apply(event, false);
  }

  /** Joins (again); `pending` are events to apply after the answer (the one that showed a gap). */
  async join(...pending: ChatStreamEvent[]): Promise<void> {
    const token = ++this.#token;
    // A join already under way keeps its held events: the new answer covers them too.
    (this.#held ??= []).push(...pending);
    const answer = await this.api.invoke('chat.streams');
    if (token !== this.#token) return;
    const held = this.#held ?? [];
    this.#held = undefined;
    this.target.seed(answer.ok ? answer.value : undefined);
    for (let i = 0; i < held.length; i++) {
      // Applying one may have started another join (a gap): the rest wait for its answer.
      const next = this.#joinHeld();
      if (next) {
        next.push(...held.slice(i));
        return;
      }
      this.target.apply(held[i]!, true);
    }
  }

  #joinHeld(): ChatStreamEvent[] | undefined {
    return this.#held;
  }
}
