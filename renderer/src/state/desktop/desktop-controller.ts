import type { AssistantApi } from '../../../../shared/contract/api';
import type { RouteInput } from '../../../../shared/contract/routes';
import type { Result } from '../../../../shared/contract/result';
import type { AppCommand, DesktopPatch, DesktopView, WindowKind } from '../../../../shared/domain/desktop';
import type { UserError } from '../../../../shared/domain/errors';
import type { Connection } from '../../bridge/connection';
import { createStore, type Store } from '../core/create-store';

export interface DesktopState {
  /** The preferences and what the shell could apply; undefined until `desktop.get` answers. */
  view: DesktopView | undefined;
  /** Why they could not be loaded, if they could not. */
  loadError: UserError | undefined;
}

type CommandListener = (command: AppCommand) => void;

/**
 * Desktop preferences (tray, shortcut, login item, notifications) kept in sync across windows by
 * `desktop.changed`, and the shell's app commands meant for this window. Commands that arrive
 * before the page has a listener (the shell sends one as soon as the page loaded) wait for it.
 */
export class DesktopController {
  readonly store: Store<DesktopState> = createStore<DesktopState>({ view: undefined, loadError: undefined });
  readonly #commandListeners = new Set<CommandListener>();
  readonly #waitingCommands: AppCommand[] = [];

  constructor(
    private readonly api: AssistantApi,
    private readonly connection: Connection,
    readonly kind: WindowKind,
  ) {}

  /** Subscribes and loads; call before the first render so no early command is missed. Returns the unsubscribe. */
  start(): () => void {
    let previous = this.connection.getState();
    const stops = [
      this.api.on('desktop.changed', (view) => this.store.setState({ view, loadError: undefined })),
      this.api.on('app.command', (command) => this.#onCommand(command)),
      this.connection.subscribe(() => {
        const next = this.connection.getState();
        // Changes made by another window while this one was cut off arrive no other way.
        if (next === 'open' && previous === 'reconnecting') void this.load();
        previous = next;
      }),
    ];
    void this.load();
    return () => stops.forEach((stop) => stop());
  }

  async load(): Promise<void> {
    const loaded = await this.api.invoke('desktop.get');
    if (loaded.ok) this.store.setState({ view: loaded.value, loadError: undefined });
    else if (!this.store.getState().view) this.store.setState({ loadError: loaded.error });
  }

  /** Saves a change; an invalid shortcut fails with `fields.shortcut` and changes nothing. */
  async update(patch: DesktopPatch): Promise<Result<DesktopView>> {
    const updated = await this.api.invoke('desktop.update', { patch });
    if (updated.ok) this.store.setState({ view: updated.value, loadError: undefined });
    return updated;
  }

  /** The tray window's Escape. The browser host has no tray window and answers `hidden: false`. */
  async hideTrayWindow(): Promise<boolean> {
    const hidden = await this.api.invoke('tray.hide');
    return hidden.ok && hidden.value.hidden;
  }

  /**
   * Hands work to the main window (shown and focused, then sent the command). False where there is
   * no main window to show (the browser host) or the request failed: the page then acts itself.
   */
  async showMainWindow(request: RouteInput<'window.showMain'>): Promise<boolean> {
    const shown = await this.api.invoke('window.showMain', request);
    return shown.ok && shown.value.shown;
  }

  /** Listens for the app commands aimed at this window; hands over any that arrived before. */
  onCommand(listener: CommandListener): () => void {
    this.#commandListeners.add(listener);
    for (const command of this.#waitingCommands.splice(0)) listener(command);
    return () => this.#commandListeners.delete(listener);
  }

  #onCommand(command: AppCommand): void {
    if (command.target !== this.kind) return;
    if (this.#commandListeners.size === 0) this.#waitingCommands.push(command);
    for (const listener of [...this.#commandListeners]) listener(command);
  }
}
