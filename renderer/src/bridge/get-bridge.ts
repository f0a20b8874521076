import type { AssistantApi } from '../../../shared/index';
import { alwaysOpen, type Connection } from './connection';
import { hostSocketUrl, WebSocketApi } from './websocket-api';

export interface Bridge {
  api: AssistantApi;
  connection: Connection;
}

/** Electron's preload exposes the contract on `window.assistant`; anywhere else, the browser host's socket carries it. */
export function getBridge(): Bridge {
  if (window.assistant) return { api: window.assistant, connection: alwaysOpen };
  const socket = new WebSocketApi(hostSocketUrl(window.location));
  return { api: socket, connection: socket };
}
