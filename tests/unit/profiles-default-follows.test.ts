import { afterEach, describe, expect, it } from 'vitest';
import { followNewProfile } from '../../electron/services/profiles/default-follows';
import { AppHarness } from '../support/app-harness';
import { freePort } from '../support/free-port';
import { startTestServer, type TestServer } from '../support/openai-test-server';

/**
 * "Defaults that follow the user": a profile saved while the default cannot be reached becomes the
 * default, so New chat (which uses the default) starts on it.
 */
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

/** The app with the background monitor on (checks happen at start and on every change). */
const appWithMonitor = async (defaultUrl: string) => {
  const app = new AppHarness({ monitor: { intervalMs: 60_000 } });
  open.push(app);
  const { defaultProfileId } = await app.call('profiles.list');
  await app.call('profiles.update', { id: defaultProfileId, patch: { baseUrl: defaultUrl } });
  return { app, firstId: defaultProfileId };
};
const serve = async (flavor: 'llamacpp' | 'ollama'): Promise<TestServer> => {
  const server = await startTestServer({ flavor, models: ['model.gguf'] });
  open.push(server);
  return server;
};

describe('defaults that follow the user', () => {
  it('saving a profile while the default is unreachable makes it the default; New chat uses it', async () => {
    const { app, firstId } = await appWithMonitor(`http://127.0.0.1:${await freePort()}/v1`);
    const llama = await serve('llamacpp');
    const created = await app.call('profiles.create', {
      name: 'My llama',
      kind: 'llamacpp',
      baseUrl: llama.url,
      params: {},
    });
    const list = await app.call('profiles.list');
    expect(list.defaultProfileId).toBe(created.id);
    expect(list.defaultProfileId).not.toBe(firstId);
    expect(app.events.some((e) => e.name === 'settings.changed')).toBe(true);

    // A new conversation (main window and tray alike call conversations.create) talks to it.
    const { end } = await app.ask('hello');
    expect(end.type).toBe('finished');
    expect(llama.requests.some((r) => r.path === '/v1/chat/completions')).toBe(true);
  });

  it('a reachable default stays the default', async () => {
    const ollama = await serve('ollama');
    const { app, firstId } = await appWithMonitor(ollama.url);
    const llama = await serve('llamacpp');
    await app.call('profiles.create', { name: 'Other', kind: 'llamacpp', baseUrl: llama.url, params: {} });
    expect((await app.call('profiles.list')).defaultProfileId).toBe(firstId);
  });

  it('without a monitor (nothing known), nothing changes', async () => {
    const calls: string[] = [];
    const followed = await followNewProfile('new', {
      defaultId: () => 'old',
      setDefault: (id) => calls.push(id),
    });
    expect(followed).toBe(false);
    expect(calls).toEqual([]);
  });

  it('an unknown status is checked first; a default changed meanwhile is left alone', async () => {
    let state: 'unknown' | 'unreachable' = 'unknown';
    let current = 'old';
    const set: string[] = [];
    const deps = {
      defaultId: () => current,
      setDefault: (id: string) => set.push(id),
      statuses: () => [{ profileId: 'old', state, summary: '', checkedAt: 0 }],
      checkNow: async () => {
        state = 'unreachable';
      },
    };
    expect(await followNewProfile('new', deps)).toBe(true);
    expect(set).toEqual(['new']);
    state = 'unknown';
    const moved = { ...deps, checkNow: async () => void ((state = 'unreachable'), (current = 'chosen')) };
    expect(await followNewProfile('new2', moved)).toBe(false);
  });
});
