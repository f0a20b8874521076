import { join } from 'node:path';
import type { DesktopPrefs } from '../../shared/domain/desktop';
import type { StoreProblem } from '../../shared/domain/store-problem';
import { BackendClients } from '../services/backends/backend-client';
import { ChatService } from '../services/chat/chat-service';
import { ContextPlanner } from '../services/chat/context-planner';
import { CompareService } from '../services/compare/compare-service';
import { CompareStore } from '../services/compare/compare-store';
import { PromptSets } from '../services/compare/prompt-sets';
import type { DesktopHost } from '../services/desktop/desktop-host';
import { DesktopService } from '../services/desktop/desktop-service';
import { EventBus } from '../services/events/event-bus';
import { coalesceLatest } from '../services/events/coalesce-latest';
import { PresetService } from '../services/presets/preset-service';
import { SystemPrompts } from '../services/presets/system-prompt';
import { defaultNetworkProbe, type NetworkProbe } from '../services/backends/backend-target';
import { ContextLengths } from '../services/backends/context-length';
import { ModelCapabilityCache } from '../services/backends/model-capabilities';
import { attachmentReader, type AttachmentReader } from '../services/attachments/attachment-reader';
import type { EnvironmentSource } from '../services/mcp/login-shell-env';
import { McpManager } from '../services/mcp/mcp-manager';
import { ProfileMonitor } from '../services/profiles/profile-monitor';
import { ProfileService } from '../services/profiles/profile-service';
import { createRouter, type Router } from '../services/router/router';
import { KeyFileSecretBox } from '../services/secrets/key-file-secret-box';
import type { SecretBox } from '../services/secrets/secret-box';
import { refusalsWorded } from '../services/store/storage-error';
import { ConversationStore } from '../services/store/conversation-store';
import type { OpenStore } from '../services/store/kv-store';
import type { StreamTimings } from '../services/streaming/stream-reply';
import { TokenCalibration } from '../services/tokens/calibration';
import { TaskService } from '../services/tasks/task-service';
import { TaskStore } from '../services/tasks/task-store';
import { taskToolProvider } from '../services/tasks/task-tool-provider';
import { BlobStore } from '../services/attachments/blob-store';
import { attachmentsRoutes } from './attachments-routes';
import { backupsRoutes } from './backups-routes';
import { chatRoutes } from './chat-routes';
import { compareRoutes } from './compare-routes';
import { conversationsRoutes } from './conversations-routes';
import { desktopRoutes } from './desktop-routes';
import { mcpRoutes } from './mcp-routes';
import { registerMcpProviders } from '../services/mcp/mcp-tool-registration';
import { modelsRoutes } from './models-routes';
import { ollamaRoutes } from './ollama-routes';
import { onboardingRoutes } from './onboarding-routes';
import { OllamaPulls } from '../services/ollama/ollama-pulls';
import { presetsRoutes } from './presets-routes';
import { profileList, profilesRoutes } from './profiles-routes';
import { settingsRoutes, settingsView } from './settings-routes';
import { storeRoutes } from './store-routes';
import { tasksRoutes } from './tasks-routes';
import { trashRoutes } from './trash-routes';
import { trayRoutes } from './tray-routes';
import { windowRoutes } from './window-routes';
import { toolsRoutes } from './tools-routes';
import { ToolRegistry } from '../services/tools/tool-registry';
import { ToolService } from '../services/tools/tool-service';
import { ToolSettingsStore } from '../services/tools/tool-settings-store';

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
  /** Streaming timings of chat and compare (idle cut, loading notice, delta batching). */
  chat?: Partial<StreamTimings>;
  store?: { checkpointMs?: number };
  /** Background status checks of every profile; off in tests that count requests. */
  monitor?: { intervalMs?: number } | false;
  /** Whether the machine is online (a cloud profile offline fails at once, saying so). */
  network?: NetworkProbe;
  /** The desktop shell (tray, shortcut, login item); absent in the browser host, which only stores the prefs. */
  desktop?: DesktopHost;
  /** Reads stored attachments for chat (tests pass their own; by default the data folder's blob store). */
  attachments?: AttachmentReader;
  /** The first-run scan for local servers: the ports it probes (tests pass their own). */
  discovery?: { ports?: number[] };
  /** MCP servers: the environment stdio servers start with (default: the login shell's), restart timings. */
  mcp?: {
    environment?: EnvironmentSource;
    backoff?: { baseMs?: number; maxMs?: number; maxRestarts?: number };
  };
}

export interface AppCore {
  router: Router;
  events: EventBus;
  /**
   * Where tool sources register (the task list, each MCP server): `tools.register(provider)`
   * answers the function that removes it; `tools.changed()` announces a change of theirs.
   */
  tools: ToolRegistry;
  /** The desktop preferences as saved, for the shell (close to tray, start hidden, notifications). */
  desktopPrefs(): DesktopPrefs;
  close(): Promise<void>;
}

/**
 * The composition root shared by the Electron shell and the browser host: it builds the services
 * (stores, profiles, backend clients, chat, compare, desktop) and one router over the routes
 * modules of this folder, one per route prefix. Nothing else lives here. Plain Node; everything
 * Electron-specific comes in as options.
 */
export function createApp(options: AppOptions): AppCore {
  const { dataDir } = options;
  // Every store's writes (desktop prefs, presets, compare runs, calibration, conversations) that the
  // disk refuses reach the user as "the data folder cannot be written", with the fix.
  const openStore = refusalsWorded(options.openStore, dataDir);
  const events = new EventBus();
  const onProblem = (problem: StoreProblem) => events.emit('store.problem', problem);
  // Attachments by content hash; the store embeds them in exports and cleans them up with the trash.
  const blobs = new BlobStore(join(dataDir, 'attachments'));
  const store = ConversationStore.open({
    dir: dataDir,
    openStore,
    attachments: blobs,
    ...(options.store?.checkpointMs !== undefined ? { checkpointMs: options.store.checkpointMs } : {}),
    onProblem,
    onIndexChanged: coalesceLatest(() =>
      events.emit('conversations.changed', { conversations: store.list() }),
    ),
  });
  // Every change to the trash, whatever made it (a delete, a restore, an edit-and-resend).
  store.onTrashChanged(() => events.emit('trash.changed', { items: store.trashList() }));
  const secrets = options.secrets ?? new KeyFileSecretBox(join(dataDir, 'secret.key'));
  const network = options.network ?? defaultNetworkProbe;

  let monitor: ProfileMonitor | undefined;
  const profiles: ProfileService = new ProfileService({
    store,
    secrets,
    ...(options.environmentKey ? { environmentKey: options.environmentKey } : {}),
    ...(options.backend ? { override: options.backend } : {}),
    onChanged: () => {
      events.emit('profiles.changed', profileList(profiles, monitor));
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
  const presets = new PresetService({ dir: dataDir, openStore, onProblem });
  // The task list: the Tasks panel (tasks.*) and the assistant's task tools share this one service.
  const taskStore = new TaskStore({ dir: dataDir, openStore, onProblem });
  const tasks = new TaskService({
    store: taskStore,
    onChanged: (list) => events.emit('tasks.changed', { tasks: list }),
  });
  const calibration = new TokenCalibration({ persist: { dir: dataDir, openStore, onProblem } });
  const attachments = options.attachments ?? attachmentReader(blobs);
  const capabilities = new ModelCapabilityCache({ network });
  // One planner for requests and the context meter, so both share calibration and caches.
  const lengths = new ContextLengths({ network });
  const context = new ContextPlanner({
    lengths,
    calibration,
    capabilities,
    ...(attachments ? { attachments } : {}),
  });
  // Tool sources register here (the task list, each MCP server); the chat loop reads them.
  const toolRegistry = new ToolRegistry();
  // The task list's tools: the built-in source `tasks`, listed first.
  toolRegistry.register(taskToolProvider(tasks));
  const toolSettings = new ToolSettingsStore({ dir: dataDir, openStore, onProblem });
  const tools = new ToolService({
    registry: toolRegistry,
    settings: toolSettings,
    onChanged: (view) => events.emit('tools.changed', view),
  });
  const chat = new ChatService({
    store,
    context,
    tools,
    capabilities,
    ...(attachments ? { attachments } : {}),
    backends: {
      profiles,
      isOnline: () => network.isOnline(),
      client: (target) => clients.client(target),
      firstModel: (target) => clients.firstModel(target),
    },
    emit: (event) => events.emit('chat.stream', event),
    ...(options.chat ? { timings: options.chat } : {}),
  });
  const systemPrompts = new SystemPrompts({ store, presets, isStreaming: (id) => chat.isStreaming(id) });

  const desktop = new DesktopService({
    dir: dataDir,
    openStore,
    ...(options.desktop ? { host: options.desktop } : {}),
    onChanged: (view) => events.emit('desktop.changed', view),
    onProblem,
  });

  // Opened on first use, so startup does not pay for it and its problems reach a window that listens.
  let compareStore: CompareStore | undefined;
  const openCompareStore = () =>
    (compareStore ??= CompareStore.open({ dir: join(dataDir, 'compare'), openStore, onProblem }));
  const compare = new CompareService({
    store: openCompareStore,
    backends: {
      list: () => profiles.list(),
      resolve: (id) => profiles.resolve(id),
      client: (target) => clients.client(target),
      isOnline: () => network.isOnline(),
    },
    emit: (event) => events.emit('compare.stream', event),
    tools,
    onListChanged: (runs) => events.emit('compare.changed', { runs }),
    ...(options.chat ? { timings: options.chat } : {}),
  });
  const promptSets = new PromptSets(openCompareStore);

  // MCP servers start in the background once the router is up; a slow or broken one never delays startup.
  const mcp = new McpManager({
    dir: dataDir,
    openStore,
    secrets,
    onProblem,
    onChanged: coalesceLatest(() => events.emit('mcp.changed', { servers: mcp.list() })),
    ...(options.mcp?.environment ? { environment: options.mcp.environment } : {}),
    ...(options.mcp?.backoff ? { backoff: options.mcp.backoff } : {}),
  });
  // One ToolProvider per server in the tool registry, kept in step with the saved servers.
  registerMcpProviders(mcp, toolRegistry);

  const settings = () => settingsView({ profiles, secrets });
  // A pull or a delete changed a profile's models: caches forget them and every window re-lists.
  const modelsChanged = (profileId: string) => {
    lengths.forget(profileId);
    capabilities.forget(profileId);
    events.emit('profiles.changed', profileList(profiles, monitor));
  };
  const pulls = new OllamaPulls({
    emit: (progress) => events.emit('ollama.pull', progress),
    onModelsChanged: modelsChanged,
  });
  const router = createRouter(
    {
      ...conversationsRoutes({
        store,
        profiles,
        systemPrompts,
        cancelStreams: (id) => {
          for (const streamId of chat.streamsOf(id)) chat.cancel(streamId);
        },
      }),
      ...trashRoutes({ store }),
      ...chatRoutes({ chat, context, store, profiles, firstModel: (target) => clients.firstModel(target) }),
      ...presetsRoutes({ presets }),
      ...tasksRoutes({ tasks }),
      ...settingsRoutes({ profiles, secrets }),
      ...profilesRoutes({ profiles, monitor, network, events, settingsView: settings }),
      ...modelsRoutes({ profiles, capabilities }),
      ...onboardingRoutes({
        profiles,
        ...(options.discovery?.ports ? { scanPorts: options.discovery.ports } : {}),
      }),
      ...ollamaRoutes({ profiles, store, pulls, onModelsChanged: modelsChanged }),
      ...storeRoutes({
        problems: () => [
          ...store.problems(),
          ...desktop.problems(),
          ...presets.problems(),
          ...calibration.problems(),
          ...toolSettings.problems(),
          ...mcp.problems(),
          ...taskStore.problems(),
        ],
      }),
      ...desktopRoutes({ desktop }),
      ...trayRoutes({ desktop }),
      ...windowRoutes({ host: options.desktop, events }),
      ...compareRoutes({ compare, promptSets }),
      ...backupsRoutes({ store, profiles }),
      ...attachmentsRoutes({ blobs }),
      ...toolsRoutes({ tools }),
      ...mcpRoutes({ mcp }),
    },
    (route, error) => console.error(`[router] ${route} failed unexpectedly:`, error),
  );

  // Startup reads the index only; the message search index is built in the background soon after,
  // so the first search does not wait for every conversation file to be read.
  const warmSearch = setTimeout(() => {
    store.warmSearch().catch((error: unknown) => console.error('[store] search index build failed:', error));
    // Attachments of drafts never sent (older than an hour) go too, not only when the trash is emptied.
    store
      .sweepAttachments()
      .catch((error: unknown) => console.warn('[store] attachment clean-up failed:', error));
  }, SEARCH_WARMUP_DELAY_MS);
  warmSearch.unref();
  mcp.start();

  let closed: Promise<void> | undefined;
  return {
    router,
    events,
    tools: toolRegistry,
    desktopPrefs: () => desktop.prefs(),
    close: () =>
      (closed ??= (async () => {
        clearTimeout(warmSearch);
        monitor?.stop();
        pulls.close();
        await Promise.all([chat.shutdown(), compare.close(), mcp.close()]);
        desktop.close();
        taskStore.close();
        store.close();
      })()),
  };
}
