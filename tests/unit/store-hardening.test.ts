import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../shared/domain/conversation';
import { ConversationStore } from '../../electron/services/store/conversation-store';
import { openConfStore } from '../../electron/services/store/open-conf-store';
import { AppHarness } from '../support/app-harness';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { copyFixture, StoreKit, textOf } from '../fixtures/store-kit';
import { textParts } from '../../shared/domain/message-content';

/**
 * What a damaged or interrupted data folder keeps: titles and pins live in each conversation's own
 * file too, profiles in profiles.json, rolling backups of both are restored from the newest valid
 * one; one bad message is set aside alone; temporary files are swept; a reply's first checkpoint is early.
 */
const KEY = 'sk-backup-secret-7';
let server: TestServer;
let kit: StoreKit;
const apps: AppHarness[] = [];

beforeAll(async () => {
  server = await startTestServer({ flavor: 'litellm', apiKey: KEY, models: ['my-finetune'] });
});
afterAll(async () => server.close());
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const app of apps.splice(0)) await app.core.close();
  kit.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startApp(): AppHarness {
  const app = new AppHarness({ dataDir: kit.dir, monitor: false });
  apps.push(app);
  return app;
}

async function stopApp(app: AppHarness): Promise<void> {
  apps.splice(apps.indexOf(app), 1);
  await app.core.close();
}

/** Two named and pinned conversations, one plain, and a profile with a saved (encrypted) key. */
async function seedApp(): Promise<{ named: string; pinned: string; plain: string; profileId: string }> {
  kit = new StoreKit();
  const app = startApp();
  const profile = await app.call('profiles.create', {
    name: 'Fine-tune',
    kind: 'litellm',
    baseUrl: server.url,
    apiKey: KEY,
    params: {},
  });
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await app.call('conversations.create')).id);
  const [named, pinned, plain] = ids as [string, string, string];
  await app.call('conversations.rename', { id: named, title: 'My own title' });
  await app.call('conversations.pin', { id: pinned, pinned: true });
  await stopApp(app);
  return { named, pinned, plain, profileId: profile.id };
}

/** Opens the store alone with a short backup delay and waits for the backup it takes at start. */
async function takeBackup(): Promise<void> {
  const before = fs.existsSync(kit.path('backups', 'rolling'))
    ? fs.readdirSync(kit.path('backups', 'rolling'))
    : [];
  const store = ConversationStore.open({ dir: kit.dir, openStore: openConfStore, backupDelayMs: 5 });
  await sleep(100);
  store.close();
  expect(fs.readdirSync(kit.path('backups', 'rolling')).length).toBeGreaterThan(before.length);
}

describe('a damaged index', () => {
  it.each([
    ['truncated', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['unparseable', () => '\u0000\u0000 not json at all'],
  ])('%s: titles, pins and profiles with their keys survive the reopen', async (_kind, damage) => {
    const { named, pinned, plain, profileId } = await seedApp();
    const cipher = (kit.readJson('profiles.json') as { profiles: { apiKeyCipher?: string }[] }).profiles.find(
      (p) => p.apiKeyCipher,
    )?.apiKeyCipher;
    expect(cipher).toBeDefined();
    fs.writeFileSync(kit.path('index.json'), damage(fs.readFileSync(kit.path('index.json'), 'utf8')));
    vi.spyOn(console, 'warn').mockImplementation(() => {});

    const app = startApp();
    const list = await app.call('conversations.list');
    expect(list.map((s) => s.id).sort()).toEqual([named, pinned, plain].sort());
    expect(list.find((s) => s.id === named)).toMatchObject({ title: 'My own title', titleEdited: true });
    expect(list.find((s) => s.id === pinned)?.pinned).toBe(true);
    expect(list[0]?.id).toBe(pinned);
    const problems = await app.call('store.problems');
    expect(problems[0]?.recovery).toMatch(/profiles are kept in profiles.json/);

    const profiles = await app.call('profiles.list');
    expect(profiles.profiles.find((p) => p.id === profileId)).toMatchObject({
      name: 'Fine-tune',
      hasApiKey: true,
    });
    // The key still decrypts: the connection test sends it, and the server accepts it.
    const report = await app.call('profiles.test', { id: profileId });
    expect(report.outcome).toBe('ok');
  });

  it('is restored from the newest valid backup (the trash and settings with it) before the files are read', async () => {
    const { named } = await seedApp();
    const app = startApp();
    const { id: deleted } = await app.call('conversations.create');
    await app.call('conversations.delete', { id: deleted });
    await stopApp(app);
    await takeBackup();
    // A conversation file from before titles were kept in it: only the backup knows its title.
    const file = kit.path('conversations', `${named}.json`);
    const {
      title: _t,
      pinned: _p,
      ...old
    } = kit.readJson('conversations', `${named}.json`) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify(old));
    fs.writeFileSync(kit.path('index.json'), '{"schemaVersion": 2, "conv');
    vi.spyOn(console, 'warn').mockImplementation(() => {});

    const store = kit.open();
    expect(store.list().find((s) => s.id === named)?.title).toBe('My own title');
    expect(store.trashList().map((t) => t.conversationId)).toEqual([deleted]);
    const [problem, ...more] = store.problems();
    expect(more).toEqual([]);
    expect(problem?.recovery).toMatch(
      /restored from the backup of .* UTC and brought up to date from 3 conversation files/,
    );
  });
});

describe('titles and pins in the conversation files', () => {
  it('follow a rename, a pin and a restored earlier version through a lost index', () => {
    kit = new StoreKit();
    const store = kit.open();
    const id = kit.seed(store, 'Question', 'Answer');
    store.rename(id, 'Named');
    store.setPinned(id, true);
    const first = store.get(id)!.messages[0]!;
    const { trashId } = store.replaceTurnsFrom(id, first.id);
    const copy = store.restore(trashId);
    expect(copy).toMatchObject({ title: 'Named (earlier version)' });
    expect(copy.pinned).toBeUndefined();
    store.close();
    fs.rmSync(kit.path('index.json'));
    vi.spyOn(console, 'warn').mockImplementation(() => {});

    const reopened = kit.open();
    expect(reopened.list().map((s) => [s.id, s.title, s.pinned ?? false])).toEqual([
      [id, 'Named', true],
      [copy.id, 'Named (earlier version)', false],
    ]);
  });
});

describe('profiles.json', () => {
  it('takes the profiles out of an index from before it, on first open', async () => {
    kit = new StoreKit();
    copyFixture('store-v1', kit.dir);
    const app = startApp();
    expect((await app.call('profiles.list')).profiles.map((p) => p.id)).toEqual(['p-ollama']);
    expect((kit.readJson('index.json') as { settings: object }).settings).toEqual({});
    expect(kit.readJson('profiles.json')).toMatchObject({
      schemaVersion: 3,
      profiles: [{ id: 'p-ollama', defaultModel: 'llama3.2:3b' }],
      defaultProfileId: 'p-ollama',
    });
  });

  it('a damaged one is replaced by the newest valid backup, key included, and reported', async () => {
    const { profileId } = await seedApp();
    await takeBackup();
    fs.writeFileSync(kit.path('profiles.json'), '{"schemaVersion": 2, "profi');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const app = startApp();
    const problems = await app.call('store.problems');
    expect(problems).toEqual([
      expect.objectContaining({
        file: kit.path('profiles.json'),
        recovery: expect.stringMatching(/restored from the backup of/),
      }),
    ]);
    expect(fs.readFileSync(problems[0]!.movedTo, 'utf8')).toBe('{"schemaVersion": 2, "profi');
    expect((await app.call('profiles.test', { id: profileId })).outcome).toBe('ok');
  });
});

describe('rolling backups', () => {
  it('are coalesced, skip a copy identical to the newest, and keep the last 10', async () => {
    kit = new StoreKit();
    const store = kit.open({ backupDelayMs: 30 });
    const id = kit.seed(store, 'Hello');
    const rolling = () => fs.readdirSync(kit.path('backups', 'rolling')).sort();
    // A burst of changes within the delay: one backup.
    for (let i = 0; i < 20; i++) store.rename(id, `Burst ${i}`);
    await sleep(150);
    expect(rolling()).toHaveLength(1);
    expect(kit.readJson('backups', 'rolling', rolling()[0]!, 'index.json')).toMatchObject({
      conversations: { [id]: { title: 'Burst 19' } },
    });
    // Nothing changed since: no second copy.
    store.setPinned(id, false);
    await sleep(100);
    expect(rolling()).toHaveLength(1);
    for (let i = 0; i < 12; i++) {
      store.rename(id, `Change ${i}`);
      await sleep(60);
    }
    expect(rolling()).toHaveLength(10);
    const newest = rolling().at(-1)!;
    expect(kit.readJson('backups', 'rolling', newest, 'index.json')).toMatchObject({
      conversations: { [id]: { title: 'Change 11' } },
    });
    expect(store.backups()[0]).toMatchObject({ id: newest, conversations: 1, trashItems: 0 });
  });
});

describe('backups through the routes', () => {
  it('lists the backups with what each holds, and restores one (backing up the state it replaces)', async () => {
    const { profileId, named } = await seedApp();
    await takeBackup();
    const app = startApp();
    const [backup, ...older] = await app.call('backups.list');
    expect(older).toEqual([]);
    expect(backup).toMatchObject({ conversations: 3, trashItems: 0, profiles: 2 });

    // Later: the profile is deleted, and the conversation renamed.
    await app.call('profiles.delete', { id: profileId });
    await app.call('conversations.rename', { id: named, title: 'Renamed later' });
    expect((await app.call('profiles.list')).profiles.map((p) => p.id)).not.toContain(profileId);
    app.events.length = 0;

    const report = await app.call('backups.restore', { id: backup!.id });
    expect(report.restored.id).toBe(backup!.id);
    expect(report.previous).toMatchObject({ profiles: 1 });
    const profiles = await app.call('profiles.list');
    expect(profiles.profiles.find((p) => p.id === profileId)).toMatchObject({ hasApiKey: true });
    expect((await app.call('profiles.test', { id: profileId })).outcome).toBe('ok');
    // Each conversation keeps what its own file says: the later title stays.
    expect((await app.call('conversations.list')).find((s) => s.id === named)?.title).toBe('Renamed later');
    // conversations.changed is coalesced by the app, so it may arrive a moment after the answer.
    await vi.waitFor(() =>
      expect(app.events.map((e) => e.name)).toEqual(
        expect.arrayContaining(['profiles.changed', 'conversations.changed']),
      ),
    );
    expect(await app.call('backups.list')).toHaveLength(2);

    const missing = await app.invoke('backups.restore', { id: '2020-01-01T00-00-00-000Z' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('damage within one file', () => {
  it('sets a message that fails validation aside alone, keeps it in the file, and reports it once', () => {
    kit = new StoreKit();
    const store = kit.open();
    const id = kit.seed(store, 'One', 'Two', 'Three');
    store.close();
    const file = kit.path('conversations', `${id}.json`);
    const data = kit.readJson('conversations', `${id}.json`) as { messages: Record<string, unknown>[] };
    data.messages[1]!.status = 'bogus';
    fs.writeFileSync(file, JSON.stringify(data));
    vi.spyOn(console, 'warn').mockImplementation(() => {});

    const reopened = kit.open();
    expect(reopened.get(id)?.messages.map((m) => textOf(m))).toEqual(['One', 'Three']);
    expect(reopened.problems()).toEqual([
      expect.objectContaining({
        file,
        reason: expect.stringMatching(/message 2 .*status/),
        recovery: expect.stringMatching(/set aside/),
      }),
    ]);
    expect(reopened.list()).toHaveLength(1);
    reopened.appendMessage(id, kit.message('user', 'Four'));
    reopened.close();
    const onDisk = kit.readJson('conversations', `${id}.json`) as {
      messages: Message[];
      setAside: unknown[];
    };
    expect(onDisk.messages.map((m) => textOf(m))).toEqual(['One', 'Three', 'Four']);
    expect(onDisk.setAside).toEqual([data.messages[1]]);
    const again = kit.open();
    expect(again.problems()).toEqual([]);
    expect(again.get(id)?.messages).toHaveLength(3);
  });
});

describe('interrupted writes', () => {
  it('sweeps the temporary files killed index writes left in the data folder', () => {
    kit = new StoreKit();
    kit.open().close();
    const old = new Date(Date.now() - 60_000);
    const temps = ['index.json.tmp-1234567890abcdef', 'profiles.json.tmp-1234567890fedcba'].map((name) => {
      fs.writeFileSync(kit.path(name), '{"half');
      fs.utimesSync(kit.path(name), old, old);
      return name;
    });
    const store = kit.open();
    for (const name of temps) expect(fs.existsSync(kit.path(name)), name).toBe(false);
    expect(store.problems()).toEqual([]);
  });

  it('writes the first checkpoint of a streaming reply early, then once per interval', () => {
    vi.useFakeTimers();
    kit = new StoreKit();
    const store = kit.open({ checkpointMs: 1000 });
    const { id } = store.create();
    const reply = kit.message('assistant', '', { status: 'streaming' });
    store.appendMessage(id, reply);
    const onDisk = () =>
      textOf((kit.readJson('conversations', `${id}.json`) as { messages: Message[] }).messages[0]);
    store.updateMessage(id, { ...reply, parts: textParts('The first tokens') }, 'checkpoint');
    expect(onDisk()).toBe('');
    vi.advanceTimersByTime(100);
    expect(onDisk()).toBe('The first tokens');
    store.updateMessage(id, { ...reply, parts: textParts('The first tokens and more') }, 'checkpoint');
    vi.advanceTimersByTime(500);
    expect(onDisk()).toBe('The first tokens');
    vi.advanceTimersByTime(500);
    expect(onDisk()).toBe('The first tokens and more');
  });
});
