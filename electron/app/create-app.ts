import { DEFAULT_BASE_URL, type SettingsView } from '../../shared/domain/settings';
import { normaliseBaseUrl } from '../../shared/domain/backend-url';
import { userError } from '../../shared/domain/errors';
import { AppError, conversationNotFound } from '../services/app-error';
import { BackendClient } from '../services/backend/backend-client';
import { ChatService, type ChatTimings } from '../services/chat/chat-service';
import { EventBus } from '../services/events/event-bus';
import { createRouter, type Router } from '../services/router/router';
import { ConversationStore } from '../services/store/conversation-store';
import type { OpenStore } from '../services/store/kv-store';

export interface AppOptions {
  dataDir: string;
  openStore: OpenStore;
  /** Overrides from the command line or environment; url and model are remembered, the key is not. */
  backend?: { baseUrl?: string; model?: string; apiKey?: string };
  chat?: Partial<ChatTimings>;
  store?: { checkpointMs?: number };
}

export interface AppCore {
  router: Router;
  events: EventBus;
  close(): Promise<void>;
}

/**
 * The composition root shared by the Electron shell and the browser host: stores, backend client,
 * chat service and the router over them. Plain Node; everything Electron-specific comes in as options.
 */
export function createApp(options: AppOptions): AppCore {
  const events = new EventBus();
  const store = ConversationStore.open({
    dir: options.dataDir,
    openStore: options.openStore,
    ...(options.store?.checkpointMs !== undefined ? { checkpointMs: options.store.checkpointMs } : {}),
    onProblem: (problem) => events.emit('store.problem', problem),
    onIndexChanged: () => events.emit('conversations.changed', { conversations: store.list() }),
  });

  const override = options.backend ?? {};
  if (override.baseUrl !== undefined) {
    const normalised = normaliseBaseUrl(override.baseUrl);
    if (!normalised.ok) throw new Error(normalised.reason);
    const current = store.getSettings();
    // A new backend makes the remembered model meaningless unless one was given with it.
    const model = override.model ?? (current.baseUrl === normalised.url ? current.model : undefined);
    store.updateSettings({ baseUrl: normalised.url, model });
  } else if (override.model !== undefined) {
    store.updateSettings({ model: override.model });
  }
  const apiKey = override.apiKey;

  const backendConfig = () => ({
    baseUrl: store.getSettings().baseUrl ?? DEFAULT_BASE_URL,
    ...(apiKey ? { apiKey } : {}),
  });
  const backend = new BackendClient(backendConfig, { headersTimeoutMs: 10 * 60_000 });
  const settingsView = (): SettingsView => {
    const settings = store.getSettings();
    return {
      backend: {
        baseUrl: backendConfig().baseUrl,
        ...(settings.model ? { model: settings.model } : {}),
        hasApiKey: Boolean(apiKey),
      },
    };
  };
  const chat = new ChatService({
    store,
    backend,
    emit: (event) => events.emit('chat.stream', event),
    onModelChosen: () => events.emit('settings.changed', settingsView()),
    ...(options.chat ? { timings: options.chat } : {}),
  });

  const conversation = (id: string) => {
    const found = store.get(id);
    if (!found) throw conversationNotFound();
    return found;
  };

  const router = createRouter(
    {
      'conversations.list': () => store.list(),
      'conversations.create': () => store.create(),
      'conversations.get': ({ id }) => conversation(id),
      'conversations.delete': ({ id }) => {
        for (const streamId of chat.streamsOf(id)) chat.cancel(streamId);
        if (!store.delete(id))
          throw new AppError(
            userError('not-found', 'That conversation was already deleted.', 'Nothing to do.'),
          );
        return { id };
      },
      'chat.send': ({ conversationId, text }) => chat.send(conversationId, text),
      'chat.retry': ({ conversationId }) => chat.retry(conversationId),
      'chat.cancel': ({ streamId }) => ({ cancelled: chat.cancel(streamId) }),
      'settings.get': () => settingsView(),
      'settings.update': ({ baseUrl, model }) => {
        const patch: { baseUrl?: string; model?: string } = {};
        if (baseUrl !== undefined) {
          const normalised = normaliseBaseUrl(baseUrl);
          if (!normalised.ok)
            throw new AppError(
              userError('invalid-url', normalised.reason, 'Correct the URL; nothing was changed.'),
            );
          patch.baseUrl = normalised.url;
          if (model === undefined && normalised.url !== store.getSettings().baseUrl) patch.model = undefined;
        }
        if (model !== undefined) patch.model = model;
        store.updateSettings(patch);
        const view = settingsView();
        events.emit('settings.changed', view);
        return view;
      },
      'models.list': async () => ({ models: await backend.listModels() }),
      'store.problems': () => store.problems(),
    },
    (route, error) => console.error(`[router] ${route} failed unexpectedly:`, error),
  );

  let closed: Promise<void> | undefined;
  return {
    router,
    events,
    close: () => (closed ??= chat.shutdown().then(() => store.close())),
  };
}
