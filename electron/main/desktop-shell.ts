import { app, nativeTheme, shell, type BaseWindow, type BrowserWindow } from 'electron';
import type { ProfileList } from '../../shared/contract/routes';
import type { AppCommandName, WindowKind } from '../../shared/domain/desktop';
import type { AppCore } from '../app/create-app';
import type { DesktopHost } from '../services/desktop/desktop-host';
import { watchReplies, type ReplyNotice } from '../services/desktop/reply-notifier';
import { mainWindowCloseAction } from '../services/desktop/window-decisions';
import { WindowStateStore } from '../services/desktop/window-state-store';
import type { OpenStore } from '../services/store/kv-store';
import { installAppMenu } from './app-menu';
import { showReplyNotification } from './notifications';
import { globalShortcutRegistrar } from './shortcut';
import { createTray, type TrayHandle } from './tray';
import { buildTrayMenu, type TrayMenuActions } from './tray-menu';
import { TrayWindow } from './tray-window';
import {
  MAIN_WINDOW_SIZE,
  afterLoad,
  createMainWindow,
  focusWindow,
  kindOf,
  liveWindows,
  windowBackground,
  windowOfKind,
} from './window';
import { rememberPlace, restoredPlace } from './window-places';

export interface DesktopShellOptions {
  dataDir: string;
  openStore: OpenStore;
  platform?: NodeJS.Platform;
}

/**
 * The desktop side of the app: tray icon and menu, the compact tray window, the global shortcut,
 * the application menu, notifications, the login item, window places, and what closing the main
 * window means. Create it once the app is ready, hand `host` to `createApp`, then `start(core)`.
 */
export class DesktopShell {
  readonly host: DesktopHost;
  readonly #platform: NodeJS.Platform;
  readonly #places: WindowStateStore;
  readonly #tray: TrayHandle;
  readonly #trayWindow: TrayWindow;
  readonly #dataDir: string;
  #core: AppCore | undefined;
  #quitting = false;
  #disposers: (() => void)[] = [];
  #menuSeq = 0;

  constructor(options: DesktopShellOptions) {
    this.#platform = options.platform ?? process.platform;
    this.#dataDir = options.dataDir;
    this.#places = WindowStateStore.open({ dir: options.dataDir, openStore: options.openStore });
    // The page follows prefers-color-scheme, which follows this.
    nativeTheme.themeSource = 'system';
    const onTheme = () => {
      for (const win of liveWindows()) win.setBackgroundColor(windowBackground());
    };
    nativeTheme.on('updated', onTheme);
    this.#disposers.push(() => nativeTheme.removeListener('updated', onTheme));

    this.#trayWindow = new TrayWindow({
      prefs: () => this.#core?.desktopPrefs() ?? { trayPinned: false },
      trayBounds: () => this.#tray.bounds(),
      places: this.#places,
      isQuitting: () => this.#quitting,
      onShown: () => this.#send('focus-composer', 'tray'),
      platform: this.#platform,
    });
    this.#tray = createTray({
      onClick: (bounds) => this.#whenStarted(() => this.#trayWindow.toggle('tray-click', bounds)),
      platform: this.#platform,
    });
    const registrar = globalShortcutRegistrar(() =>
      this.#whenStarted(() => this.#trayWindow.toggle('shortcut')),
    );
    const loginItemSupported = (this.#platform === 'darwin' || this.#platform === 'win32') && app.isPackaged;
    this.host = {
      registerShortcut: (accelerator) => registrar.registerShortcut(accelerator),
      unregisterShortcut: (accelerator) => registrar.unregisterShortcut(accelerator),
      loginItemSupported,
      setLaunchAtLogin: (on) => app.setLoginItemSettings({ openAtLogin: on }),
      trayStatus: () => ({ ...this.#tray.status }),
      hideTrayWindow: () => this.#trayWindow.hide(),
      showMainWindow: (whenLoaded) => this.#handOverToMain(whenLoaded),
    };
  }

  /** Wires menus, notifications and windows to the core, and opens the main window (unless starting hidden). */
  start(core: AppCore): void {
    this.#core = core;
    installAppMenu(
      {
        newChat: (focused) => this.#newChat(focused),
        openSettings: () => this.#send('open-settings', 'main'),
        openCompare: () => this.#send('open-compare', 'main'),
        toggleTrayWindow: () => this.#trayWindow.toggle('menu'),
        showMainWindow: () => this.showMainWindow(),
        openDataFolder: () => void shell.openPath(this.#dataDir),
      },
      { appName: app.name, platform: this.#platform, isPackaged: app.isPackaged },
    );

    this.#refreshTrayMenu();
    this.#disposers.push(
      core.events.subscribe((name) => {
        if (name === 'profiles.changed' || name === 'settings.changed') this.#refreshTrayMenu();
      }),
      watchReplies({
        events: core.events,
        prefs: () => core.desktopPrefs(),
        windows: () =>
          liveWindows().map((win) => ({
            visible: win.isVisible(),
            focused: win.isFocused(),
            minimized: win.isMinimized(),
          })),
        notify: (notice) => void this.#notifyReply(notice),
      }),
    );

    const { startHidden } = core.desktopPrefs();
    const hidden = startHidden && this.#tray.status.available;
    if (startHidden && !hidden)
      console.warn('[desktop] starting hidden needs a tray icon; showing the main window.');
    this.#createMainWindow(!hidden);
  }

  /** Shows and focuses the main window, creating it if it was closed. */
  showMainWindow(): BrowserWindow {
    const existing = windowOfKind('main');
    if (existing) {
      focusWindow(existing);
      return existing;
    }
    return this.#createMainWindow(true);
  }

  /** The tray window handed work over (`window.showMain`): the main window comes up, the tray window goes unless pinned. */
  #handOverToMain(whenLoaded?: () => void): boolean {
    if (!this.#core || this.#quitting) return false;
    const win = this.showMainWindow();
    // The main window takes over: no handing focus back to another app (macOS) on the way out.
    if (!this.#core.desktopPrefs().trayPinned) this.#trayWindow.hide({ handBackFocus: false });
    if (whenLoaded) afterLoad(win, whenLoaded);
    return true;
  }

  /** A real quit (menu, tray, Cmd+Q, logout) is under way: windows may close now. */
  beginQuit(): void {
    this.#quitting = true;
  }

  /** At `will-quit`: releases the shortcut and the tray, and writes window places. */
  dispose(): void {
    for (const dispose of this.#disposers.splice(0)) dispose();
    this.#places.close();
    this.#tray.destroy();
  }

  #whenStarted(action: () => void): void {
    if (this.#core && !this.#quitting) action();
  }

  #createMainWindow(show: boolean): BrowserWindow {
    const place = restoredPlace(this.#places, 'main', MAIN_WINDOW_SIZE);
    const win = createMainWindow({ bounds: place.bounds, maximized: place.maximized, show });
    rememberPlace(win, 'main', this.#places);
    win.on('close', (event) => {
      const action = mainWindowCloseAction({
        quitting: this.#quitting,
        closeToTray: this.#core?.desktopPrefs().closeToTray ?? false,
        trayAvailable: this.#tray.status.available,
        platform: this.#platform,
      });
      if (action === 'hide') {
        event.preventDefault();
        win.hide();
      } else if (action === 'quit') {
        // A hidden tray window would keep the app alive after this one closes: quit outright.
        app.quit();
      }
    });
    // Windows logout or shutdown: let the window close instead of holding the session up.
    const ending = () => this.beginQuit();
    win.on('query-session-end', ending);
    win.on('session-end', ending);
    return win;
  }

  #newChat(focused: BaseWindow | undefined): void {
    this.#send('new-chat', kindOf(focused) === 'tray' ? 'tray' : 'main');
  }

  /** Brings the target window up and, once its page is loaded, tells it what to do. */
  #send(command: AppCommandName, target: WindowKind, conversationId?: string): void {
    const core = this.#core;
    if (!core) return;
    let win: BrowserWindow;
    if (target === 'main') win = this.showMainWindow();
    else {
      // focus-composer comes from showing the window: showing it again here would loop.
      const existing = this.#trayWindow.window;
      win =
        existing && (command === 'focus-composer' || existing.isVisible())
          ? existing
          : this.#trayWindow.show();
    }
    afterLoad(win, () =>
      core.events.emit('app.command', { command, target, ...(conversationId ? { conversationId } : {}) }),
    );
  }

  #trayMenuActions(): TrayMenuActions {
    return {
      openChat: () => this.#trayWindow.show(),
      newChat: () => this.#send('new-chat', 'tray'),
      openMainWindow: () => this.showMainWindow(),
      openSettings: () => this.#send('open-settings', 'main'),
      setDefaultProfile: (id) => {
        void this.#core?.router.dispatch('profiles.setDefault', { id }).then((result) => {
          if (!result.ok) console.warn('[tray] could not switch the backend:', result.error.message);
        });
      },
      quit: () => app.quit(),
    };
  }

  /** Sets the menu now (without backends if none are known yet), then again with the backend list. */
  #refreshTrayMenu(): void {
    const core = this.#core;
    if (!core || !this.#tray.status.available) return;
    const seq = ++this.#menuSeq;
    if (seq === 1) this.#tray.setMenu(buildTrayMenu(undefined, this.#trayMenuActions(), this.#platform));
    void core.router.dispatch('profiles.list', undefined).then((listed) => {
      if (seq !== this.#menuSeq || this.#quitting) return; // A newer refresh is on its way.
      const profiles = listed.ok ? (listed.value as ProfileList) : undefined;
      this.#tray.setMenu(buildTrayMenu(profiles, this.#trayMenuActions(), this.#platform));
    });
  }

  async #notifyReply(notice: ReplyNotice): Promise<void> {
    const core = this.#core;
    if (!core) return;
    const listed = await core.router.dispatch('conversations.list', undefined);
    const conversations = listed.ok ? (listed.value as { id: string; title: string }[]) : [];
    const title = conversations.find((c) => c.id === notice.conversationId)?.title ?? 'Reply ready';
    showReplyNotification({ ...notice, title }, () => this.#send('open-chat', 'main', notice.conversationId));
  }
}
