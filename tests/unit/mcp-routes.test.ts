import { afterEach, describe, expect, it } from 'vitest';
import type { McpServerView } from '../../shared/domain/mcp';
import { AppHarness } from '../support/app-harness';
import { everythingStdio } from '../support/mcp-fixtures';

/** The `mcp.*` routes and `mcp.changed` through the real app core, as a window sees them. */
let app: AppHarness | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
const newApp = (dataDir?: string) =>
  (app = new AppHarness({
    backend: { baseUrl: 'http://127.0.0.1:9/v1' },
    mcp: { environment: async () => ({ ...(process.env as Record<string, string>) }) },
    ...(dataDir ? { dataDir } : {}),
  }));
const lastServers = (harness: AppHarness): McpServerView[] => {
  const event = harness.events.filter((e) => e.name === 'mcp.changed').at(-1);
  return (event?.payload as { servers: McpServerView[] } | undefined)?.servers ?? [];
};

describe('mcp routes', { timeout: 90_000 }, () => {
  it('saves, reports status through mcp.changed, restarts, and starts saved servers with the app', async () => {
    const harness = newApp();
    const saved = await harness.call('mcp.save', everythingStdio());
    await harness.waitFor(() => lastServers(harness)[0]?.status.state === 'ready', 45_000);
    expect(lastServers(harness)[0]?.tools.length).toBeGreaterThan(0);
    const bad = await harness.call('mcp.save', {
      name: 'broken',
      enabled: true,
      transport: { kind: 'stdio', command: 'no-such-command-xyz', args: [] },
    });
    await harness.waitFor(
      () => lastServers(harness).find((s) => s.id === bad.id)?.status.state === 'failed',
      20_000,
    );
    expect((await harness.call('mcp.list')).find((s) => s.id === saved.id)?.status.state).toBe('ready');
    const dataDir = harness.dataDir;
    await harness.core.close();

    // A new app starts the enabled servers by itself.
    const again = new AppHarness({
      backend: { baseUrl: 'http://127.0.0.1:9/v1' },
      mcp: { environment: async () => ({ ...(process.env as Record<string, string>) }) },
      dataDir,
    });
    app = again;
    await again.waitFor(
      () => lastServers(again).find((s) => s.id === saved.id)?.status.state === 'ready',
      20_000,
    );
    const set = await again.call('mcp.setTool', { serverId: saved.id, tool: 'echo', alwaysAllowed: true });
    expect(set.tools.find((t) => t.name === 'echo')?.alwaysAllowed).toBe(true);
    expect(
      await again.invoke('mcp.setTool', { serverId: saved.id, tool: 'no-such-tool', enabled: false }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: '"everything" has no tool named "no-such-tool".' },
    });
    await again.call('mcp.delete', { id: bad.id });
    expect((await again.call('mcp.list')).map((s) => s.name)).toEqual(['everything']);
  });

  it('refuses bad input with a clear message and saves nothing', async () => {
    const harness = newApp();
    const bad = await harness.invoke('mcp.save', {
      name: 'x',
      enabled: true,
      transport: { kind: 'http', url: 'ftp://nope' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const dup = await harness.call('mcp.save', {
      name: 'One',
      enabled: false,
      transport: { kind: 'sse', url: 'http://127.0.0.1:1/sse' },
    });
    const clash = await harness.invoke('mcp.save', {
      name: 'one',
      enabled: false,
      transport: { kind: 'sse', url: 'http://127.0.0.1:1/sse' },
    });
    expect(clash).toMatchObject({
      ok: false,
      error: { message: 'An MCP server named "one" already exists.' },
    });
    const missing = await harness.invoke('mcp.restart', { id: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await harness.call('mcp.list')).map((s) => s.id)).toEqual([dup.id]);
  });
});
