import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { everythingStdio, newManager, testServerStdio, waitForState } from '../support/mcp-fixtures';

/** Real MCP servers over stdio: server-everything from npm, and a test server that misbehaves. */
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.map((close) => close()));
  cleanup = [];
});
const manager = (options: Parameters<typeof newManager>[0] = {}) => {
  const made = newManager(options);
  cleanup.push(() => made.close());
  return made;
};
const run = (signal = new AbortController().signal, timeoutMs = 10_000) => ({
  conversationId: 'c1',
  signal,
  timeoutMs,
});

describe('MCP servers over stdio', { timeout: 90_000 }, () => {
  it('starts server-everything, lists its tools and runs one through its ToolProvider', async () => {
    const { manager: mcp } = manager();
    const saved = await mcp.save(everythingStdio());
    const ready = await waitForState(mcp, saved.id, (s) => s.state === 'ready');
    expect(ready.status.serverInfo).toMatch(/\S/);
    expect(ready.tools.map((t) => t.name)).toContain('echo');

    const [provider] = mcp.providers();
    expect(provider?.source).toEqual({ kind: 'mcp', id: saved.id, name: 'everything' });
    expect(provider?.view().state).toBe('ready');
    expect(provider?.tools().find((t) => t.name === 'echo')?.inputSchema).toMatchObject({ type: 'object' });
    const outcome = await provider!.call('echo', { message: 'hello there' }, run());
    expect(outcome).toEqual({ content: expect.stringContaining('hello there'), isError: false });
  });

  it('a wrong command fails with a clear status naming the fix; the other servers are unaffected', async () => {
    const { manager: mcp } = manager();
    const good = await mcp.save(testServerStdio('good'));
    const bad = await mcp.save({
      name: 'bad',
      enabled: true,
      transport: { kind: 'stdio', command: 'npx-does-not-exist-here', args: ['-y', 'something'] },
    });
    const failed = await waitForState(mcp, bad.id, (s) => s.state === 'failed');
    expect(failed.status.message).toMatch(
      /npx-does-not-exist-here was not found on the PATH of your login shell/,
    );
    expect(failed.status.message).toMatch(/full path/);
    const ok = await waitForState(mcp, good.id, (s) => s.state === 'ready');
    expect(ok.status.stderrTail).toContain('desk test server starting');
    expect(
      mcp
        .providers()
        .find((p) => p.source.id === bad.id)
        ?.tools(),
    ).toEqual([]);
  });

  it('a call that hangs ends with a timeout the model and the user can read', async () => {
    const { manager: mcp } = manager();
    const saved = await mcp.save({ ...testServerStdio(), timeoutSeconds: 1 });
    await waitForState(mcp, saved.id, (s) => s.state === 'ready');
    const provider = mcp.providers()[0]!;
    const outcome = await provider.call('hang', {}, run());
    expect(outcome.isError).toBe(true);
    expect(outcome.content).toMatch(/did not answer within 1 s/);
    // The server is still usable afterwards.
    expect(await provider.call('echo', { text: 'still here' }, run())).toEqual({
      content: 'echo: still here',
      isError: false,
    });
  });

  it('Stop cancels a running call', async () => {
    const { manager: mcp } = manager();
    const saved = await mcp.save(testServerStdio());
    await waitForState(mcp, saved.id, (s) => s.state === 'ready');
    const stop = new AbortController();
    const pending = mcp.providers()[0]!.call('hang', {}, run(stop.signal, 60_000));
    setTimeout(() => stop.abort(), 100);
    expect(await pending).toEqual({ isError: true, content: 'The call was cancelled.' });
  });

  it('a crashed server restarts with backoff, says so, and gives up after the limit', async () => {
    const { manager: mcp } = manager({ backoff: { baseMs: 500, maxRestarts: 2, stableMs: 60_000 } });
    const saved = await mcp.save(testServerStdio());
    await waitForState(mcp, saved.id, (s) => s.state === 'ready');
    const provider = mcp.providers()[0]!;
    void provider.call('crash', {}, run());
    const restarting = await waitForState(mcp, saved.id, (s) => s.state === 'restarting');
    expect(restarting.status.message).toMatch(/stopped unexpectedly\. Restarting in 1 s \(try 1 of 2\)/);
    expect(restarting.status.nextRestartAt).toBeGreaterThan(Date.now() - 1_000);
    expect(restarting.status.restarts).toBe(1);
    expect(provider.tools()).toEqual([]);
    const back = await waitForState(mcp, saved.id, (s) => s.state === 'ready');
    expect(back.status.restarts).toBe(1);
    expect(back.status.stderrTail).toContain('crashing on purpose');

    void provider.call('crash', {}, run());
    await waitForState(mcp, saved.id, (s) => s.state === 'restarting' && s.restarts === 2);
    await waitForState(mcp, saved.id, (s) => s.state === 'ready');
    void provider.call('crash', {}, run());
    const gaveUp = await waitForState(mcp, saved.id, (s) => s.state === 'failed');
    expect(gaveUp.status.message).toMatch(/Gave up after 2 restarts in a row/);

    // Restart on demand starts over.
    await mcp.restart(saved.id);
    const fresh = await waitForState(mcp, saved.id, (s) => s.state === 'ready');
    expect(fresh.status.restarts).toBe(0);
  });

  it('gives the server its env (secret, never in views or on disk in plain) and never ELECTRON_RUN_AS_NODE', async () => {
    const { manager: mcp, dir } = manager({
      environment: async () => ({ ...(process.env as Record<string, string>), ELECTRON_RUN_AS_NODE: '1' }),
    });
    const saved = await mcp.save(testServerStdio('tester', { env: { API_TOKEN: 'sk-very-secret-123' } }));
    expect(saved.transport).toMatchObject({ envNames: ['API_TOKEN'] });
    expect(JSON.stringify(saved)).not.toContain('sk-very-secret-123');
    await waitForState(mcp, saved.id, (s) => s.state === 'ready');
    const provider = mcp.providers()[0]!;
    expect((await provider.call('env', { name: 'API_TOKEN' }, run())).content).toBe('sk-very-secret-123');
    expect((await provider.call('env', { name: 'ELECTRON_RUN_AS_NODE' }, run())).content).toBe('(unset)');
    expect(readFileSync(join(dir, 'mcp-servers.json'), 'utf8')).not.toContain('sk-very-secret-123');
    expect(JSON.stringify(mcp.list())).not.toContain('sk-very-secret-123');

    // Editing with `null` keeps the saved value.
    await mcp.save({ ...testServerStdio('tester', { env: { API_TOKEN: null } }), id: saved.id });
    await waitForState(mcp, saved.id, (s) => s.state === 'ready');
    expect((await mcp.providers()[0]!.call('env', { name: 'API_TOKEN' }, run())).content).toBe(
      'sk-very-secret-123',
    );
  });

  it('closing stops every server process (no orphans)', async () => {
    const made = newManager();
    const saved = await made.manager.save(testServerStdio());
    await waitForState(made.manager, saved.id, (s) => s.state === 'ready');
    const pid = Number((await made.manager.providers()[0]!.call('pid', {}, run())).content);
    expect(() => process.kill(pid, 0)).not.toThrow();
    await made.close();
    await vi.waitFor(() => expect(() => process.kill(pid, 0)).toThrow(), { timeout: 10_000 });
  });

  it('tool switches and Always allow are saved; read-only tools have no side effects', async () => {
    const made = newManager();
    const saved = await made.manager.save(testServerStdio());
    await waitForState(made.manager, saved.id, (s) => s.state === 'ready');
    const view = made.manager.view(saved.id);
    expect(view.tools.find((t) => t.name === 'peek')).toMatchObject({ sideEffects: false, enabled: true });
    expect(view.tools.find((t) => t.name === 'echo')).toMatchObject({
      sideEffects: true,
      alwaysAllowed: false,
    });
    await made.manager.setTool(saved.id, 'hang', { enabled: false });
    await made.manager.providers()[0]!.allowAlways('echo');
    expect(
      made.manager
        .providers()[0]!
        .tools()
        .map((t) => t.name),
    ).not.toContain('hang');
    await made.close(true);

    const again = newManager({}, made.dir);
    cleanup.push(() => again.close());
    again.manager.start();
    await waitForState(again.manager, saved.id, (s) => s.state === 'ready');
    const provider = again.manager.providers()[0]!;
    expect(provider.alwaysAllowed('echo')).toBe(true);
    expect(provider.alwaysAllowed('env')).toBe(false);
    expect(provider.tools().map((t) => t.name)).not.toContain('hang');
    expect(provider.tools().map((t) => t.name)).toContain('echo');
  });
});
