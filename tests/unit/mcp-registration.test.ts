import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerMcpProviders } from '../../electron/services/mcp/mcp-tool-registration';
import type { ToolProvider } from '../../electron/services/tools/tool-provider';
import { newManager, testServerStdio, waitForState } from '../support/mcp-fixtures';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
});

/** A registry shaped like the tool loop's: sources by id, a change counter. */
function registry() {
  const sources = new Map<string, ToolProvider>();
  let changes = 0;
  return {
    sources,
    changes: () => changes,
    register(provider: ToolProvider) {
      sources.set(provider.source.id, provider);
      return () => {
        if (sources.get(provider.source.id) === provider) sources.delete(provider.source.id);
      };
    },
    changed() {
      changes++;
    },
  };
}

describe('MCP servers in the tool registry', { timeout: 90_000 }, () => {
  it('registers a provider per server, follows adds and removals, and announces changes', async () => {
    const made = newManager();
    close = made.close;
    const tools = registry();
    const stop = registerMcpProviders(made.manager, tools);
    expect(tools.sources.size).toBe(0);

    const saved = await made.manager.save(testServerStdio());
    await vi.waitFor(() => expect([...tools.sources.keys()]).toEqual([saved.id]));
    await waitForState(made.manager, saved.id, (s) => s.state === 'ready');
    const provider = tools.sources.get(saved.id)!;
    await vi.waitFor(() => expect(provider.tools().map((t) => t.name)).toContain('echo'));
    expect(provider.view()).toMatchObject({ kind: 'mcp', name: 'tester', state: 'ready' });
    const before = tools.changes();
    await made.manager.setTool(saved.id, 'echo', { enabled: false });
    await vi.waitFor(() => expect(tools.changes()).toBeGreaterThan(before));
    expect(provider.tools().map((t) => t.name)).not.toContain('echo');

    await made.manager.delete(saved.id);
    await vi.waitFor(() => expect(tools.sources.size).toBe(0));
    stop();
  });
});
