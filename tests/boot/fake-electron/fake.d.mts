import type { EventEmitter } from 'node:events';

/** The parts of the stand-in the tests touch directly; see fake.mjs. */
export interface FakeCall {
  seq: number;
  api: string;
  ready: boolean;
  args: unknown[];
}

export interface FakeElectron {
  contextBridge: {
    exposed: Map<string, unknown>;
    exposeInMainWorld(key: string, api: unknown): void;
  };
  ipcRenderer: EventEmitter & {
    respond: (channel: string, ...args: unknown[]) => Promise<unknown>;
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  };
  __boot: { calls: FakeCall[] };
  [name: string]: unknown;
}

export function createFakeElectron(options?: {
  reportPath?: string;
  userData?: string;
  appPath?: string;
  name?: string;
  version?: string;
}): FakeElectron;
