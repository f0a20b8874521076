import { useEffect, useRef, useState } from 'react';
import type { Message } from '../../../../shared/domain/conversation';
import { answerText } from '../../../../shared/domain/message-content';
import type { AttachmentPart } from '../../../../shared/domain/message-parts';
import type { OpenConversation } from '../../state/conversations/conversations-state';
import {
  figuresFromReport,
  shownFigures,
  type MeterFigures,
  type StampedPreview,
} from '../../state/chat/context-meter';
import { useAppState, useController } from '../../state/controller-context';
import type { AppState } from '../../state/app-state';
import { currentProfile, selectedSummary } from '../../state/profiles/backend-selectors';

/** Typing asks for a new preview after this pause. */
const DRAFT_DEBOUNCE_MS = 300;

/** The newest reply's record of what its request held (the placeholder has it from `started`). */
function lastRequestOf(open: OpenConversation | undefined): Message['context'] {
  return open?.messages.findLast((m) => m.role === 'assistant' && m.context !== undefined)?.context;
}

/** Changes when what the next request would hold changes, apart from the draft. */
function historyKey(open: OpenConversation | undefined): string {
  if (!open) return '';
  const last = open.messages.at(-1);
  const system = open.messages.find((m) => m.role === 'system');
  const systemText = system ? answerText(system) : '';
  return `${open.id}\u0000${open.messages.length}\u0000${last?.id}\u0000${last?.status}\u0000${systemText.length}\u0000${systemText.slice(0, 64)}`;
}

/**
 * Changes when the backend the next request goes to changes: the conversation's profile or model,
 * or (for one that follows the default) the default profile or its default model. The context
 * length is the model's, so the meter asks again at once.
 */
function backendKey(state: AppState): string {
  const summary = selectedSummary(state);
  const profile = currentProfile(state);
  return `${profile?.id}\u0000${summary?.chosenModel ?? ''}\u0000${profile?.defaultModel ?? ''}\u0000${profile?.baseUrl ?? ''}`;
}

/**
 * The context meter's figures for the open conversation: `chat.context` asked on opening it, after
 * every reply ends, at once when its backend or model changes, and (debounced) while typing or attaching; what a request held shown at once
 * when it starts and when it ends (with the server's count), until the next preview arrives.
 */
export function useContextMeter(
  draft: string,
  /** Memoised by the caller: a new array asks again. */
  draftAttachments: readonly AttachmentPart[],
): {
  figures: MeterFigures | undefined;
  error: string | undefined;
  /** Whether the model reads images, as main found out (asked only while the draft holds one). */
  vision: boolean | undefined;
} {
  const controller = useController();
  const open = useAppState((s) => s.open);
  const lastRequest = lastRequestOf(open);
  const backend = useAppState(backendKey);
  const key = `${historyKey(open)}\u0000${backend}`;
  const streaming = open?.messages.some((m) => m.status === 'streaming') ?? false;
  const [preview, setPreview] = useState<StampedPreview & { conversationId: string }>();
  const [error, setError] = useState<string>();
  const [vision, setVision] = useState<{ conversationId: string; vision: boolean | undefined }>();
  const asked = useRef(0);
  const lastKey = useRef('');

  useEffect(() => {
    const conversationId = open?.id;
    if (!conversationId || streaming) return;
    // A change of history is asked at once; a change of the draft alone after a pause.
    const delay = key === lastKey.current ? DRAFT_DEBOUNCE_MS : 0;
    lastKey.current = key;
    const ticket = ++asked.current;
    // The preview answers for the history as of this last request; a newer request makes it stale.
    const requestStamp = lastRequest;
    const timer = setTimeout(() => {
      void controller.contextReport(conversationId, draft, draftAttachments).then((result) => {
        if (ticket !== asked.current) return; // a newer question is on its way
        if (!result.ok) return setError(result.error.message);
        setError(undefined);
        setVision({ conversationId, vision: result.value.vision });
        setPreview({ conversationId, stamp: requestStamp, figures: figuresFromReport(result.value) });
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [controller, open?.id, key, draft, draftAttachments, streaming, lastRequest]);

  const current = preview?.conversationId === open?.id ? preview : undefined;
  return {
    figures: open ? shownFigures(current, lastRequest) : undefined,
    error: open ? error : undefined,
    vision: vision?.conversationId === open?.id ? vision?.vision : undefined,
  };
}
