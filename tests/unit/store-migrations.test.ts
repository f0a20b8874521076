import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationSummary } from '../../shared/domain/conversation';
import {
  checkVersion,
  migrateConversation,
  migrateIndex,
  migrations,
} from '../../electron/services/store/migrations';
import { SCHEMA_VERSION } from '../../electron/services/store/store-schema';
import { textParts } from '../../shared/domain/message-content';
import { copyFixture, StoreKit, textOf } from '../fixtures/store-kit';

let kit: StoreKit;

beforeEach(() => {
  kit = new StoreKit();
  vi.spyOn(console, 'info').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
  kit.cleanup();
});

const v1Index = () =>
  JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/store-v1/index.json'), 'utf8')) as {
    conversations: Record<string, ConversationSummary>;
    settings: unknown;
  };

describe('store migrations', () => {
  it('are ordered steps from version 1 to the current one', () => {
    expect(SCHEMA_VERSION).toBe(3);
    expect(migrations.map((m) => m.to)).toEqual([2, 3]);
    expect(checkVersion({ schemaVersion: 1 })).toEqual({ kind: 'older', version: 1 });
    expect(checkVersion({ schemaVersion: 2 })).toEqual({ kind: 'older', version: 2 });
    expect(checkVersion({ schemaVersion: 3 })).toEqual({ kind: 'current' });
    expect(checkVersion({ schemaVersion: 7 })).toEqual({ kind: 'newer', version: 7 });
    for (const bad of [{}, { schemaVersion: '2' }, { schemaVersion: 1.5 }, { schemaVersion: 0 }, null])
      expect(checkVersion(bad)).toEqual({ kind: 'unknown' });
    // Pure steps: v1 summaries are valid v2 summaries; the index gains an empty trash.
    const index = v1Index();
    const [v1ToV2] = migrations;
    expect(v1ToV2!.index({ ...index, schemaVersion: 1 })).toEqual({
      ...index,
      schemaVersion: 2,
      trash: {},
    });
    expect(v1ToV2!.conversation({ schemaVersion: 1, id: 'x', createdAt: 1, messages: [] })).toEqual({
      schemaVersion: 2,
      id: 'x',
      createdAt: 1,
      messages: [],
    });
    // From 1, every step runs.
    expect(migrateIndex({ ...index, schemaVersion: 1 }, 1)).toEqual({
      ...index,
      schemaVersion: SCHEMA_VERSION,
      trash: {},
    });
    expect(migrateConversation({ schemaVersion: 1, id: 'x', createdAt: 1, messages: [] }, 1)).toEqual({
      schemaVersion: SCHEMA_VERSION,
      id: 'x',
      createdAt: 1,
      messages: [],
    });
  });

  it('migrates a real v1 folder to the current version after copying all of it, and keeps every conversation', () => {
    copyFixture('store-v1', kit.dir);
    const before = kit.snapshot();
    const store = kit.open();

    const [record, ...more] = store.migrations();
    expect(more).toEqual([]);
    expect(record).toMatchObject({ from: 1, to: SCHEMA_VERSION });
    expect(path.dirname(record!.backupDir)).toBe(kit.path('backups'));
    expect(path.basename(record!.backupDir)).toMatch(/^before-v3-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    // The copy holds exactly what was there before anything changed.
    const copied = Object.fromEntries(
      Object.entries(kit.snapshot())
        .filter(([file]) => file.startsWith(path.relative(kit.dir, record!.backupDir) + path.sep))
        .map(([file, text]) => [path.relative(path.relative(kit.dir, record!.backupDir), file), text]),
    );
    expect(copied).toEqual(before);

    // The index is now current, with the same summaries and settings, and an empty trash.
    const index = kit.readJson('index.json') as Record<string, unknown>;
    expect(index).toMatchObject({ schemaVersion: SCHEMA_VERSION, trash: {}, settings: v1Index().settings });
    expect(store.list()).toEqual(
      expect.arrayContaining(Object.values(v1Index().conversations).map((s) => expect.objectContaining(s))),
    );
    expect(store.list()).toHaveLength(3);
    expect(store.problems()).toEqual([]);

    // Conversation files are migrated when read (each `content` becomes one text part), and
    // rewritten in the current version with the next change.
    const v1File = JSON.parse(before[path.join('conversations', 'c-second-v1.json')]!) as {
      messages: { content: string }[];
    };
    expect(store.get('c-second-v1')?.messages).toEqual(
      v1File.messages.map(({ content, ...rest }) => ({ ...rest, parts: textParts(content) })),
    );
    expect(kit.readJson('conversations', 'c-second-v1.json')).toMatchObject({ schemaVersion: 1 });
    store.appendMessage('c-second-v1', kit.message('user', 'And in two lines?'));
    expect(kit.readJson('conversations', 'c-second-v1.json')).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      profileId: 'p-ollama',
      chosenModel: 'qwen2.5:7b',
    });
    // Already in the copy: no second backup folder.
    expect(fs.readdirSync(kit.path('backups'))).toHaveLength(1);
    store.close();

    const again = kit.open();
    expect(again.migrations()).toEqual([]);
    expect(again.problems()).toEqual([]);
    expect(again.get('c-first-v1')?.messages.map((m) => m.id)).toEqual(['a1', 'a2']);
    expect(again.get('c-second-v1')?.messages).toHaveLength(4);
  });

  it('copies a lone older conversation file before it can be rewritten', () => {
    const store = kit.open();
    kit.seed(store, 'hello');
    store.close();
    const old = { schemaVersion: 1, id: 'late-v1', createdAt: 5, messages: [] };
    fs.writeFileSync(kit.path('conversations', 'late-v1.json'), JSON.stringify(old));

    const reopened = kit.open();
    expect(reopened.list().some((s) => s.id === 'late-v1')).toBe(true);
    const [backup] = fs.readdirSync(kit.path('backups'));
    expect(
      JSON.parse(fs.readFileSync(kit.path('backups', backup!, 'conversations', 'late-v1.json'), 'utf8')),
    ).toEqual(old);
    reopened.appendMessage('late-v1', kit.message('user', 'now current'));
    expect(kit.readJson('conversations', 'late-v1.json')).toMatchObject({ schemaVersion: SCHEMA_VERSION });
  });

  it('does not migrate when the copy cannot be made: nothing changes and the folder opens read-only', () => {
    copyFixture('store-v1', kit.dir);
    fs.writeFileSync(kit.path('backups'), 'a file where the backups folder would go');
    const before = kit.snapshot();
    const store = kit.open();
    expect(store.readOnlyReason()).toMatch(/could not be copied/);
    expect(store.problems()[0]?.reason).toMatch(/copy before upgrading from data version 1 failed/);
    expect(store.list()).toHaveLength(3);
    expect(store.get('c-first-v1')?.messages).toHaveLength(2);
    expect(() => store.create()).toThrow(/could not be copied/);
    store.close();
    expect(kit.snapshot()).toEqual(before);
  });
});

describe('files from a newer version', () => {
  it('an index from a newer version is left untouched; the data opens read-only', () => {
    const first = kit.open();
    const a = kit.seed(first, 'Kept as it is', 'Sure');
    first.updateSettings({ model: 'llama3.2' });
    first.close();
    const index = kit.readJson('index.json') as Record<string, unknown>;
    fs.writeFileSync(
      kit.path('index.json'),
      JSON.stringify({ ...index, schemaVersion: SCHEMA_VERSION + 1, folders: { work: [a] } }, null, 2),
    );
    const before = kit.snapshot();

    const store = kit.open();
    const problem = store.problems()[0]!;
    expect(problem.file).toBe(kit.path('index.json'));
    expect(problem.movedTo).toBe(problem.file);
    expect(problem.reason).toMatch(/made by a newer version of the app.*update the app/);
    expect(store.readOnlyReason()).toMatch(/newer version/);
    // What this version understands is readable…
    expect(store.list().map((s) => s.id)).toEqual([a]);
    expect(store.get(a)?.messages.map((m) => textOf(m))).toEqual(['Kept as it is', 'Sure']);
    expect(store.getSettings()).toEqual({ model: 'llama3.2' });
    // …and nothing is written.
    expect(() => store.create()).toThrow(/newer version/);
    expect(() => store.appendMessage(a, kit.message('user', 'x'))).toThrow(/newer version/);
    expect(() => store.rename(a, 'New name')).toThrow(/newer version/);
    expect(() => store.moveToTrash(a)).toThrow(/newer version/);
    expect(() => store.import('{}')).toThrow(/newer version/);
    store.updateSettings({ model: 'session only' });
    store.close();
    expect(kit.snapshot()).toEqual(before);
  });

  it('a conversation file from a newer version is listed, reported with its path, and never written', () => {
    const first = kit.open();
    const a = kit.seed(first, 'From the future');
    const b = kit.seed(first, 'Ordinary');
    first.close();
    const file = kit.path('conversations', `${a}.json`);
    const newer = {
      ...(kit.readJson('conversations', `${a}.json`) as object),
      schemaVersion: 9,
      branches: [],
    };
    fs.writeFileSync(file, JSON.stringify(newer));
    const bytes = fs.readFileSync(file, 'utf8');

    const onProblem = vi.fn();
    const store = kit.open({ onProblem });
    expect(store.list().map((s) => s.id)).toContain(a); // startup reads the index only
    expect(store.get(a)).toBeUndefined();
    expect(onProblem).toHaveBeenCalledTimes(1);
    expect(store.problems()).toEqual([
      expect.objectContaining({
        file,
        movedTo: file,
        reason: expect.stringMatching(/made by a newer version of the app.*update the app/),
      }),
    ]);
    expect(() => store.appendMessage(a, kit.message('user', 'x'))).toThrow(/newer version/);
    expect(store.get(b)?.messages).toHaveLength(1);
    store.appendMessage(b, kit.message('assistant', 'unaffected'));
    store.close();
    expect(fs.readFileSync(file, 'utf8')).toBe(bytes);
    expect(fs.readdirSync(kit.path('conversations')).filter((f) => f.includes('corrupt'))).toEqual([]);

    // Moving it to the trash and back is a rename: still untouched.
    const again = kit.open();
    const item = again.moveToTrash(a)!;
    again.restore(item.id);
    expect(fs.readFileSync(file, 'utf8')).toBe(bytes);
  });
});
