import type OpenAI from 'openai';
import type { Conversation, Message } from '../../../shared/domain/conversation';
import type { UserError } from '../../../shared/domain/errors';
import { isSendable } from '../../../shared/domain/context-budget';
import { AppError } from '../app-error';
import { describeFailure, offlineError } from '../backends/describe-failure';
import type { BackendTarget } from '../backends/backend-target';
import type { ProfileService, ResolvedProfile } from '../profiles/profile-service';
import type { ContextPlan, ContextPlanner, RequestMessage } from './context-planner';
import { conversationBackend } from './conversation-backend';
import type { MessagePart } from '../../../shared/domain/message-parts';
import { hasToolParts, toolRoundMessages } from '../tools/tool-history';

/**
 * Turn preparation: everything decided before a reply's request goes out. Which backend and model
 * answer, and which part of the history is sent.
 */

/** Where a conversation's requests go: profiles (with keys, main only), SDK clients, the network. */
export interface ChatBackends {
  profiles: Pick<ProfileService, 'list' | 'resolve' | 'rememberModel'>;
  isOnline(): boolean;
  client(target: BackendTarget): OpenAI;
  firstModel(target: BackendTarget): Promise<string>;
}

/** A reply's backend, or why there is none (with the profile when it was resolved before the failure). */
export type ReplyBackend =
  { profile: ResolvedProfile; model: string } | { failure: UserError; profile?: ResolvedProfile };

/**
 * The conversation's profile and model (`conversationBackend`), else the first model the backend
 * lists (remembered for the profile). A cloud profile while offline fails here, before any request.
 * Never throws: a failure comes back with its cause and fix.
 */
export async function replyBackend(
  backends: ChatBackends,
  conversation: Conversation,
): Promise<ReplyBackend> {
  let profile: ResolvedProfile | undefined;
  try {
    const chosen = await conversationBackend(conversation, backends.profiles);
    profile = chosen.profile;
    if (profile.location === 'cloud' && !backends.isOnline())
      throw new AppError(offlineError(profile.baseUrl));
    if (chosen.model) return { profile, model: chosen.model };
    const first = await backends.firstModel(targetOf(profile));
    backends.profiles.rememberModel(profile.id, first);
    return { profile, model: first };
  } catch (error) {
    const failure =
      error instanceof AppError
        ? error.userError
        : describeFailure(error, profile ? targetOf(profile) : { baseUrl: '' });
    return profile ? { failure, profile } : { failure };
  }
}

/** What a request sends; the figures are absent when fitting the history failed and all of it goes. */
export type RequestPlan = Pick<ContextPlan, 'messages'> & Partial<Omit<ContextPlan, 'messages'>>;

/** Sent (not saved) after a partial reply, so any OpenAI-compatible backend picks up where it stopped. */
const CONTINUE_PROMPT =
  'Continue your previous reply exactly where it stopped. Do not repeat anything, do not add a preamble.';

/**
 * The multi-turn history sent with a request, fitted to the model's context: the system prompt
 * first (wherever it is in the list), then the newest turns that fit (context-planner.ts). A
 * continued reply's partial answer (never its reasoning) and the continue prompt always go last.
 */
export async function planRequest(
  context: ContextPlanner,
  input: {
    profile: ResolvedProfile;
    model: string;
    /** The conversation's messages without the reply being generated. */
    messages: readonly Message[];
    continuingText: string | undefined;
    /** The continued reply's parts: one that used tools sends its rounds, not just its text. */
    continuingParts?: readonly MessagePart[];
  },
): Promise<RequestPlan> {
  const { profile, model, messages, continuingText, continuingParts } = input;
  const partial: RequestMessage[] =
    continuingParts && hasToolParts(continuingParts)
      ? toolRoundMessages(continuingParts)
      : [{ role: 'assistant', content: continuingText ?? '' }];
  const tail: RequestMessage[] =
    continuingText === undefined ? [] : [...partial, { role: 'user', content: CONTINUE_PROMPT }];
  try {
    return await context.plan({ profile, model, messages, tail });
  } catch (error) {
    // Trimming is a refinement: if it breaks, send what we always sent rather than nothing.
    console.error('[chat] could not fit the history to the context; sending all of it', error);
    const all = messages.filter(isSendable);
    const system = all.find((m) => m.role === 'system');
    const ordered = system ? [system, ...all.filter((m) => m !== system)] : all;
    // The answer text and attachments only: reasoning is never sent back to a model.
    return { messages: [...(await context.request(ordered)), ...tail] };
  }
}

export function targetOf(profile: ResolvedProfile): BackendTarget {
  return {
    baseUrl: profile.baseUrl,
    kind: profile.kind,
    profileId: profile.id,
    ...(profile.apiKey ? { apiKey: profile.apiKey } : {}),
  };
}
