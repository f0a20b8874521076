/**
 * How the page stands with whatever carries the contract. Electron's preload is always `open`;
 * the browser host's WebSocket can drop and come back.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface Connection {
  getState(): ConnectionState;
  subscribe(listener: () => void): () => void;
}

export const alwaysOpen: Connection = {
  getState: () => 'open',
  subscribe: () => () => {},
};
