// The module served for the specifier `electron` (see hooks.mjs): one stand-in per process, configured
// from the environment. electron-store's `import electron from 'electron'` gets this same instance.
import { createFakeElectron } from './fake.mjs';

const electron = createFakeElectron({
  reportPath: process.env.FAKE_ELECTRON_REPORT,
  userData: process.env.FAKE_ELECTRON_USER_DATA,
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
