import { Menu, type BaseWindow, type MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  /** CmdOrCtrl+N, in the window it was pressed in (undefined: none of ours has focus). */
  newChat(focused: BaseWindow | undefined): void;
  openSettings(): void;
  openCompare(): void;
  /** Shows or hides the compact chat window (also reachable where the tray is invisible). */
  toggleTrayWindow(): void;
  showMainWindow(): void;
  openDataFolder(): void;
}

export interface AppMenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Reload and DevTools only in development. */
  isPackaged: boolean;
}

/**
 * The application menu: platform roles for everything standard (edit, window, quit, hide…), so
 * the usual shortcuts work and are localised by the OS, plus our own New Chat (CmdOrCtrl+N) and
 * Settings (CmdOrCtrl+,).
 */
export function appMenuTemplate(
  actions: AppMenuActions,
  options: AppMenuOptions,
): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const settings: MenuItemConstructorOptions = {
    id: 'settings',
    label: mac ? 'Settings…' : 'Settings',
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.openSettings(),
  };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        settings,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: 'File',
    submenu: [
      {
        id: 'new-chat',
        label: 'New Chat',
        accelerator: 'CmdOrCtrl+N',
        click: (_item, focused) => actions.newChat(focused),
      },
      { id: 'compare', label: 'Compare Backends', click: () => actions.openCompare() },
      { type: 'separator' },
      ...(mac ? [] : [settings, { type: 'separator' } as const]),
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  });
  template.push({ role: 'editMenu' });
  template.push({
    label: 'View',
    submenu: [
      ...(options.isPackaged
        ? []
        : ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] as const)),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({
    label: 'Window',
    role: 'window',
    submenu: [
      { id: 'tray-window', label: 'Quick Chat', click: () => actions.toggleTrayWindow() },
      { id: 'main-window', label: 'Main Window', click: () => actions.showMainWindow() },
      { type: 'separator' },
      { role: 'minimize' },
      ...(mac
        ? ([{ role: 'zoom' }, { type: 'separator' }, { role: 'front' }] as const)
        : ([{ role: 'close' }] as const)),
    ],
  });
  template.push({
    role: 'help',
    submenu: [
      { id: 'data-folder', label: 'Open Data Folder', click: () => actions.openDataFolder() },
      // macOS has About in the app menu.
      ...(mac ? [] : ([{ type: 'separator' }, { role: 'about' }] as const)),
    ],
  });
  return template;
}

export function installAppMenu(actions: AppMenuActions, options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(actions, options)));
}
