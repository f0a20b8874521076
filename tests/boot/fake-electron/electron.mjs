// The module served for the specifier `electron` (see hooks.mjs): one stand-in per process, configured
// from the environment. electron-store's `import electron from 'electron'` gets this same instance.
import { createFakeElectron } from './fake.mjs';

const env = process.env;
const electron = createFakeElectron({
  reportPath: env.FAKE_ELECTRON_REPORT,
  userData: env.FAKE_ELECTRON_USER_DATA,
  // Scenarios of the boot test: another instance holds the lock, the desktop has no tray, another
  // app holds some shortcuts, other displays.
  singleInstanceLock: env.FAKE_ELECTRON_NO_LOCK !== '1',
  noTray: env.FAKE_ELECTRON_NO_TRAY === '1',
  takenShortcuts: env.FAKE_ELECTRON_TAKEN_SHORTCUTS ? env.FAKE_ELECTRON_TAKEN_SHORTCUTS.split(',') : [],
  ...(env.FAKE_ELECTRON_DISPLAYS ? { displays: JSON.parse(env.FAKE_ELECTRON_DISPLAYS) } : {}),
});
globalThis.__fakeElectron = electron;

export default electron;
export const {
  app,
  BrowserWindow,
  BaseWindow,
  WebContents,
  ipcMain,
  protocol,
  net,
  session,
  shell,
  dialog,
  Menu,
  MenuItem,
  Notification,
  nativeTheme,
  safeStorage,
  globalShortcut,
  nativeImage,
  Tray,
  clipboard,
  screen,
  contextBridge,
  ipcRenderer,
  webFrame,
  __boot,
} = electron;
