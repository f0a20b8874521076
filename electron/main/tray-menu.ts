import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { ProfileList } from '../../shared/contract/routes';

export interface TrayMenuActions {
  /** Shows the compact chat window. */
  openChat(): void;
  /** Shows the compact chat window on a new conversation. */
  newChat(): void;
  openMainWindow(): void;
  openSettings(): void;
  setDefaultProfile(id: string): void;
  quit(): void;
}

/** Windows reads "&" in a menu label as a mnemonic marker; a profile named "R&D" must show as typed. */
const literal = (label: string, platform: NodeJS.Platform) =>
  platform === 'win32' ? label.replace(/&/g, '&&') : label;

export function trayMenuTemplate(
  profiles: ProfileList | undefined,
  actions: TrayMenuActions,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const backends: MenuItemConstructorOptions[] = profiles?.profiles.length
    ? profiles.profiles.map((profile) => ({
        id: `backend:${profile.id}`,
        type: 'radio',
        label: literal(profile.name, platform),
        checked: profile.id === profiles.defaultProfileId,
        click: () => actions.setDefaultProfile(profile.id),
      }))
    : [{ label: 'No backends yet', enabled: false }];
  return [
    { id: 'open-chat', label: 'Open chat', click: () => actions.openChat() },
    { id: 'new-chat', label: 'New chat', click: () => actions.newChat() },
    { id: 'open-main', label: 'Open main window', click: () => actions.openMainWindow() },
    { type: 'separator' },
    { id: 'backend', label: 'Backend', submenu: backends },
    { id: 'settings', label: 'Settings…', click: () => actions.openSettings() },
    { type: 'separator' },
    { id: 'quit', label: 'Quit', click: () => actions.quit() },
  ];
}

export const buildTrayMenu = (...args: Parameters<typeof trayMenuTemplate>): Menu =>
  Menu.buildFromTemplate(trayMenuTemplate(...args));
