import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../shared/domain/library';
import { mayContain, queryTrigrams, trigramsOf } from '../../electron/services/store/search-trigrams';
import { StoreKit } from '../fixtures/store-kit';
import { textParts } from '../../shared/domain/message-content';

let kit: StoreKit;

beforeEach(() => {
  kit = new StoreKit();
});

afterEach(() => {
  kit.cleanup();
});

/** The matched text, as the UI would highlight it. */
const matched = (hit: SearchHit) => hit.snippet.slice(hit.matchStart, hit.matchStart + hit.matchLength);

/** A store with conversations on disk that the new store has not opened. */
function seeded(...conversations: string[][]) {
  const first = kit.open();
  const ids = conversations.map((texts) => kit.seed(first, ...texts));
  first.close();
  return ids;
}

describe('search', () => {
  it('finds titles and message text, case-insensitively, with a snippet around the match', async () => {
    const [gpu, cooking] = seeded(
      [
        'Which GPU for llama3?',
        'For 8B models a card with 12 GB of VRAM is comfortable; the RTX 3060 is fine.',
      ],
      ['Pasta sauce', 'Simmer tomatoes with garlic. A gpu is not required for cooking.'],
    );
    const store = kit.open();
    const hits = await store.search('gpu');
    expect(hits.map((h) => [h.conversationId, h.messageId === undefined ? 'title' : h.role])).toEqual([
      [gpu, 'title'],
      [cooking, 'assistant'],
      [gpu, 'user'],
    ]);
    for (const hit of hits) expect(matched(hit).toLowerCase()).toBe('gpu');
    expect(hits[1]).toMatchObject({
      title: 'Pasta sauce',
      snippet: expect.stringContaining('A gpu is not required'),
    });

    const vram = await store.search('VRAM IS');
    expect(vram).toHaveLength(1);
    expect(vram[0]).toMatchObject({ conversationId: gpu, role: 'assistant' });
    expect(matched(vram[0]!)).toBe('VRAM is');
    expect(await store.search('nothing like this')).toEqual([]);
    expect(await store.search('   ')).toEqual([]);
  });

  it('cuts long messages to a one-line snippet and finds special characters literally', async () => {
    const long = `${'word '.repeat(200)}the needle (a+b)*c\nin the middle ${'more '.repeat(200)}`;
    seeded(['Long one', long]);
    const store = kit.open();
    const [hit] = await store.search('(a+b)*c in');
    expect(hit!.snippet.length).toBeLessThan(160);
    expect(hit!.snippet.startsWith('…')).toBe(true);
    expect(hit!.snippet.endsWith('…')).toBe(true);
    expect(hit!.snippet).not.toContain('\n');
    expect(matched(hit!)).toBe('(a+b)*c in');
  });

  it('ranks titles first, then messages in list order (pinned, then recent), and respects the limit', async () => {
    let now = 1_000;
    const first = kit.open({ now: () => (now += 10) });
    const old = kit.seed(
      first,
      'Quantisation basics',
      'Q4 is smaller. Q8 is closer to the original. Q5 is between.',
    );
    const recent = kit.seed(first, 'Unrelated title', 'Talk about quantisation here.');
    const pinned = kit.seed(first, 'Another', 'quantisation again');
    first.setPinned(pinned, true);
    first.close();
    const store = kit.open();

    const hits = await store.search('quantisation');
    expect(hits.map((h) => h.conversationId)).toEqual([old, pinned, recent, old]);
    expect(hits[0]?.messageId).toBeUndefined();
    expect(await store.search('quantisation', { limit: 2 })).toEqual(hits.slice(0, 2));

    // At most three hits per conversation, one per message.
    const many = kit.seed(store, ...Array.from({ length: 8 }, (_, i) => `token ${i} token token`));
    const tokenHits = (await store.search('token')).filter((h) => h.conversationId === many && h.messageId);
    expect(tokenHits).toHaveLength(3);
    expect(new Set(tokenHits.map((h) => h.messageId)).size).toBe(3);
  });

  it('stays current after append, streaming update, remove, rename, trash, restore and import', async () => {
    const [a] = seeded(['Alpha conversation', 'first reply']);
    const store = kit.open();
    expect(await store.search('zebra')).toEqual([]);

    store.appendMessage(a!, kit.message('user', 'Tell me about the zebra'));
    expect((await store.search('zebra')).map((h) => h.role)).toEqual(['user']);

    const reply = kit.message('assistant', '', { status: 'streaming' });
    store.appendMessage(a!, reply);
    store.updateMessage(a!, { ...reply, parts: textParts('Zebras have stripes') }, 'checkpoint');
    expect((await store.search('stripes')).map((h) => h.messageId)).toEqual([reply.id]);
    store.removeMessage(a!, reply.id);
    expect(await store.search('stripes')).toEqual([]);

    store.rename(a!, 'Savanna animals');
    const [titleHit] = await store.search('savanna');
    expect(titleHit?.conversationId).toBe(a);
    expect(titleHit?.messageId).toBeUndefined();

    const item = store.moveToTrash(a!)!;
    expect(await store.search('zebra')).toEqual([]);
    store.restore(item.id);
    expect(await store.search('zebra')).toHaveLength(1);

    const exported = await store.export([a!], 'json');
    const report = store.import(exported.content.replace('Tell me about the zebra', 'An okapi, then'));
    const copy = report.imported[0]!.id;
    expect((await store.search('okapi')).map((h) => h.conversationId)).toEqual([copy]);
  });

  it('reads each file once to build the index, then never again on a query', async () => {
    const ids = seeded(['one', 'alpha'], ['two', 'beta'], ['three', 'gamma']);
    const store = kit.open();
    kit.opened.length = 0;
    kit.searchReads.length = 0;

    await store.search('beta');
    expect(kit.searchReads.map((f) => f.split('/').pop()).sort()).toEqual(
      ids.map((id) => `${id}.json`).sort(),
    );
    for (const query of ['alpha', 'gamma', 'ALPHA', 'one']) await store.search(query);
    store.appendMessage(ids[0]!, kit.message('assistant', 'delta'));
    expect((await store.search('delta')).length).toBe(1);
    expect(kit.searchReads).toHaveLength(3);
    // Only appending opened a conversation file (to write it); no query opened one.
    expect(kit.opened).toEqual([`conversations/${ids[0]}`]);
  });

  it('matches accents, other scripts, emoji and short queries case-insensitively', async () => {
    seeded(['Cafés', 'Die ÉCOLE in Zürich 🙂 日本語のテキスト ok']);
    const store = kit.open();
    for (const [query, expected] of [
      ['école', 'ÉCOLE'],
      ['zÜRICH', 'Zürich'],
      ['🙂', '🙂'],
      ['日本語', '日本語'],
      ['OK', 'ok'],
    ] as const) {
      const hits = (await store.search(query)).filter((h) => h.messageId);
      expect(hits.map(matched), query).toEqual([expected]);
    }
  });

  it('never skips a conversation that holds the query (trigram filter)', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const alphabet = 'abcXYZ é\n\t.-_0Q🙂ſK';
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 20 + Math.floor(random() * 3000) }, () =>
        alphabet.charAt(Math.floor(random() * alphabet.length)),
      ).join('');
      const start = Math.floor(random() * (text.length - 10));
      const query = text
        .slice(start, start + 3 + Math.floor(random() * 8))
        .split('')
        .map((c) => (random() < 0.5 ? c.toUpperCase() : c))
        .join('');
      if (!new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i').test(text)) continue;
      expect(mayContain(trigramsOf(text), queryTrigrams(query.trim().split(/\s+/))), query).toBe(true);
    }
    expect(mayContain(trigramsOf('hello world'), queryTrigrams(['zebra']))).toBe(false);
  });

  it('answers titles at once, before the message index is built', () => {
    seeded(['Rust lifetimes', 'borrow checker']);
    const store = kit.open();
    expect(store.searchNow('rust').map((h) => h.title)).toEqual(['Rust lifetimes']);
    expect(store.searchNow('borrow')).toEqual([]);
    expect(kit.searchReads).toEqual([]);
  });

  it('builds the index in batches, letting other work run in between', async () => {
    const first = kit.open();
    for (let i = 0; i < 80; i++) kit.seed(first, `Conversation ${i}`, `needle number ${i}`);
    first.close();
    const store = kit.open();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      const hits = await store.search('needle', { limit: 500 });
      expect(hits).toHaveLength(80);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(1);
  });
});
