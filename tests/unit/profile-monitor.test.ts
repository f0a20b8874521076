import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProfileStatus } from '../../shared/domain/profiles';
import { ProfileMonitor, type MonitoredProfile } from '../../electron/services/profiles/profile-monitor';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { freePort } from '../support/free-port';

/**
 * Background status: real checks against test servers on 127.0.0.1. A "cloud" profile's requests
 * go through an injected fetch that sends them to a local test server, so nothing leaves the machine.
 */

const servers: TestServer[] = [];
const monitors: ProfileMonitor[] = [];
const start = async (...args: Parameters<typeof startTestServer>) => {
  const server = await startTestServer(...args);
  servers.push(server);
  return server;
};
afterEach(async () => {
  for (const monitor of monitors.splice(0)) monitor.stop();
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const CLOUD = 'https://api.example.com/v1';

/** Sends the cloud host's requests to `server` and records every URL asked for. */
function routedFetch(server: () => TestServer | undefined) {
  const urls: string[] = [];
  const routed: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    urls.push(url);
    const target = server();
    if (url.startsWith('https://api.example.com/')) {
      if (!target) return Promise.reject(new Error('no route in this test'));
      return fetch(url.replace('https://api.example.com', target.origin), init);
    }
    if (!url.startsWith('http://127.0.0.1:')) return Promise.reject(new Error(`not loopback: ${url}`));
    return fetch(input, init);
  };
  return { fetch: routed, urls };
}

class Probe {
  constructor(public online: boolean) {}
  isOnline = () => this.online;
}

function monitorFor(
  profiles: MonitoredProfile[] | (() => MonitoredProfile[]),
  options: Partial<ConstructorParameters<typeof ProfileMonitor>[0]> = {},
) {
  const emitted: ProfileStatus[] = [];
  const monitor = new ProfileMonitor({
    profiles: typeof profiles === 'function' ? profiles : () => profiles,
    emit: (status) => emitted.push(status),
    ...options,
  });
  monitors.push(monitor);
  return { monitor, emitted };
}

const byId = (statuses: ProfileStatus[]) => Object.fromEntries(statuses.map((s) => [s.profileId, s]));

describe('statuses', () => {
  it('starts unknown, then tells online, unreachable, error and offline apart', async () => {
    const ollama = await start({ flavor: 'ollama', models: ['a', 'b', 'c'] });
    const openai = await start({ flavor: 'openai', apiKey: 'sk-right' });
    const port = await freePort();
    const routed = routedFetch(() => openai);
    const profiles: MonitoredProfile[] = [
      { id: 'local', location: 'local', target: { baseUrl: ollama.url, kind: 'ollama' } },
      { id: 'down', location: 'local', target: { baseUrl: `http://127.0.0.1:${port}/v1`, kind: 'custom' } },
      { id: 'path', location: 'local', target: { baseUrl: `${ollama.origin}/nope`, kind: 'custom' } },
      { id: 'key', location: 'local', target: { baseUrl: openai.url, apiKey: 'sk-wrong', kind: 'openai' } },
      { id: 'cloud', location: 'cloud', target: { baseUrl: CLOUD, apiKey: 'sk-right', kind: 'openai' } },
    ];
    let now = 5_000;
    const { monitor, emitted } = monitorFor(profiles, {
      network: { isOnline: () => false },
      fetch: routed.fetch,
      now: () => now++,
    });

    expect(monitor.statuses().map((s) => [s.profileId, s.state])).toEqual([
      ['local', 'unknown'],
      ['down', 'unknown'],
      ['path', 'unknown'],
      ['key', 'unknown'],
      ['cloud', 'unknown'],
    ]);

    await monitor.checkNow();
    const statuses = byId(monitor.statuses());
    expect(statuses.local?.state).toBe('online');
    expect(statuses.local?.summary).toMatch(/^3 models · \d+ ms$/);
    expect(statuses.local?.checkedAt).toBeGreaterThan(5_000);
    expect(statuses.down).toMatchObject({ state: 'unreachable', summary: expect.stringMatching(/refused/) });
    expect(statuses.path).toMatchObject({
      state: 'error',
      summary: expect.stringMatching(/Nothing answers/),
    });
    expect(statuses.key).toMatchObject({ state: 'error', summary: expect.stringMatching(/API key/) });
    expect(statuses.cloud).toMatchObject({ state: 'offline', summary: 'Offline — will reconnect by itself' });
    expect(emitted).toHaveLength(5);
    // The cloud profile sent nothing while offline; no diagnostics in the cheap check.
    expect(routed.urls.some((u) => u.startsWith('https://'))).toBe(false);
    expect(ollama.requests.map((r) => r.path)).not.toContain('/api/tags');
  });

  it('drops a profile that is removed', async () => {
    const server = await start({ flavor: 'ollama' });
    let profiles: MonitoredProfile[] = [
      { id: 'a', location: 'local', target: { baseUrl: server.url, kind: 'ollama' } },
      { id: 'b', location: 'local', target: { baseUrl: server.url, kind: 'ollama' } },
    ];
    const { monitor } = monitorFor(() => profiles);
    await monitor.checkNow();
    expect(monitor.statuses().map((s) => s.profileId)).toEqual(['a', 'b']);
    profiles = profiles.filter((p) => p.id !== 'a');
    expect(monitor.statuses().map((s) => [s.profileId, s.state])).toEqual([['b', 'online']]);
  });

  it('checks one profile after an edit', async () => {
    const server = await start({ flavor: 'ollama' });
    const port = await freePort();
    const profiles: MonitoredProfile[] = [
      { id: 'a', location: 'local', target: { baseUrl: `http://127.0.0.1:${port}/v1`, kind: 'ollama' } },
      { id: 'b', location: 'local', target: { baseUrl: server.url, kind: 'ollama' } },
    ];
    const { monitor, emitted } = monitorFor(profiles);
    await monitor.checkNow();
    expect(byId(monitor.statuses()).a?.state).toBe('unreachable');
    profiles[0] = { ...profiles[0]!, target: { baseUrl: server.url, kind: 'ollama' } };
    const before = server.requests.length;
    await monitor.checkNow('a');
    expect(byId(monitor.statuses()).a?.state).toBe('online');
    expect(server.requests.length - before).toBe(1);
    expect(emitted.map((s) => [s.profileId, s.state])).toEqual([
      ['a', 'unreachable'],
      ['b', 'online'],
      ['a', 'online'],
    ]);
  });
  it('reads the key per check through resolveTarget', async () => {
    const server = await start({ flavor: 'litellm', apiKey: 'sk-secret' });
    const { monitor } = monitorFor(
      [{ id: 'p', location: 'local', target: { baseUrl: server.url, kind: 'litellm' } }],
      { resolveTarget: async (p) => ({ ...p.target, apiKey: 'sk-secret' }) },
    );
    await monitor.checkNow();
    expect(monitor.statuses()[0]?.state).toBe('online');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-secret');
  });
});

describe('emits', () => {
  it('only when the state or the summary changes (not for a new latency)', async () => {
    const server = await start({ flavor: 'ollama', models: ['a', 'b'] });
    const { monitor, emitted } = monitorFor([
      { id: 'p', location: 'local', target: { baseUrl: server.url, kind: 'ollama' } },
    ]);
    await monitor.checkNow();
    await monitor.checkNow();
    await monitor.checkNow();
    expect(emitted.map((s) => s.state)).toEqual(['online']);
    expect(server.requests).toHaveLength(3);

    server.setModels(['a', 'b', 'c']);
    await monitor.checkNow();
    expect(emitted.map((s) => s.summary.replace(/\d+ ms/, 'N ms'))).toEqual([
      '2 models · N ms',
      '3 models · N ms',
    ]);

    server.setModels([]);
    await monitor.checkNow();
    await monitor.checkNow();
    expect(emitted.at(-1)).toMatchObject({
      state: 'error',
      summary: expect.stringMatching(/lists no models/),
    });
    expect(emitted).toHaveLength(3);
  });
});

describe('offline cloud profiles', () => {
  it('recover by themselves when the network returns, and go offline without a request', async () => {
    const server = await start({ flavor: 'openai', models: ['gpt-4o', 'o3'], apiKey: 'sk-k' });
    const routed = routedFetch(() => server);
    const probe = new Probe(false);
    const { monitor, emitted } = monitorFor(
      [{ id: 'cloud', location: 'cloud', target: { baseUrl: CLOUD, apiKey: 'sk-k', kind: 'openai' } }],
      { network: probe, fetch: routed.fetch, intervalMs: 60_000, networkPollMs: 20 },
    );
    monitor.start();
    await vi.waitFor(() => expect(emitted).toHaveLength(1));
    expect(emitted[0]).toMatchObject({ state: 'offline', summary: 'Offline — will reconnect by itself' });
    expect(routed.urls).toEqual([]);

    probe.online = true; // long before the next full round
    await vi.waitFor(() => expect(emitted).toHaveLength(2));
    expect(emitted[1]?.state).toBe('online');
    expect(emitted[1]?.summary).toMatch(/^2 models · \d+ ms$/);
    expect(routed.urls).toEqual(['https://api.example.com/v1/models']);

    probe.online = false;
    await vi.waitFor(() => expect(emitted).toHaveLength(3));
    expect(emitted[2]?.state).toBe('offline');
    expect(routed.urls).toHaveLength(1);
  });
});

describe('scheduling', () => {
  it('runs checks one at a time, never overlapping', async () => {
    let active = 0;
    let peak = 0;
    let served = 0;
    const slow = createServer((_req, res) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        served++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [{ id: 'm', object: 'model' }] }));
      }, 25);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = slow.address() as AddressInfo;
      const profiles: MonitoredProfile[] = ['a', 'b', 'c'].map((id) => ({
        id,
        location: 'local',
        target: { baseUrl: `http://127.0.0.1:${port}/v1`, kind: 'custom' },
      }));
      const { monitor } = monitorFor(profiles, { intervalMs: 10 });
      monitor.start();
      await Promise.all([monitor.checkNow(), monitor.checkNow('b'), monitor.checkNow()]);
      monitor.stop();
      expect(peak).toBe(1);
      expect(served).toBeGreaterThanOrEqual(4);
      expect(monitor.statuses().every((s) => s.state === 'online')).toBe(true);
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });

  it('checks every interval, and stop() leaves no timers behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const calls: string[] = [];
    const fakeFetch: typeof fetch = (input) => {
      calls.push(String(input));
      return Promise.resolve(Response.json({ object: 'list', data: [{ id: 'm' }] }));
    };
    const { monitor, emitted } = monitorFor(
      [{ id: 'p', location: 'local', target: { baseUrl: 'http://127.0.0.1:9/v1', kind: 'custom' } }],
      { fetch: fakeFetch, intervalMs: 30_000, network: { isOnline: () => true } },
    );
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    expect(emitted.map((s) => s.state)).toEqual(['online']);
    // The next round and the network poll (undici's keep-alive timers from earlier tests may add some).
    expect(vi.getTimerCount()).toBeGreaterThanOrEqual(2);

    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toHaveLength(3);

    monitor.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toHaveLength(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a stop during a check drops its result and schedules nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    let release: (() => void) | undefined;
    const fakeFetch: typeof fetch = (_input, init) =>
      new Promise((resolve, reject) => {
        release = () => resolve(Response.json({ object: 'list', data: [{ id: 'm' }] }));
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const { monitor, emitted } = monitorFor(
      [{ id: 'p', location: 'local', target: { baseUrl: 'http://127.0.0.1:9/v1', kind: 'custom' } }],
      { fetch: fakeFetch, network: { isOnline: () => true } },
    );
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    monitor.stop();
    release?.();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(emitted).toEqual([]);
    expect(monitor.statuses()[0]?.state).toBe('unknown');
    expect(vi.getTimerCount()).toBe(0);
  });
});
