import { conversationNotFound } from '../services/app-error';
import type { ChatService } from '../services/chat/chat-service';
import type { ContextPlanner } from '../services/chat/context-planner';
import { conversationBackend } from '../services/chat/conversation-backend';
import { targetOf } from '../services/chat/turn-preparation';
import type { BackendTarget } from '../services/backends/backend-target';
import type { ProfileService } from '../services/profiles/profile-service';
import type { ConversationStore } from '../services/store/conversation-store';
import type { RoutesOf } from './routes-of';

export interface ChatRoutesDeps {
  chat: ChatService;
  /** The planner chat sends with, so the meter shows what the next request would hold. */
  context: Pick<ContextPlanner, 'plan'>;
  store: Pick<ConversationStore, 'get'>;
  profiles: Pick<ProfileService, 'list' | 'resolve'>;
  /** The model a send would pick when none is chosen (the backend's first listed). */
  firstModel: (target: BackendTarget) => Promise<string>;
}

/**
 * Send, edit and resend, retry (regenerate), continue, show another version of a turn, stop, the replies streaming now (for a window that opens
 * mid-stream), and the context meter of the next request.
 */
export function chatRoutes({ chat, context, store, profiles, firstModel }: ChatRoutesDeps): RoutesOf<'chat'> {
  return {
    'chat.send': ({ conversationId, text, attachments }) => chat.send(conversationId, text, attachments),
    'chat.editAndResend': ({ conversationId, messageId, text, attachments }) =>
      chat.editAndResend(conversationId, messageId, text, attachments),
    'chat.retry': ({ conversationId }) => chat.retry(conversationId),
    'chat.continue': ({ conversationId }) => chat.continue(conversationId),
    'chat.showVersion': ({ conversationId, messageId, version }) =>
      chat.showVersion(conversationId, messageId, version),
    'chat.streams': () => chat.liveReplies(),
    'chat.cancel': ({ streamId }) => ({ cancelled: chat.cancel(streamId) }),
    'chat.context': async ({ conversationId, draft, draftAttachments }) => {
      const conversation = store.get(conversationId);
      if (!conversation) throw conversationNotFound();
      // Without asking the backend for a model list: with no model named, the length is a default.
      const chosen = await conversationBackend(conversation, profiles);
      const { profile } = chosen;
      // An attached image needs the model that will answer, to say whether it can see: the one a
      // send would pick. Only then is the backend asked.
      const image = draftAttachments?.some((a) => a.type === 'image') ?? false;
      const model =
        chosen.model ?? (image ? await firstModel(targetOf(profile)).catch(() => undefined) : undefined);
      const plan = await context.plan({
        profile,
        model,
        messages: conversation.messages,
        ...(draft !== undefined ? { draft } : {}),
        ...(draftAttachments?.length ? { draftAttachments } : {}),
        // Figures only: no image is read for the meter.
        preview: true,
      });
      return plan.report;
    },
  };
}
