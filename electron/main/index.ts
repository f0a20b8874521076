import { app, dialog, globalShortcut, session } from 'electron';
import { join, resolve } from 'node:path';
import { createApp, type AppCore, type AppOptions } from '../app/create-app';
import { rendererDir } from './app-origin';
import { DesktopShell } from './desktop-shell';
import { bindIpc } from './ipc-adapter';
import { openElectronStore } from './open-electron-store';
import { safeStorageSecretBox } from './safe-storage-secret-box';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenSession, installSecurity } from './security';
import { isOurWebContents, liveWindows } from './window';

/**
 * Windows shows notifications only for an app whose AppUserModelID matches its Start-menu shortcut,
 * which the installer names after `appId` in build/electron-builder.config.cjs.
 */
const APP_USER_MODEL_ID = 'io.github.local-llm-desk';

/** How long quitting waits for streams to cancel and stores to flush. */
const CLOSE_TIMEOUT_MS = 5_000;

function backendFromEnv(env: NodeJS.ProcessEnv): NonNullable<AppOptions['backend']> {
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  const baseUrl = value('ASSISTANT_BACKEND_URL');
  const model = value('ASSISTANT_MODEL');
  const apiKey = value('ASSISTANT_API_KEY');
  return {
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(apiKey !== undefined ? { apiKey } : {}),
  };
}

function fatal(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('[main] could not start:', error);
  if (app.isReady()) dialog.showErrorBox('Local LLM Desk could not start', message);
  app.exit(1);
}

function main(): void {
  // Tests point the app at a throwaway folder; must happen before anything reads the path.
  const userDataOverride = process.env.ELECTRON_USER_DATA?.trim();
  if (userDataOverride) app.setPath('userData', resolve(userDataOverride));

  registerAppScheme();
  installSecurity();
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let core: AppCore | undefined;
  let desktop: DesktopShell | undefined;
  let disposeIpc: (() => void) | undefined;
  let closing = false;
  let closed = false;

  // A second launch (a click on the app icon while it runs, maybe hidden in the tray) brings it up.
  app.on('second-instance', () => desktop?.showMainWindow());
  // macOS: a click on the dock icon.
  app.on('activate', () => {
    if (app.isReady()) desktop?.showMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    desktop?.dispose();
    globalShortcut.unregisterAll();
  });
  app.on('before-quit', (event) => {
    // From here closing a window closes it (no hiding to the tray).
    desktop?.beginQuit();
    if (!core || closed) return;
    // Hold the quit until replies are cancelled (partial text kept) and the stores are flushed.
    event.preventDefault();
    if (closing) return;
    closing = true;
    const timeout = new Promise<void>((done) => setTimeout(done, CLOSE_TIMEOUT_MS).unref());
    Promise.race([core.close(), timeout])
      .catch((error: unknown) => console.error('[main] closing the app core failed:', error))
      .finally(() => {
        closed = true;
        disposeIpc?.();
        app.quit();
      });
  });

  app
    .whenReady()
    .then(() => {
      hardenSession(session.defaultSession);
      serveRenderer(rendererDir);
      const dataDir = join(app.getPath('userData'), 'data');
      desktop = new DesktopShell({ dataDir, openStore: openElectronStore });
      core = createApp({
        dataDir,
        openStore: openElectronStore,
        secrets: safeStorageSecretBox,
        backend: backendFromEnv(process.env),
        ...(process.env.OPENAI_API_KEY?.trim() ? { environmentKey: process.env.OPENAI_API_KEY.trim() } : {}),
        desktop: desktop.host,
      });
      disposeIpc = bindIpc({ core, isOurWebContents, windows: liveWindows });
      desktop.start(core);
    })
    .catch(fatal);
}

main();
