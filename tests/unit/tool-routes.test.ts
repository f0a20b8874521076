import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CompareRun, CompareStreamEvent } from '../../shared/domain/compare';
import { AppHarness } from '../support/app-harness';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { mcpProvider, taskProvider } from '../support/tool-loop-rig';

/** The `tools.*` routes, the settings on disk, `tools.changed`, and compare with tools, through the real app core. */
let server: TestServer;
let app: AppHarness;
beforeAll(async () => {
  server = await startTestServer({ flavor: 'ollama', models: ['llama3.2:1b', 'qwen2.5:0.5b'] });
});
afterAll(() => server.close());
afterEach(async () => {
  server.setToolCalls(undefined);
  await app?.close();
});

const newApp = (dataDir?: string) =>
  (app = new AppHarness({ backend: { baseUrl: server.url }, ...(dataDir ? { dataDir } : {}) }));
const changed = () => app.events.filter((e) => e.name === 'tools.changed');

describe('tool settings', () => {
  it('default to 8 rounds and 60 s, are saved in the data folder and announced', async () => {
    newApp();
    expect(await app.call('tools.settings')).toEqual({ maxRounds: 8, callTimeoutSeconds: 60 });
    expect(await app.call('tools.updateSettings', { maxRounds: 3 })).toEqual({
      maxRounds: 3,
      callTimeoutSeconds: 60,
    });
    expect(changed().at(-1)?.payload).toMatchObject({ settings: { maxRounds: 3 } });
    // Closed without the harness's clean-up, so the same data folder opens again.
    const dir = app.dataDir;
    await app.core.close();
    newApp(dir);
    expect(await app.call('tools.settings')).toEqual({ maxRounds: 3, callTimeoutSeconds: 60 });
  });

  it('refuse a bad value with a clear message, saving nothing', async () => {
    newApp();
    const result = await app.invoke('tools.updateSettings', { maxRounds: 0, callTimeoutSeconds: 30 });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message + (result.error.fields ? JSON.stringify(result.error.fields) : '')).toMatch(
        /At least 1 round/,
      );
    expect(await app.call('tools.settings')).toEqual({ maxRounds: 8, callTimeoutSeconds: 60 });
  });
});

describe('tool sources', () => {
  it('a provider registered into the app is listed (task list first) and announced; removing it too', async () => {
    newApp();
    const removeMcp = app.core.tools.register(mcpProvider());
    app.core.tools.register(taskProvider());
    expect((await app.call('tools.sources')).map((s) => s.id)).toEqual(['tasks', 'srv1']);
    expect(changed().at(-1)?.payload).toMatchObject({ sources: [{ id: 'tasks' }, { id: 'srv1' }] });
    removeMcp();
    expect((await app.call('tools.sources')).map((s) => s.id)).toEqual(['tasks']);
  });

  it('tools.decide answers decided: false when nothing waits', async () => {
    newApp();
    expect(
      await app.call('tools.decide', {
        conversationId: 'c1',
        replyId: 'r1',
        partId: 'call1',
        decision: 'once',
      }),
    ).toEqual({ decided: false });
  });
});

describe('compare', () => {
  async function compare(tools: boolean): Promise<CompareRun> {
    const profiles = await app.call('profiles.list');
    const { runId } = await app.call('compare.start', {
      pairs: [
        { profileId: profiles.defaultProfileId!, model: 'llama3.2:1b' },
        { profileId: profiles.defaultProfileId!, model: 'qwen2.5:0.5b' },
      ],
      prompts: ['echo hi'],
      ...(tools ? { tools: true } : {}),
    });
    let run: CompareRun | undefined;
    await app.waitFor(() => {
      const end = app.events
        .filter((e) => e.name === 'compare.stream')
        .map((e) => e.payload as CompareStreamEvent)
        .find((e) => e.runId === runId && e.type === 'run-finished');
      run = end?.type === 'run-finished' ? end.run : undefined;
      return run !== undefined;
    });
    return run!;
  }
  const bodies = () =>
    server.requests
      .filter((r) => r.path.endsWith('/chat/completions'))
      .map((r) => r.body as { tools?: unknown[] });

  it('runs without tools by default', async () => {
    newApp();
    app.core.tools.register(mcpProvider());
    server.setToolCalls({ flavour: 'whole', calls: [{ name: 'echo', arguments: { message: 'hi' } }] });
    const before = bodies().length;
    const run = await compare(false);
    expect(run.cells[0]?.status).toBe('complete');
    expect(
      bodies()
        .slice(before)
        .every((b) => b.tools === undefined),
    ).toBe(true);
  });

  it('with tools on, a call needing approval is denied without a prompt and the model is told', async () => {
    newApp();
    const mcp = mcpProvider();
    app.core.tools.register(mcp);
    server.setToolCalls({ flavour: 'whole', calls: [{ name: 'echo', arguments: { message: 'hi' } }] });
    const before = bodies().length;
    const run = await compare(true);
    // Every registered source's tools are offered: the built-in task list's and the server's echo.
    const offered = (bodies()[before]?.tools ?? []) as { function: { name: string } }[];
    expect(offered.map((t) => t.function.name)).toEqual(expect.arrayContaining(['create_task', 'echo']));
    expect(mcp.calls).toHaveLength(0);
    expect(run.cells.map((c) => c.status)).toEqual(['complete', 'complete']);
    for (const cell of run.cells) expect(cell.text).toMatch(/Compare runs without prompts/);
  });
});
