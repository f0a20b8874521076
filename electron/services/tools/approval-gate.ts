import type { ToolDecision } from '../../../shared/domain/tools';

/**
 * Calls waiting for the user's Allow once / Always allow / Deny (`tools.decide`), by conversation,
 * reply and part. A wait ends with the decision, or `cancelled` when Stop (the signal) comes first.
 */
export type ApprovalKey = { conversationId: string; replyId: string; partId: string };

export class ApprovalGate {
  readonly #waiting = new Map<string, (decision: ToolDecision) => void>();

  wait(key: ApprovalKey, signal: AbortSignal): Promise<ToolDecision | 'cancelled'> {
    const id = keyOf(key);
    return new Promise((resolve) => {
      if (signal.aborted) return resolve('cancelled');
      const onAbort = () => {
        this.#waiting.delete(id);
        resolve('cancelled');
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting.set(id, (decision) => {
        signal.removeEventListener('abort', onAbort);
        this.#waiting.delete(id);
        resolve(decision);
      });
    });
  }

  /** False when nothing waits under that key (answered already, stopped, or never asked). */
  decide(key: ApprovalKey, decision: ToolDecision): boolean {
    const resolve = this.#waiting.get(keyOf(key));
    if (!resolve) return false;
    resolve(decision);
    return true;
  }

  /** How many calls wait now (for tests and diagnostics). */
  get size(): number {
    return this.#waiting.size;
  }
}

const keyOf = ({ conversationId, replyId, partId }: ApprovalKey) =>
  `${conversationId}\n${replyId}\n${partId}`;
