import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationSummary, Message } from '../../shared/domain/conversation';
import { textParts } from '../../shared/domain/message-content';
import { SCHEMA_VERSION } from '../../electron/services/store/store-schema';
import { copyFixture, StoreKit } from '../fixtures/store-kit';

/**
 * `tests/fixtures/store-v2/` is a real data folder written by the v2 store (the `main` branch before
 * messages had parts): a pinned conversation with a system prompt, a renamed one on its own backend
 * with a cancelled reply, an empty one, one moved to the trash, and one whose replaced turns are in
 * the trash, with a reply that opened with `<think>…</think>`.
 */

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

type V2Message = Omit<Message, 'parts'> & { content: string };
const fixture = (...parts: string[]) =>
  JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/store-v2', ...parts), 'utf8')) as {
    conversations: Record<string, ConversationSummary>;
    trash: Record<string, { summary: ConversationSummary }>;
    messages: V2Message[];
  };

/** A v2 message as v3 holds it: the same fields, its `content` as one text part. */
const asText = ({ content, ...rest }: V2Message): Message => ({ ...rest, parts: textParts(content) });

/** The reply that opened with a reasoning block: split into reasoning and answer. */
const thinkReply = (v2: V2Message): Message => {
  const { content: _content, ...rest } = v2;
  return {
    ...rest,
    parts: [
      { type: 'reasoning', id: 'r1', text: 'Compare the decimals: 0.11 < 0.90.' },
      { type: 'text', id: 't1', text: 'No: 9.9 is bigger.' },
    ],
  };
};

describe('store v2 → v3', () => {
  it('migrates a real v2 folder after copying it: same data in parts, nothing lost', async () => {
    copyFixture('store-v2', kit.dir);
    const before = kit.snapshot();
    const store = kit.open();

    const [record, ...more] = store.migrations();
    expect(more).toEqual([]);
    expect(record).toMatchObject({ from: 2, to: 3 });
    expect(path.basename(record!.backupDir)).toMatch(/^before-v3-/);
    // The copy holds exactly the index, conversations and trash as they were (profiles.json is not migrated).
    const backupRel = path.relative(kit.dir, record!.backupDir);
    const copied = Object.fromEntries(
      Object.entries(kit.snapshot())
        .filter(([file]) => file.startsWith(backupRel + path.sep))
        .map(([file, text]) => [path.relative(backupRel, file), text]),
    );
    const { 'profiles.json': profilesBefore, ...dataBefore } = before;
    expect(copied).toEqual(dataBefore);
    expect(fs.readFileSync(kit.path('profiles.json'), 'utf8')).toBe(profilesBefore);
    expect(store.getSettings().profiles?.map((p) => p.id)).toEqual(['p-ollama']);

    // Summaries (titles, pin, rename, backend) are unchanged; the index is v3.
    const v2Index = fixture('index.json');
    expect(kit.readJson('index.json')).toMatchObject({ schemaVersion: 3 });
    expect(store.list()).toHaveLength(4);
    for (const summary of Object.values(v2Index.conversations))
      expect(store.list().find((s) => s.id === summary.id)).toEqual(summary);
    expect(store.problems()).toEqual([]);

    // Messages: identical except the shape; the <think> reply gains a reasoning part.
    for (const id of ['c-first-v2', 'c-second-v2', 'c-empty-v2']) {
      const v2 = fixture('conversations', `${id}.json`).messages;
      expect(store.get(id)?.messages).toEqual(v2.map(asText));
    }
    const think = fixture('conversations', 'c-think-v2.json').messages;
    expect(store.get('c-think-v2')?.messages).toEqual([asText(think[0]!), thinkReply(think[1]!)]);

    // The trash: both items listed, and a restore brings the conversation back in parts.
    expect(
      store
        .trashList()
        .map((t) => [t.id, t.kind, t.messageCount])
        .sort(),
    ).toEqual([
      ['t-trashed-v2', 'conversation', 2],
      ['t-turns-v2', 'turns', 2],
    ]);
    const restored = store.restore('t-trashed-v2');
    expect(restored).toMatchObject({ id: 'c-trashed-v2', title: 'A conversation deleted to the trash' });
    expect(store.get('c-trashed-v2')?.messages).toEqual(
      fixture('trash', 't-trashed-v2.json').messages.map(asText),
    );
    const earlier = store.restore('t-turns-v2');
    const turns = fixture('trash', 't-turns-v2.json').messages;
    expect(store.get(earlier.id)?.messages).toEqual([
      asText(turns[0]!),
      thinkReply(turns[1]!),
      // A tag that is not at the start of a reply is ordinary text.
      asText(turns[2]!),
      asText(turns[3]!),
    ]);

    // Rewritten as v3 with the next change; reopening migrates nothing and reports nothing.
    store.appendMessage('c-second-v2', kit.message('user', 'Thanks'));
    const file = kit.readJson('conversations', 'c-second-v2.json') as {
      schemaVersion: number;
      messages: object[];
    };
    expect(file.schemaVersion).toBe(SCHEMA_VERSION);
    expect(file.messages[0]).toEqual(asText(fixture('conversations', 'c-second-v2.json').messages[0]!));
    expect(file).toMatchObject({
      profileId: 'p-ollama',
      chosenModel: 'llama3.2:3b',
      title: 'Quantisation, briefly',
    });
    store.close();
    const again = kit.open();
    expect(again.migrations()).toEqual([]);
    expect(again.problems()).toEqual([]);
    expect(again.get('c-second-v2')?.messages).toHaveLength(5);
    expect(fs.readdirSync(kit.path('backups')).filter((f) => f.startsWith('before-v3-'))).toHaveLength(1);
  });

  it('searches the text of v2 files not rewritten yet, and never the reasoning', async () => {
    copyFixture('store-v2', kit.dir);
    const store = kit.open();
    const hits = await store.search('fewer bits');
    expect(hits.map((h) => [h.conversationId, h.messageId])).toEqual([['c-second-v2', 'm-v2-5']]);
    expect(await store.search('9.9 is bigger')).toEqual([
      expect.objectContaining({ conversationId: 'c-think-v2', messageId: 'm-v2-11' }),
    ]);
    // Reasoning is not searched: neither from the raw file nor once the conversation is open.
    expect(await store.search('compare the decimals')).toEqual([]);
    store.appendMessage('c-think-v2', kit.message('user', 'Compare the decimals again?'));
    expect((await store.search('compare the decimals')).map((h) => h.messageId)).toEqual([
      expect.stringMatching(/^m\d+$/),
    ]);
  });

  it('resumes an interrupted migration: a folder left at v2 after the copy is migrated again, nothing lost', () => {
    copyFixture('store-v2', kit.dir);
    const v2Index = fs.readFileSync(kit.path('index.json'), 'utf8');
    kit.open().close();
    // As if the process died after the copy, before the index was written.
    fs.writeFileSync(kit.path('index.json'), v2Index);

    const store = kit.open();
    expect(store.migrations()).toEqual([expect.objectContaining({ from: 2, to: 3 })]);
    expect(store.list()).toHaveLength(4);
    expect(store.problems()).toEqual([]);
    expect(store.get('c-first-v2')?.messages).toEqual(
      fixture('conversations', 'c-first-v2.json').messages.map(asText),
    );
    // Conversation files still at v2 are migrated on read, their copy already in a backup.
    const backups = fs.readdirSync(kit.path('backups'));
    store.appendMessage('c-first-v2', kit.message('user', 'More'));
    expect(fs.readdirSync(kit.path('backups'))).toEqual(backups);
    expect(kit.readJson('conversations', 'c-first-v2.json')).toMatchObject({
      schemaVersion: 3,
      pinned: true,
    });
  });

  it('migrates a lone v2 file met later, after copying it', () => {
    const store = kit.open();
    kit.seed(store, 'hello');
    store.close();
    const v2 = fs.readFileSync(path.resolve('tests/fixtures/store-v2/conversations/c-think-v2.json'), 'utf8');
    fs.writeFileSync(kit.path('conversations', 'c-think-v2.json'), v2);

    const reopened = kit.open();
    expect(reopened.migrations()).toEqual([]);
    const listed = reopened.list().find((s) => s.id === 'c-think-v2');
    expect(listed).toMatchObject({ title: 'Is 9.11 bigger than 9.9?', messageCount: 2 });
    const [backup] = fs.readdirSync(kit.path('backups')).filter((f) => f.startsWith('before-v3-'));
    expect(fs.readFileSync(kit.path('backups', backup!, 'conversations', 'c-think-v2.json'), 'utf8')).toBe(
      v2,
    );
    reopened.appendMessage('c-think-v2', kit.message('user', 'And now?'));
    const file = kit.readJson('conversations', 'c-think-v2.json') as {
      schemaVersion: number;
      messages: Message[];
    };
    expect(file.schemaVersion).toBe(3);
    expect(file.messages[1]?.parts.map((p) => p.type)).toEqual(['reasoning', 'text']);
  });
});

describe('a part of a kind from a newer version', () => {
  it('keeps the file read-only and reports it, as a newer file: never rewritten, set aside or searched', async () => {
    const first = kit.open();
    const a = kit.seed(first, 'Call a tool', 'Calling it');
    const b = kit.seed(first, 'Ordinary question');
    first.close();
    const file = kit.path('conversations', `${a}.json`);
    const data = kit.readJson('conversations', `${a}.json`) as { messages: { parts: object[] }[] };
    data.messages[1]!.parts.push({ type: 'hologram', id: 'c1', name: 'weather', arguments: '{}' });
    fs.writeFileSync(file, JSON.stringify(data));
    const bytes = fs.readFileSync(file, 'utf8');

    const onProblem = vi.fn();
    const store = kit.open({ onProblem });
    expect(store.list().map((s) => s.id)).toContain(a);
    expect(store.get(a)).toBeUndefined();
    expect(store.problems()).toEqual([
      expect.objectContaining({
        file,
        movedTo: file,
        reason: expect.stringMatching(
          /part of kind "hologram", made by a newer version of the app.*update the app/,
        ),
      }),
    ]);
    expect(onProblem).toHaveBeenCalledTimes(1);
    expect(() => store.appendMessage(a, kit.message('user', 'x'))).toThrow(/newer version/);
    expect(await store.search('calling it')).toEqual([]);
    expect(store.get(b)?.messages).toHaveLength(1);
    store.appendMessage(b, kit.message('assistant', 'unaffected'));
    store.close();
    expect(fs.readFileSync(file, 'utf8')).toBe(bytes);
    expect(fs.readdirSync(kit.path('conversations')).filter((f) => f.includes('corrupt'))).toEqual([]);
  });
});

describe('reasoning effort per conversation', () => {
  it('is set and cleared on the summary and in the file, and survives a reopen and a lost index', () => {
    const store = kit.open();
    const id = kit.seed(store, 'Think hard about this');
    const onDisk = () =>
      (kit.readJson('conversations', `${id}.json`) as { reasoningEffort?: string }).reasoningEffort;

    expect(store.setReasoningEffort(id, 'high')).toMatchObject({ id, reasoningEffort: 'high' });
    expect(store.list()[0]?.reasoningEffort).toBe('high');
    expect(store.get(id)?.reasoningEffort).toBe('high');
    expect(onDisk()).toBe('high');
    // A later change to the messages keeps it.
    store.appendMessage(id, kit.message('assistant', 'Done'));
    expect(onDisk()).toBe('high');
    store.close();

    expect(kit.open().list()[0]?.reasoningEffort).toBe('high');
    fs.rmSync(kit.path('index.json'));
    const rebuilt = kit.open();
    expect(rebuilt.list()[0]).toMatchObject({ id, reasoningEffort: 'high', title: 'Think hard about this' });

    const cleared = rebuilt.setReasoningEffort(id, null);
    expect(cleared).not.toHaveProperty('reasoningEffort');
    expect(onDisk()).toBeUndefined();
    expect(() => rebuilt.setReasoningEffort('no-such-id', 'low')).toThrow(/no longer exists/);
  });
});

describe('rolling backups from before the upgrade', () => {
  it('a v2 copy still restores a damaged v3 index, brought up to date', () => {
    copyFixture('store-v2', kit.dir);
    const v2Index = fs.readFileSync(kit.path('index.json'), 'utf8');
    kit.open().close();
    // A rolling backup taken while the folder was still v2, then the (v3) index is damaged.
    const rolling = kit.path('backups', 'rolling', '2025-08-01T00-00-00-000Z');
    fs.mkdirSync(rolling, { recursive: true });
    fs.writeFileSync(path.join(rolling, 'index.json'), v2Index);
    fs.writeFileSync(kit.path('index.json'), '{"schemaVersion": 3, "conv');

    const store = kit.open();
    expect(store.problems()[0]?.recovery).toMatch(/restored from the backup/);
    expect(store.list().find((s) => s.id === 'c-second-v2')).toMatchObject({
      title: 'Quantisation, briefly',
      titleEdited: true,
    });
    expect(
      store
        .trashList()
        .map((t) => t.id)
        .sort(),
    ).toEqual(['t-trashed-v2', 't-turns-v2']);
    expect(kit.readJson('index.json')).toMatchObject({ schemaVersion: 3 });
  });
});
