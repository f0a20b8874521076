import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StoreKit } from '../fixtures/store-kit';

let kit: StoreKit;

beforeEach(() => {
  kit = new StoreKit();
});

afterEach(() => {
  vi.restoreAllMocks();
  kit.cleanup();
});

describe('startup', () => {
  it('reads the index only, however many conversations and trash items there are', () => {
    const first = kit.open();
    const ids = Array.from({ length: 30 }, (_, i) => kit.seed(first, `Conversation ${i}`, `Reply ${i}`));
    first.moveToTrash(ids[0]!);
    first.replaceTurnsFrom(ids[1]!, first.get(ids[1]!)!.messages[0]!.id);
    first.close();
    kit.opened.length = 0;

    const store = kit.open();
    expect(kit.opened).toEqual([`${path.basename(kit.dir)}/index`]);
    expect(kit.searchReads).toEqual([]);
    expect(store.list()).toHaveLength(29);
    expect(store.trashList()).toHaveLength(2);
    // Opening one conversation reads that one file.
    store.get(ids[5]!);
    expect(kit.opened.slice(1)).toEqual([`conversations/${ids[5]}`]);
  });

  it('moves a damaged conversation file aside, reports it with its path, and leaves the rest working', async () => {
    const first = kit.open();
    const damaged = kit.seed(first, 'Damaged one', 'gone');
    const fine = kit.seed(first, 'Fine one', 'still searchable');
    const trashed = first.moveToTrash(kit.seed(first, 'In the trash'))!;
    first.close();
    const file = kit.path('conversations', `${damaged}.json`);
    fs.writeFileSync(file, '{"schemaVersion":2,"id":"');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const onProblem = vi.fn();

    const store = kit.open({ onProblem });
    expect(store.list()).toHaveLength(2); // listed until opened: startup does not read it
    expect(await store.search('searchable')).toEqual([expect.objectContaining({ conversationId: fine })]);
    expect(store.get(damaged)).toBeUndefined();
    const [problem] = store.problems();
    expect(problem).toMatchObject({
      file,
      reason: expect.stringMatching(/JSON/),
      recovery: expect.stringMatching(/moved aside/),
    });
    expect(onProblem).toHaveBeenCalledWith(problem);
    expect(path.basename(problem!.movedTo)).toMatch(new RegExp(`^${damaged}\\.corrupt-.+\\.json$`));
    expect(fs.readFileSync(problem!.movedTo, 'utf8')).toBe('{"schemaVersion":2,"id":"');
    expect(store.list().map((s) => s.id)).toEqual([fine]);
    expect(store.get(fine)?.messages).toHaveLength(2);
    expect(store.restore(trashed.id).title).toBe('In the trash');
    store.close();

    const again = kit.open();
    expect(again.problems()).toEqual([]);
    expect(again.list()).toHaveLength(2);
  });

  it('removes temporary files that killed writes left behind, once they are stale', () => {
    kit.open().close();
    const stale = kit.path('conversations', 'abc.json.tmp-1234567890abcdef');
    const fresh = kit.path('conversations', 'def.json.tmp-1234567890fedcba');
    fs.writeFileSync(stale, '{"half');
    fs.writeFileSync(fresh, '{"half');
    const old = new Date(Date.now() - 3_600_000);
    fs.utimesSync(stale, old, old);
    const store = kit.open();
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(store.problems()).toEqual([]);
  });

  it('moves a damaged trash file aside when it is restored, and drops it from the trash', () => {
    const first = kit.open();
    const { id: trashId } = first.moveToTrash(kit.seed(first, 'x'))!;
    first.close();
    // A conversation's own file in the trash is renamed back; a damaged one is caught when opened.
    fs.writeFileSync(kit.path('trash', `${trashId}.json`), 'garbage');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = kit.open();
    const [item] = store.trashList();
    expect(item?.id).toBe(trashId);
    const conversationId = store.restore(trashId).id;
    expect(store.get(conversationId)).toBeUndefined();
    expect(store.problems()[0]?.file).toBe(kit.path('conversations', `${conversationId}.json`));
  });
});
