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
  __boot: {
    calls: FakeCall[];
    trayBounds: { x: number; y: number; width: number; height: number };
    takenShortcuts: Set<string>;
    pressShortcut(accelerator: string): boolean;
  };
  [name: string]: unknown;
}

export interface FakeDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
  scaleFactor: number;
}

export function createFakeElectron(options?: {
  reportPath?: string;
  userData?: string;
  appPath?: string;
  name?: string;
  version?: string;
  /** False: another instance holds the lock (default true). */
  singleInstanceLock?: boolean;
  /** The Tray constructor throws, as on a desktop without a status area. */
  noTray?: boolean;
  /** Accelerators `globalShortcut.register` refuses, as if another app held them. */
  takenShortcuts?: string[];
  displays?: FakeDisplay[];
}): FakeElectron;
