import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannel } from '../../shared/contract/api';
import { fail, type Result } from '../../shared/contract/result';
import { routeNames } from '../../shared/contract/routes';
import { userError } from '../../shared/domain/errors';
import type { AppCore } from '../app/create-app';
import { isAppUrl } from './app-origin';

export interface IpcAdapterOptions {
  core: Pick<AppCore, 'router' | 'events'>;
  /** Whether a webContents is the page of a window we created. */
  isOurWebContents: (contents: WebContents) => boolean;
  /** The windows that receive events. */
  windows: () => BrowserWindow[];
}

const forbidden = () =>
  fail(
    userError(
      'forbidden',
      'The request did not come from the app window.',
      'Use the app window; other pages cannot talk to the assistant.',
    ),
  );

/** Only our own page, on our own origin, in a window we created, may call the router. */
export function isTrustedSender(
  event: IpcMainInvokeEvent,
  isOurs: (contents: WebContents) => boolean,
): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  let url: string;
  try {
    url = frame.url;
  } catch {
    return false; // The frame went away while we looked at it.
  }
  return isAppUrl(url) && isOurs(event.sender);
}

/**
 * Binds every route of the contract to `ipcMain.handle` and forwards every event to our windows.
 * Answers are always a `Result`: nothing is thrown across IPC. Returns a function that undoes both.
 */
export function bindIpc({ core, isOurWebContents, windows }: IpcAdapterOptions): () => void {
  for (const name of routeNames) {
    ipcMain.handle(ipcChannel.route(name), async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, isOurWebContents)) return forbidden();
      try {
        return await core.router.dispatch(name, input);
      } catch (error) {
        console.error(`[ipc] ${name} failed unexpectedly:`, error);
        return fail(userError('internal', 'Something went wrong inside the app.', 'Try again.'));
      }
    });
  }

  const unsubscribe = core.events.subscribe((name, payload) => {
    for (const win of windows()) {
      if (win.isDestroyed()) continue;
      const contents = win.webContents;
      // Only a page on our origin gets events (a window mid-crash or on an error page does not).
      if (contents.isDestroyed() || !isAppUrl(contents.getURL())) continue;
      contents.send(ipcChannel.event(name), payload);
    }
  });

  return () => {
    unsubscribe();
    for (const name of routeNames) ipcMain.removeHandler(ipcChannel.route(name));
  };
}
