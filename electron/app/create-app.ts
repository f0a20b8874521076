import { join } from 'node:path';
import type { ProfileList } from '../../shared/contract/routes';
import type { SettingsView } from '../../shared/domain/settings';
import { AppError, conversationNotFound } from '../services/app-error';
import { offlineError } from '../services/backend/describe-failure';
import { BackendClients } from '../services/backend/backend-client';
import { ChatService, type ChatTimings } from '../services/chat/chat-service';
import { EventBus } from '../services/events/event-bus';
import { defaultNetworkProbe, type NetworkProbe } from '../services/profiles/backend-target';
import { testConnection } from '../services/profiles/connection-test';
import { listModels } from '../services/profiles/model-catalog';
import { ProfileMonitor } from '../services/profiles/profile-monitor';
import { ProfileService } from '../services/profiles/profile-service';
import { createRouter, type Router } from '../services/router/router';
import { KeyFileSecretBox } from '../services/secrets/key-file-secret-box';
import type { SecretBox } from '../services/secrets/secret-box';
import { ConversationStore } from '../services/store/conversation-store';
import type { OpenStore } from '../services/store/kv-store';
import type { DesktopPrefs } from '../../shared/domain/desktop';
import { createBackupRoutes } from './backup-routes';
import { createCompareFeature } from './compare-feature';
import { createDesktopFeature, type DesktopHost } from './desktop-feature';
import { createLibraryRoutes } from './library-routes';
import { createMemoryFeature } from './memory-routes';

/** Long enough for the window to load and list conversations first. */
const SEARCH_WARMUP_DELAY_MS = 3_000;

export interface AppOptions {
  dataDir: string;
  openStore: OpenStore;
  /** Encrypts saved API keys: Electron's safeStorage in the app, a key file in plain Node. */
  secrets?: SecretBox;
  /** A backend from the command line or environment: used and made default; its key stays in memory. */
  backend?: { baseUrl?: string; model?: string; apiKey?: string };
  /** `OPENAI_API_KEY`, for OpenAI profiles without a saved key. */
  environmentKey?: string;
  chat?: Partial<ChatTimings>;
  store?: { checkpointMs?: number };
  /** Background status checks of every profile; off in tests that count requests. */
  monitor?: { intervalMs?: number } | false;
  /** Whether the machine is online (a cloud profile offline fails at once, saying so). */
  network?: NetworkProbe;
  /** The desktop shell (tray, shortcut, login item); absent in the browser host, which only stores the prefs. */
  desktop?: DesktopHost;
}

export interface AppCore {
  router: Router;
  events: EventBus;
  /** The desktop preferences as saved, for the shell (close to tray, start hidden, notifications). */
  desktopPrefs(): DesktopPrefs;
  close(): Promise<void>;
}

/**
 * The composition root shared by the Electron shell and the browser host: stores, profiles, backend
 * clients, chat service and the router over them. Plain Node; everything Electron-specific comes in
 * as options.
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
  const secrets = options.secrets ?? new KeyFileSecretBox(join(options.dataDir, 'secret.key'));
  const network = options.network ?? defaultNetworkProbe;

  let monitor: ProfileMonitor | undefined;
  const profileList = (): ProfileList => ({
    profiles: profiles.list(),
    defaultProfileId: profiles.defaultId(),
    statuses: monitor?.statuses() ?? [],
  });
  const profiles: ProfileService = new ProfileService({
    store,
    secrets,
    ...(options.environmentKey ? { environmentKey: options.environmentKey } : {}),
    ...(options.backend ? { override: options.backend } : {}),
    onChanged: () => {
      events.emit('profiles.changed', profileList());
      void monitor?.checkNow();
    },
  });
  if (options.monitor !== false) {
    monitor = new ProfileMonitor({
      profiles: () =>
        profiles.list().map((p) => ({
          id: p.id,
          location: p.location,
          target: { baseUrl: p.baseUrl, kind: p.kind, profileId: p.id },
        })),
      // Keys are decrypted per check, so they never sit in the monitor's state.
      resolveTarget: (p) => profiles.target({ id: p.id }),
      emit: (status) => events.emit('profiles.status', status),
      network,
      ...(options.monitor?.intervalMs !== undefined ? { intervalMs: options.monitor.intervalMs } : {}),
    });
    monitor.start();
  }

  const clients = new BackendClients({ headersTimeoutMs: 10 * 60_000 });
  const memory = createMemoryFeature({
    dataDir: options.dataDir,
    openStore: options.openStore,
    events,
    store,
    profiles,
    network,
  });
  const chat = new ChatService({
    store,
    context: memory.context,
    backends: {
      forConversation: async (conversation) => {
        const known = conversation.profileId && profiles.list().some((p) => p.id === conversation.profileId);
        const profile = await profiles.resolve(known ? conversation.profileId : undefined);
        if (profile.location === 'cloud' && !network.isOnline())
          throw new AppError(offlineError(profile.baseUrl));
        // A model chosen for another profile means nothing here.
        const chosenModel = known ? conversation.chosenModel : undefined;
        return { profile, ...(chosenModel ? { chosenModel } : {}) };
      },
      client: (target) => clients.client(target),
      firstModel: (target) => clients.firstModel(target),
      rememberModel: (profileId, model) => profiles.rememberModel(profileId, model),
    },
    emit: (event) => events.emit('chat.stream', event),
    ...(options.chat ? { timings: options.chat } : {}),
  });

  const desktop = createDesktopFeature({
    dataDir: options.dataDir,
    openStore: options.openStore,
    events,
    ...(options.desktop ? { host: options.desktop } : {}),
  });
  const compare = createCompareFeature({
    dataDir: options.dataDir,
    openStore: options.openStore,
    events,
    profiles,
    clients,
    network,
    ...(options.chat ? { timings: options.chat } : {}),
  });

  const conversation = (id: string) => {
    const found = store.get(id);
    if (!found) throw conversationNotFound();
    return found;
  };
  const settingsView = async (): Promise<SettingsView> => ({
    defaultProfileId: profiles.defaultId(),
    secrets: await secrets.status(),
  });

  const router = createRouter(
    {
      'conversations.list': () => store.list(),
      'conversations.create': () => store.create(),
      'conversations.get': ({ id }) => conversation(id),
      ...createLibraryRoutes({
        store,
        events,
        cancelStreams: (id) => {
          for (const streamId of chat.streamsOf(id)) chat.cancel(streamId);
        },
      }),
      'conversations.setBackend': ({ conversationId, profileId, model }) => {
        profiles.get(profileId);
        conversation(conversationId);
        return store.setBackend(conversationId, { profileId, ...(model ? { chosenModel: model } : {}) });
      },
      'chat.send': ({ conversationId, text }) => chat.send(conversationId, text),
      'chat.editAndResend': ({ conversationId, messageId, text }) =>
        chat.editAndResend(conversationId, messageId, text),
      'chat.retry': ({ conversationId }) => chat.retry(conversationId),
      'chat.continue': ({ conversationId }) => chat.continue(conversationId),
      'chat.cancel': ({ streamId }) => ({ cancelled: chat.cancel(streamId) }),
      'settings.get': () => settingsView(),
      'profiles.list': () => profileList(),
      'profiles.create': (input) => profiles.create(input),
      'profiles.update': ({ id, patch }) => profiles.update(id, patch),
      'profiles.duplicate': ({ id }) => profiles.duplicate(id),
      'profiles.usage': ({ id }) => profiles.usage(id),
      'profiles.delete': ({ id, replacementId }) => profiles.delete(id, replacementId),
      'profiles.setDefault': async ({ id }) => {
        profiles.setDefault(id);
        const view = await settingsView();
        events.emit('settings.changed', view);
        return view;
      },
      'profiles.test': async (input) => testConnection(await profiles.target(input), { network }),
      'models.list': async (input) => {
        const target = await profiles.target({ id: input?.profileId ?? profiles.defaultId() });
        return { models: await listModels(target) };
      },
      'store.problems': () => [...store.problems(), ...desktop.problems(), ...memory.problems()],
      ...desktop.routes,
      ...compare.routes,
      ...createBackupRoutes({ store, profiles }),
      ...memory.routes(chat),
    },
    (route, error) => console.error(`[router] ${route} failed unexpectedly:`, error),
  );

  // Startup reads the index only; the message search index is built in the background soon after,
  // so the first search does not wait for every conversation file to be read.
  const warmSearch = setTimeout(() => {
    store.warmSearch().catch((error: unknown) => console.error('[store] search index build failed:', error));
  }, SEARCH_WARMUP_DELAY_MS);
  warmSearch.unref();

  let closed: Promise<void> | undefined;
  return {
    router,
    events,
    desktopPrefs: () => desktop.prefs(),
    close: () =>
      (closed ??= (async () => {
        clearTimeout(warmSearch);
        monitor?.stop();
        await Promise.all([chat.shutdown(), compare.close()]);
        desktop.close();
        store.close();
      })()),
  };
}
