import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StoreKit, textOf } from '../fixtures/store-kit';
import { textParts } from '../../shared/domain/message-content';

let kit: StoreKit;

beforeEach(() => {
  kit = new StoreKit();
});

afterEach(() => {
  vi.restoreAllMocks();
  kit.cleanup();
});

const trashFiles = () => (fs.existsSync(kit.path('trash')) ? fs.readdirSync(kit.path('trash')).sort() : []);

describe('trash', () => {
  it('delete → in the trash → restore gives the same conversation → delete again → empty → gone from disk', () => {
    let now = 1_000;
    const onTrash = vi.fn();
    const store = kit.open({ now: () => (now += 10) });
    store.onTrashChanged(onTrash);
    const id = kit.seed(store, 'What is RoPE scaling?', 'A way to stretch the context window.');
    store.setBackend(id, { profileId: 'p1', chosenModel: 'qwen' });
    store.rename(id, 'RoPE notes');
    store.setPinned(id, true);
    const other = kit.seed(store, 'Another one');
    const before = store.get(id)!;

    const item = store.moveToTrash(id)!;
    expect(item).toEqual({
      id: item.id,
      kind: 'conversation',
      conversationId: id,
      title: 'RoPE notes',
      deletedAt: expect.any(Number),
      messageCount: 2,
    });
    expect(onTrash).toHaveBeenCalledTimes(1);
    expect(store.trashList()).toEqual([item]);
    expect(store.list().map((s) => s.id)).toEqual([other]);
    expect(store.get(id)).toBeUndefined();
    expect(fs.existsSync(kit.path('conversations', `${id}.json`))).toBe(false);
    expect(trashFiles()).toEqual([`${item.id}.json`]);
    expect(kit.readJson('index.json')).toMatchObject({ trash: { [item.id]: { conversationId: id } } });

    const restored = store.restore(item.id);
    expect(restored).toEqual((({ messages: _m, ...summary }) => summary)(before) as typeof restored);
    expect(store.get(id)).toEqual(before);
    expect(store.trashList()).toEqual([]);
    expect(trashFiles()).toEqual([]);
    expect(store.list()[0]?.id).toBe(id); // still pinned first

    const again = store.moveToTrash(id)!;
    expect(store.emptyTrash()).toBe(1);
    expect(store.trashList()).toEqual([]);
    expect(trashFiles()).toEqual([]);
    expect(fs.existsSync(kit.path('conversations', `${id}.json`))).toBe(false);
    expect(() => store.restore(again.id)).toThrow(/no longer in the trash/);
    expect(store.emptyTrash()).toBe(0);
    expect(onTrash).toHaveBeenCalledTimes(4);
  });

  it('purges one item for good and leaves the rest', () => {
    const store = kit.open();
    const a = store.moveToTrash(kit.seed(store, 'a'))!;
    const b = store.moveToTrash(kit.seed(store, 'b'))!;
    expect(store.purge(a.id)).toBe(true);
    expect(store.purge(a.id)).toBe(false);
    expect(store.trashList().map((t) => t.id)).toEqual([b.id]);
    expect(trashFiles()).toEqual([`${b.id}.json`]);
    expect(store.restore(b.id).title).toBe('b');
  });

  it('undo works after a restart: the trash survives reopening', () => {
    const first = kit.open();
    const id = kit.seed(first, 'Survive a restart', 'I will.');
    const messages = first.get(id)!.messages;
    const item = first.moveToTrash(id)!;
    first.close();

    const second = kit.open();
    expect(second.trashList()).toEqual([item]);
    expect(second.list()).toEqual([]);
    second.restore(item.id);
    expect(second.get(id)?.messages).toEqual(messages);
    expect(second.problems()).toEqual([]);
  });

  it('keeps the latest checkpointed text of a conversation deleted while a reply streams', () => {
    const store = kit.open({ checkpointMs: 60_000 });
    const id = kit.seed(store, 'Stream please');
    const reply = kit.message('assistant', '', { status: 'streaming' });
    store.appendMessage(id, reply);
    store.updateMessage(id, { ...reply, parts: textParts('partial text') }, 'checkpoint');
    const item = store.moveToTrash(id)!;
    expect(() => store.updateMessage(id, { ...reply, parts: textParts('late') }, 'checkpoint')).toThrow(
      /no longer exists/,
    );
    store.restore(item.id);
    expect(textOf(store.get(id)?.messages[1])).toBe('partial text');
  });

  it('unknown ids: nothing to move, nothing to restore', () => {
    const store = kit.open();
    expect(store.moveToTrash('nope')).toBeUndefined();
    expect(store.moveToTrash('../index')).toBeUndefined();
    expect(() => store.restore('../index')).toThrow(/no longer in the trash/);
    expect(store.purge('missing')).toBe(false);
    // Listed, but its file vanished behind the app's back: dropped, nothing to move.
    const gone = kit.seed(store, 'vanishing');
    store.close();
    const reopened = kit.open();
    fs.rmSync(kit.path('conversations', `${gone}.json`));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(reopened.list().map((s) => s.id)).toEqual([gone]);
    expect(reopened.moveToTrash(gone)).toBeUndefined();
    expect(reopened.list()).toEqual([]);
    expect(reopened.trashList()).toEqual([]);
  });
});

describe('edit and resend', () => {
  it('replaces the turns from a user message on, and keeps the old ones recoverable until emptied', () => {
    const store = kit.open();
    const id = kit.seed(store, 'First question', 'First answer', 'Second question', 'Second answer');
    const before = store.get(id)!;
    const second = before.messages[2]!;

    const { trashId, removed } = store.replaceTurnsFrom(id, second.id);
    expect(removed).toEqual(before.messages.slice(2));
    expect(store.get(id)?.messages).toEqual(before.messages.slice(0, 2));
    expect((kit.readJson('conversations', `${id}.json`) as { messages: unknown[] }).messages).toHaveLength(2);
    expect(store.list()[0]).toMatchObject({ id, messageCount: 2, title: 'First question' });
    expect(store.trashList()).toEqual([
      expect.objectContaining({ id: trashId, kind: 'turns', conversationId: id, messageCount: 2 }),
    ]);

    // The conversation goes on with the edited message.
    store.appendMessage(id, kit.message('user', 'Second question, edited'));

    // Restoring gives the conversation as it was before the edit, as a new conversation.
    const copy = store.restore(trashId);
    expect(copy.id).not.toBe(id);
    expect(copy).toMatchObject({
      title: 'First question (earlier version)',
      titleEdited: true,
      messageCount: 4,
    });
    expect(store.get(copy.id)?.messages).toEqual(before.messages);
    expect(store.get(id)?.messages.map((m) => textOf(m))).toEqual([
      'First question',
      'First answer',
      'Second question, edited',
    ]);
    expect(store.trashList()).toEqual([]);
  });

  it('editing the first message retitles an automatically titled conversation, and emptying loses the old turns', () => {
    const store = kit.open();
    const id = kit.seed(store, 'Typo questoin', 'Answer');
    const first = store.get(id)!.messages[0]!;
    store.replaceTurnsFrom(id, first.id);
    expect(store.get(id)).toMatchObject({ title: 'New chat', messageCount: 0 });
    store.appendMessage(id, kit.message('user', 'Typo question'));
    expect(store.get(id)?.title).toBe('Typo question');
    expect(store.emptyTrash()).toBe(1);
    expect(trashFiles()).toEqual([]);
  });

  it('refuses assistant messages and unknown ids without changing anything', () => {
    const store = kit.open();
    const id = kit.seed(store, 'Q', 'A');
    const before = kit.snapshot();
    const answer = store.get(id)!.messages[1]!;
    expect(() => store.replaceTurnsFrom(id, answer.id)).toThrow(/Only your own messages/);
    expect(() => store.replaceTurnsFrom(id, 'missing')).toThrow(/no longer in the conversation/);
    expect(() => store.replaceTurnsFrom('missing', 'm1')).toThrow(/no longer exists/);
    expect(kit.snapshot()).toEqual(before);
    expect(store.trashList()).toEqual([]);
  });
});

describe('rename and pin', () => {
  it('renames (the title then stays), rejects an empty title, pins first; all durable at once', () => {
    let now = 100;
    const store = kit.open({ now: () => (now += 10) });
    const a = kit.seed(store, 'Alpha');
    const b = kit.seed(store, 'Beta');
    expect(store.list().map((s) => s.id)).toEqual([b, a]);

    expect(store.rename(a, '  My   notes ')).toMatchObject({ title: 'My notes', titleEdited: true });
    store.appendMessage(a, kit.message('assistant', 'more'));
    expect(store.get(a)?.title).toBe('My notes');
    try {
      store.rename(a, '   ');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        userError: { code: 'invalid-input', fields: { title: expect.any(String) } },
      });
    }
    expect(() => store.rename('missing', 'x')).toThrow(/no longer exists/);

    expect(store.setPinned(a, true)).toMatchObject({ pinned: true });
    expect(store.list().map((s) => s.id)).toEqual([a, b]);
    expect(kit.readJson('index.json')).toMatchObject({
      conversations: { [a]: { pinned: true, title: 'My notes' } },
    });

    const reopened = kit.open();
    expect(reopened.list().map((s) => [s.id, s.title, s.pinned])).toEqual([
      [a, 'My notes', true],
      [b, 'Beta', undefined],
    ]);
    expect(reopened.setPinned(a, false).pinned).toBeUndefined();
    expect(reopened.list().map((s) => s.id)[0]).toBe(a); // most recently updated
  });
});

describe('crash between the index write and the file move', () => {
  it('finishes a move to the trash whose rename did not happen', () => {
    const first = kit.open();
    const id = kit.seed(first, 'Half deleted');
    const item = first.moveToTrash(id)!;
    first.close();
    // As if the process died after writing the index, before the rename.
    fs.renameSync(kit.path('trash', `${item.id}.json`), kit.path('conversations', `${id}.json`));

    const store = kit.open();
    expect(store.list()).toEqual([]);
    expect(store.trashList()).toEqual([item]);
    expect(trashFiles()).toEqual([`${item.id}.json`]);
    expect(store.restore(item.id).title).toBe('Half deleted');
    expect(store.problems()).toEqual([]);
  });

  it('finishes a restore whose rename did not happen', () => {
    const first = kit.open();
    const id = kit.seed(first, 'Half restored');
    const item = first.moveToTrash(id)!;
    first.restore(item.id);
    first.close();
    // As if the process died after writing the index, before the rename back.
    fs.renameSync(kit.path('conversations', `${id}.json`), kit.path('trash', `${item.id}.json`));

    const store = kit.open();
    expect(textOf(store.get(id)?.messages[0])).toBe('Half restored');
    expect(store.trashList()).toEqual([]);
    expect(trashFiles()).toEqual([]);
  });

  it('lists a trash file the index does not know in the trash again, never deleting it on a guess', () => {
    const first = kit.open();
    const purged = kit.seed(first, 'Purge interrupted');
    const item = first.moveToTrash(purged)!;
    const edited = kit.seed(first, 'Edit interrupted', 'Answer');
    first.close();
    // A purge that wrote the index but did not delete the file…
    const index = kit.readJson('index.json') as { trash: Record<string, unknown> };
    delete index.trash[item.id];
    fs.writeFileSync(kit.path('index.json'), JSON.stringify(index));
    // …and an edit that wrote its copy of the old turns but not the index.
    fs.copyFileSync(kit.path('conversations', `${edited}.json`), kit.path('trash', 'turns-copy.json'));

    const store = kit.open();
    expect(store.trashList()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: item.id, kind: 'conversation', conversationId: purged }),
        expect.objectContaining({ id: 'turns-copy', kind: 'turns', conversationId: edited, messageCount: 2 }),
      ]),
    );
    expect(store.restore(item.id).title).toBe('Purge interrupted');
    expect(store.restore('turns-copy').title).toBe('Edit interrupted (earlier version)');
    expect(store.get(edited)?.messages).toHaveLength(2);
    expect(store.problems()).toEqual([]);
  });
});
