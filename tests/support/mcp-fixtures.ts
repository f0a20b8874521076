import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { vi } from 'vitest';
import type { McpServerView } from '../../shared/domain/mcp';
import { McpManager, type McpManagerOptions } from '../../electron/services/mcp/mcp-manager';
import { KeyFileSecretBox } from '../../electron/services/secrets/key-file-secret-box';
import { openConfStore } from '../../electron/services/store/open-conf-store';

const require = createRequire(import.meta.url);

/** server-everything from npm, started with this Node (never Electron's binary). */
export const EVERYTHING_SCRIPT = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');
/** Our misbehaving test server (tests/support/mcp-test-server.ts) through tsx. */
export const TEST_SERVER_ARGS = ['--import', 'tsx', resolve(import.meta.dirname, 'mcp-test-server.ts')];

export function everythingStdio(name = 'everything') {
  return {
    name,
    enabled: true,
    transport: { kind: 'stdio' as const, command: process.execPath, args: [EVERYTHING_SCRIPT, 'stdio'] },
  };
}

export function testServerStdio(name = 'tester', extra: { env?: Record<string, string | null> } = {}) {
  return {
    name,
    enabled: true,
    transport: { kind: 'stdio' as const, command: process.execPath, args: TEST_SERVER_ARGS, ...extra },
  };
}

/** A manager over a temp data folder; `close()` stops its servers and removes the folder. */
export function newManager(
  options: Partial<McpManagerOptions> = {},
  dir = mkdtempSync(join(tmpdir(), 'mcp-test-')),
) {
  const manager = new McpManager({
    dir,
    openStore: openConfStore,
    secrets: new KeyFileSecretBox(join(dir, 'secret.key')),
    environment: async () => ({ ...(process.env as Record<string, string>) }),
    ...options,
  });
  return {
    manager,
    dir,
    close: async (keep = false) => {
      await manager.close();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function waitForState(
  manager: McpManager,
  id: string,
  accept: (status: McpServerView['status']) => boolean,
  timeout = 45_000,
): Promise<McpServerView> {
  return vi.waitFor(
    () => {
      const view = manager.view(id);
      if (!accept(view.status)) throw new Error(`still ${view.status.state}: ${view.status.message ?? ''}`);
      return view;
    },
    { timeout, interval: 50 },
  );
}
