import { AppError } from '../app-error';
import type { OpenConversation, StoreCore } from './store-core';

/**
 * Checkpoints of a streaming reply: never per token. The first one comes early (a crash just after
 * the first tokens keeps them), then at most one per `checkpointMs`; `final` writes skip the wait.
 */
/** Schedules the checkpoint of a streaming message: its first one early, then one per `checkpointMs`. */
export function scheduleCheckpoint(core: StoreCore, conversation: OpenConversation, messageId: string): void {
  if (conversation.checkpointTimer) return;
  const first = conversation.checkpointing !== messageId;
  conversation.checkpointing = messageId;
  const delay = first ? core.firstCheckpointMs : core.checkpointMs;
  conversation.checkpointTimer = setTimeout(() => checkpoint(core, conversation), delay);
}

/**
 * A debounced checkpoint: nobody is there to catch a failure, so it is logged, reported to the user
 * once (until a write succeeds again), and retried with the next change.
 */
function checkpoint(core: StoreCore, conversation: OpenConversation): void {
  conversation.checkpointTimer = undefined;
  if (!conversation.dirty) return;
  try {
    core.writeConversation(conversation);
    conversation.checkpointFailed = false;
  } catch (error) {
    console.warn(
      `[store] checkpoint of conversation ${conversation.id} failed; it will be retried on the next change`,
      error,
    );
    if (conversation.checkpointFailed) return;
    conversation.checkpointFailed = true;
    const reason = error instanceof AppError ? error.userError.message : String(error);
    core.report({
      file: core.conversationPath(conversation.id),
      movedTo: core.conversationPath(conversation.id),
      reason: `the reply streaming into it could not be saved: ${reason}`,
      recovery:
        error instanceof AppError
          ? `The reply goes on and stays on screen; saving is retried as it grows. ${error.userError.fix}`
          : 'The reply goes on and stays on screen; saving is retried as it grows.',
    });
  }
}
