import type { AssistantApi } from '../../../shared/contract/api';
import type { Result } from '../../../shared/contract/result';
import type { RouteInput, RouteName, RouteOutput } from '../../../shared/contract/routes';
import type { ConversationSummary } from '../../../shared/domain/conversation';
import type { UserError } from '../../../shared/domain/errors';
import type { ReasoningEffort } from '../../../shared/domain/reasoning-effort';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import { prepareUpload } from '../attachments/prepare-upload';
import type { Connection } from '../bridge/connection';
import { initialAppState, type AppState } from './app-state';
import type { AttachmentPart } from '../../../shared/domain/message-parts';
import { DraftAttachmentsController, type AttachmentIo } from './chat/attachments-controller';
import { ChatController } from './chat/chat-controller';
import { ReplyTracker } from './chat/reply-tracker';
import type { LiveReplyStore } from './chat/stream-store';
import { CompareController } from './compare/compare-controller';
import { ConversationsController } from './conversations/conversations-controller';
import { createStore, type Store } from './core/create-store';
import { LibraryController } from './library/library-controller';
import { McpController } from './mcp/mcp-controller';
import { ModelsController } from './models/models-controller';
import { NoticesController } from './notices/notices-controller';
import { OnboardingController } from './onboarding/onboarding-controller';
import { PresetController } from './presets/preset-controller';
import { ProfilesController } from './profiles/profiles-controller';
import { TasksController } from './tasks/tasks-controller';
import { ToolsController } from './tools/tools-controller';
import { ViewController } from './view/view-controller';

/**
 * The object components get (`useController()`): the feature controllers, composed over one store,
 * and the wiring from the contract's events to them. It holds no logic of its own: each action below
 * forwards to the feature that owns it, so a component calls `controller.send(…)` without knowing
 * which feature that is. Components never talk to the bridge themselves.
 */
export class AppController {
  readonly store: Store<AppState> = createStore(initialAppState);
  readonly view: ViewController;
  readonly notices: NoticesController;
  readonly replies: ReplyTracker;
  readonly conversations: ConversationsController;
  readonly chat: ChatController;
  readonly attachments: DraftAttachmentsController;
  readonly profiles: ProfilesController;
  #compare: CompareController | undefined;
  #presets: PresetController | undefined;
  #library: LibraryController | undefined;
  #mcp: McpController | undefined;
  #tasks: TasksController | undefined;
  #tools: ToolsController | undefined;
  #onboarding: OnboardingController | undefined;
  #models: ModelsController | undefined;

  constructor(
    private readonly api: AssistantApi,
    private readonly connection: Connection,
    attachmentIo: AttachmentIo = browserAttachmentIo,
  ) {
    this.view = new ViewController(this.store);
    this.notices = new NoticesController(this.store);
    this.replies = new ReplyTracker(api, this.store);
    this.conversations = new ConversationsController(api, this.store, this.notices, this.replies);
    this.attachments = new DraftAttachmentsController(api, this.store, attachmentIo);
    this.chat = new ChatController(
      api,
      this.store,
      this.notices,
      this.conversations,
      this.replies,
      this.attachments,
    );
    this.profiles = new ProfilesController(api, this.store, this.conversations);
  }

  /** Every reply's live parts while it streams (outside React state, committed once per frame). */
  get streams(): LiveReplyStore {
    return this.replies.streams;
  }

  /** The compare view's controller, made when the view first needs it (it subscribes when the view mounts). */
  get compare(): CompareController {
    return (this.#compare ??= new CompareController(this.api));
  }

  /** The system prompt presets, for the bar above the transcript (listed on first use). */
  get presets(): PresetController {
    return (this.#presets ??= new PresetController(this.api));
  }

  /** The conversation library: trash with Undo, rename, pin, search, export and import (made on first use). */
  get library(): LibraryController {
    return (this.#library ??= new LibraryController(this.api, this.connection, this));
  }

  /** MCP servers for Settings (listed and subscribed when the section mounts). */
  get mcp(): McpController {
    return (this.#mcp ??= new McpController(this.api));
  }

  /** The Tasks panel's list and actions (made on first use; it subscribes when the panel mounts). */
  get tasks(): TasksController {
    return (this.#tasks ??= new TasksController(this.api));
  }

  /** Tool sources, tool settings and approval answers (made on first use; live while shown). */
  get tools(): ToolsController {
    return (this.#tools ??= new ToolsController(this.api, {
      ensureSelected: (context) => this.conversations.ensureSelected(context),
      upsertConversation: (summary) => this.conversations.upsert(summary),
      notify: (error, context) => this.notices.notify(error, { context }),
    }));
  }

  /** The welcome screen: local servers found, a cloud key or a URL (made on first use). */
  get onboarding(): OnboardingController {
    return (this.#onboarding ??= new OnboardingController(
      this.api,
      this.store,
      this.profiles,
      this.conversations,
    ));
  }

  /** Ollama's models: pulls, deletes, loaded models (made on first use; pull events reach it from start). */
  get models(): ModelsController {
    return (this.#models ??= new ModelsController(
      this.api,
      (profileId) => this.profiles.loadModels(profileId),
      () => {
        void this.profiles.load();
        void this.conversations.reloadList();
      },
    ));
  }

  /** Subscribes to the host's events and loads the first state. Returns the unsubscribe. */
  start(): () => void {
    const stops = [
      this.api.on('chat.stream', (event) => this.replies.onStream(event)),
      this.api.on('conversations.changed', ({ conversations }) => this.conversations.setList(conversations)),
      this.api.on('settings.changed', (settings) => this.profiles.setSettings(settings)),
      this.api.on('store.problem', (problem) => this.notices.addProblems([problem])),
      this.api.on('profiles.changed', (list) => this.profiles.setList(list)),
      this.api.on('profiles.status', (status) => this.profiles.setStatus(status)),
      this.api.on('ollama.pull', (progress) => this.models.onPull(progress)),
      this.connection.subscribe(() => this.#onConnection()),
      this.profiles.watchNetwork(),
    ];
    this.store.setState({ connection: this.connection.getState() });
    // After subscribing to `chat.stream`, so no event falls between the snapshot and the listener.
    void this.replies.join();
    void this.#refresh();
    return () => stops.forEach((stop) => stop());
  }

  /** A plain request, for settings sections that keep their own state (backups). */
  request<R extends RouteName>(route: R, input?: RouteInput<R>): Promise<Result<RouteOutput<R>>> {
    return this.api.invoke(route, input);
  }

  // --- actions, each forwarded to its feature --------------------------------------------------

  readonly openSettings = (profileId?: string) => this.view.openSettings(profileId);
  readonly closeSettings = () => this.view.closeSettings();
  readonly openCompare = (prompt?: string) => this.view.openCompare(prompt);
  readonly closeCompare = () => this.view.closeCompare();
  readonly openTasks = () => this.view.openTasks();
  readonly closeTasks = () => this.view.closeTasks();
  readonly setSidebarOpen = (open: boolean) => this.view.setSidebarOpen(open);
  readonly focusComposer = () => this.view.focusComposer();
  readonly focusModelPicker = () => this.view.focusModelPicker();

  readonly dismissNotice = () => this.notices.dismissNotice();
  readonly dismissProblem = (problem: StoreProblem) => this.notices.dismissProblem(problem);
  readonly showNotice = (error: UserError, context: string) => this.notices.showNotice(error, context);

  readonly select = (id: string) => this.conversations.select(id);
  readonly newChat = () => this.conversations.newChat();
  readonly remove = (id: string) => this.conversations.remove(id);
  readonly openMessage = (conversationId: string, messageId?: string) =>
    this.conversations.openMessage(conversationId, messageId);
  readonly upsertConversation = (summary: ConversationSummary) => this.conversations.upsert(summary);
  readonly setBackend = (profileId: string, model: string | null) =>
    this.conversations.setBackend(profileId, model);
  readonly setReasoningEffort = (effort: ReasoningEffort | null) =>
    this.conversations.setReasoningEffort(effort);

  readonly send = (text: string, attachments?: readonly AttachmentPart[]) =>
    this.chat.send(text, attachments);
  readonly sendDraft = () => this.chat.sendDraft();
  readonly setDraftText = (text: string) => this.chat.setDraftText(text);
  readonly attach = (files: readonly File[]) => this.attachments.add(files);
  readonly removeAttachment = (id: string) => this.attachments.remove(id);
  readonly cutAttachment = (id: string, chars: number | undefined) => this.attachments.setCut(id, chars);
  readonly retryReply = () => this.chat.retryReply();
  readonly continueReply = () => this.chat.continueReply();
  readonly showVersion = (messageId: string, version: number) => this.chat.showVersion(messageId, version);
  readonly editAndResend = (messageId: string, text: string, attachments?: readonly AttachmentPart[]) =>
    this.chat.editAndResend(messageId, text, attachments);
  readonly setSystemPrompt = (prompt: string, presetId?: string) =>
    this.chat.setSystemPrompt(prompt, presetId);
  readonly contextReport = (
    conversationId: string,
    draft: string,
    draftAttachments?: readonly AttachmentPart[],
  ) => this.chat.contextReport(conversationId, draft, draftAttachments);
  readonly stop = () => this.chat.stop();

  readonly loadProfiles = () => this.profiles.load();
  readonly loadModels = (profileId: string) => this.profiles.loadModels(profileId);
  readonly modelCapabilities = (profileId: string, model: string) =>
    this.profiles.modelCapabilities(profileId, model);
  readonly createProfile = (input: RouteInput<'profiles.create'>) => this.profiles.create(input);
  readonly updateProfile = (id: string, patch: RouteInput<'profiles.update'>['patch']) =>
    this.profiles.update(id, patch);
  readonly duplicateProfile = (id: string) => this.profiles.duplicate(id);
  readonly profileUsage = (id: string) => this.profiles.usage(id);
  readonly deleteProfile = (id: string, replacementId?: string) => this.profiles.remove(id, replacementId);
  readonly makeDefault = (id: string) => this.profiles.makeDefault(id);
  readonly testProfile = (input: RouteInput<'profiles.test'>) => this.profiles.test(input);

  // --- start and reconnect -------------------------------------------------------------------------

  #onConnection(): void {
    const previous = this.store.getState().connection;
    const next = this.connection.getState();
    this.store.setState({ connection: next });
    if (next === 'open' && previous === 'reconnecting') {
      // Events went by while disconnected: join the replies streaming now again.
      void this.replies.join();
      void this.#refresh();
    }
  }

  /** The first state, and again after a reconnect (other windows may have changed anything meanwhile). */
  async #refresh(): Promise<void> {
    const [list, settings, problems, profiles] = await Promise.all([
      this.api.invoke('conversations.list'),
      this.api.invoke('settings.get'),
      this.api.invoke('store.problems'),
      this.api.invoke('profiles.list'),
    ]);
    if (settings.ok) this.profiles.setSettings(settings.value);
    if (profiles.ok) this.profiles.setList(profiles.value);
    if (problems.ok) this.notices.addProblems(problems.value);
    if (!list.ok) {
      this.notices.notifyUnlessOffline(
        list,
        'The conversation list could not be loaded.',
        () => void this.#refresh(),
      );
      return;
    }
    await this.conversations.showList(list.value);
  }
}

/** In a window: files prepared with the canvas, thumbnails as object URLs. */
const browserAttachmentIo: AttachmentIo = {
  prepare: prepareUpload,
  previewUrl: (blob) => URL.createObjectURL(blob),
  revokeUrl: (url) => URL.revokeObjectURL(url),
};
