import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannel, type AssistantApi } from '../../shared/contract/api';
import { isEventName } from '../../shared/contract/events';
import type { Result } from '../../shared/contract/result';
import type { RouteName } from '../../shared/contract/routes';
import type { UserError } from '../../shared/domain/errors';

/**
 * The sandboxed preload: one CommonJS file that requires nothing but `electron`. It exposes the
 * contract as two functions and never hands the page `ipcRenderer`, an `IpcRendererEvent` or any
 * other Electron object. Only type imports come from routes.ts (which pulls in zod): main validates
 * the route name and its input anyway, so a shape check is enough here.
 */
const routeShape = /^[a-z]+\.[a-zA-Z]+$/;

const invalid = (message: string): Result<never> => {
  const error: UserError = {
    code: 'invalid-input',
    message,
    fix: 'Update the app: the window and the main process disagree.',
    retryable: false,
  };
  return { ok: false, error };
};

const api: AssistantApi = {
  invoke(route, input) {
    if (typeof route !== 'string' || !routeShape.test(route)) {
      return Promise.resolve(invalid(`Unknown request "${String(route).slice(0, 80)}".`));
    }
    return ipcRenderer.invoke(ipcChannel.route(route as RouteName), input);
  },
  on(event, listener) {
    if (!isEventName(event)) throw new TypeError(`Unknown event "${String(event).slice(0, 80)}".`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    const channel = ipcChannel.event(event);
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('assistant', api);
