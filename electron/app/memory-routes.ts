import type { StoreProblem } from '../../shared/domain/store-problem';
import { conversationNotFound } from '../services/app-error';
import type { ChatService } from '../services/chat/chat-service';
import { ContextPlanner } from '../services/chat/context-planner';
import type { EventBus } from '../services/events/event-bus';
import { PresetService } from '../services/presets/preset-service';
import { SystemPrompts } from '../services/presets/system-prompt';
import type { NetworkProbe } from '../services/backends/backend-target';
import { ContextLengths } from '../services/backends/context-length';
import type { ProfileService } from '../services/profiles/profile-service';
import type { RouteHandlers } from '../services/router/router';
import type { ConversationStore } from '../services/store/conversation-store';
import type { OpenStore } from '../services/store/kv-store';
import { TokenCalibration } from '../services/tokens/calibration';

export interface MemoryFeatureOptions {
  dataDir: string;
  openStore: OpenStore;
  events: EventBus;
  store: ConversationStore;
  profiles: Pick<ProfileService, 'list' | 'resolve'>;
  network: NetworkProbe;
}

export type MemoryRouteName =
  'presets.list' | 'presets.save' | 'presets.delete' | 'conversations.setSystemPrompt' | 'chat.context';

export interface MemoryFeature {
  /** Pass to the chat service, so requests and the context meter share calibration and caches. */
  context: ContextPlanner;
  routes(chat: Pick<ChatService, 'isStreaming'>): Pick<RouteHandlers, MemoryRouteName>;
  /** Damaged preset or calibration files moved aside. */
  problems(): StoreProblem[];
}

/**
 * Conversation memory: system prompt presets (`<dataDir>/presets.json`), a conversation's system
 * prompt, and the context budget — what the next request would hold, calibrated by what the server
 * counted (`<dataDir>/token-calibration.json`).
 */
export function createMemoryFeature(options: MemoryFeatureOptions): MemoryFeature {
  const { events, store, profiles } = options;
  const onProblem = (problem: StoreProblem) => events.emit('store.problem', problem);
  const presets = new PresetService({ dir: options.dataDir, openStore: options.openStore, onProblem });
  const calibration = new TokenCalibration({
    persist: { dir: options.dataDir, openStore: options.openStore, onProblem },
  });
  const context = new ContextPlanner({
    lengths: new ContextLengths({ network: options.network }),
    calibration,
  });

  return {
    context,
    routes: (chat) => {
      const systemPrompts = new SystemPrompts({
        store,
        presets,
        isStreaming: (id) => chat.isStreaming(id),
      });
      return {
        'presets.list': () => presets.list(),
        'presets.save': (input) => presets.save(input),
        'presets.delete': ({ id }) => presets.delete(id),
        'conversations.setSystemPrompt': (input) => systemPrompts.set(input),
        'chat.context': async ({ conversationId, draft }) => {
          const conversation = store.get(conversationId);
          if (!conversation) throw conversationNotFound();
          // The profile and model the next request would use (as chat resolves them), without
          // asking the backend for a model list: with none chosen, the length is a default.
          const known =
            conversation.profileId !== undefined &&
            profiles.list().some((p) => p.id === conversation.profileId);
          const profile = await profiles.resolve(known ? conversation.profileId : undefined);
          const model = (known ? conversation.chosenModel : undefined) ?? profile.defaultModel;
          const plan = await context.plan({
            profile,
            model,
            messages: conversation.messages,
            ...(draft !== undefined ? { draft } : {}),
          });
          return plan.report;
        },
      };
    },
    problems: () => [...presets.problems(), ...calibration.problems()],
  };
}
