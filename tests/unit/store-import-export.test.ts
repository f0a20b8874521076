import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyValueFile, OpenStore, OpenStoreOptions } from '../../electron/services/store/kv-store';
import { openConfStore } from '../../electron/services/store/open-conf-store';
import type { ConversationStore } from '../../electron/services/store/conversation-store';
import { StoreKit, textOf } from '../fixtures/store-kit';
import { textParts } from '../../shared/domain/message-content';

let kit: StoreKit;
let other: StoreKit;

beforeEach(() => {
  kit = new StoreKit();
  other = new StoreKit();
});

afterEach(() => {
  kit.cleanup();
  other.cleanup();
});

/** A few conversations with everything a summary and a message can carry. */
function library(store: ConversationStore) {
  const plain = kit.seed(store, 'How big is a 7B model in Q4?', 'About 4 GB.');
  const named = kit.seed(store, 'Untitled thoughts');
  store.rename(named, 'Ideas for the demo');
  store.setPinned(named, true);
  const rich = store.create().id;
  store.setBackend(rich, { profileId: 'p-lite', chosenModel: 'my-finetune' });
  store.setReasoningEffort(rich, 'low');
  store.appendMessage(rich, kit.message('system', 'Answer in French.'));
  store.appendMessage(rich, kit.message('user', 'Bonjour ?'));
  store.appendMessage(
    rich,
    kit.message('assistant', 'Bonjour ! Comment puis-je', {
      status: 'incomplete',
      model: 'my-finetune',
      profileId: 'p-lite',
      profileName: 'LiteLLM',
      finishReason: 'length',
      usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
      error: { code: 'incomplete', message: 'The reply was cut off.', fix: 'Continue it.', retryable: true },
    }),
  );
  return { plain, named, rich };
}

const withoutExportTime = (json: string) => json.replace(/"exportedAt": "[^"]+"/, '"exportedAt": "…"');

describe('export and import', () => {
  it('round-trips JSON: a fresh store imports the same conversations, and exports the same file', async () => {
    const source = kit.open();
    const { plain, named, rich } = library(source);
    const exported = await source.export(undefined, 'json');
    expect(exported.mimeType).toBe('application/json');

    const target = other.open();
    const report = target.import(exported.content);
    expect(report).toEqual({ imported: expect.any(Array), renamed: 0 });
    expect(report.imported.map((s) => s.id).sort()).toEqual([plain, named, rich].sort());
    for (const id of [plain, named, rich]) expect(target.get(id)).toEqual(source.get(id));
    expect(target.list()).toEqual(source.list());
    expect(withoutExportTime((await target.export(undefined, 'json')).content)).toBe(
      withoutExportTime(exported.content),
    );

    // And after a restart.
    target.close();
    const reopened = other.open();
    expect(reopened.get(rich)).toEqual(source.get(rich));
    expect(reopened.problems()).toEqual([]);
  });

  it('exports the chosen conversations as a readable Markdown transcript', async () => {
    const store = kit.open();
    const { plain, rich } = library(store);
    const file = await store.export([rich, plain], 'markdown');
    expect(file.filename).toMatch(/^local-llm-desk-conversations-\d{4}-\d\d-\d\d\.md$/);
    expect(file.content).toContain('## Bonjour ?');
    expect(file.content).toContain('### User ·');
    expect(file.content).toContain('### Assistant · my-finetune via LiteLLM ·');
    expect(file.content).toContain('· incomplete\n\nBonjour ! Comment puis-je');
    expect(file.content).toContain('## How big is a 7B model in Q4?');
    expect(file.content).not.toContain('Ideas for the demo');
    expect(file.content.indexOf('Bonjour')).toBeLessThan(file.content.indexOf('How big'));

    const one = await store.export([plain], 'markdown');
    expect(one.filename).toBe('how-big-is-a-7b-model-in-q4.md');
    await expect(store.export([plain, 'gone'], 'json')).rejects.toThrow(/no longer exists/);
  });

  it('gives conversations whose id is in use a fresh id, and never touches the originals', async () => {
    const store = kit.open();
    const { plain, named } = library(store);
    const exported = await store.export([plain, named], 'json');
    store.appendMessage(plain, kit.message('user', 'Changed since the export'));
    const inTrash = store.moveToTrash(named)!;
    const before = kit.snapshot();

    const report = store.import(exported.content);
    expect(report.renamed).toBe(2);
    expect(report.skipped).toBeUndefined();
    const ids = report.imported.map((s) => s.id);
    expect(ids).not.toContain(plain);
    expect(ids).not.toContain(named); // in the trash, so still taken
    expect(report.imported.map((s) => s.title).sort()).toEqual([
      'How big is a 7B model in Q4?',
      'Ideas for the demo',
    ]);
    for (const [file, text] of Object.entries(before)) {
      if (file !== 'index.json') expect(fs.readFileSync(kit.path(file), 'utf8')).toBe(text);
    }
    expect(store.get(plain)?.messages).toHaveLength(3);
    expect(store.restore(inTrash.id).id).toBe(named);
    expect(store.list()).toHaveLength(5);
  });

  it('skips conversations identical to one already here, and says so', async () => {
    const store = kit.open();
    library(store);
    const exported = await store.export(undefined, 'json');
    store.flush();
    const before = kit.snapshot();
    expect(store.import(exported.content)).toEqual({ imported: [], renamed: 0, skipped: 3 });
    expect(kit.snapshot()).toEqual(before);
  });

  it('rejects bad files with the reason and changes nothing', async () => {
    const store = kit.open();
    library(store);
    const valid = (await store.export(undefined, 'json')).content;
    const broken = JSON.parse(valid) as { conversations: { messages: { role: string }[] }[] };
    broken.conversations[1]!.messages[0]!.role = 'robot';
    const before = kit.snapshot();
    const cases: [string, RegExp][] = [
      ['Just some notes, not JSON at all.', /not JSON/],
      [valid.slice(0, valid.length - 200), /truncated/],
      [JSON.stringify({ conversations: [] }), /no "format": "local-llm-desk\/conversations" marker/],
      [valid.replace('"version": 2', '"version": 99'), /newer version of the app.*Update the app/],
      [JSON.stringify(broken), /conversation 2 \(".*"\): messages\.0\.role/],
    ];
    for (const [text, why] of cases) {
      try {
        store.import(text);
        expect.unreachable(`accepted: ${text.slice(0, 40)}`);
      } catch (error) {
        expect(error).toMatchObject({
          userError: { code: 'invalid-input', message: expect.stringMatching(why) },
        });
      }
    }
    expect(kit.snapshot()).toEqual(before);
    expect(store.list()).toHaveLength(3);
  });

  it('imports a real version 1 export (written by the app before parts) with every message in parts', async () => {
    const v1 = fs.readFileSync(path.resolve('tests/fixtures/conversations-export-v1.json'), 'utf8');
    const source = JSON.parse(v1) as {
      version: number;
      conversations: { id: string; title: string; messages: { id: string; content: string }[] }[];
    };
    expect(source.version).toBe(1);
    const store = kit.open();
    const report = store.import(v1);
    expect(report.imported.map((s) => s.title)).toEqual(source.conversations.map((c) => c.title));
    for (const conversation of source.conversations) {
      const got = store.get(conversation.id);
      expect(got?.messages.map((m) => m.id)).toEqual(conversation.messages.map((m) => m.id));
      got?.messages.forEach((m, i) => {
        const content = conversation.messages[i]!.content;
        if (content.startsWith('<think>')) {
          expect(m.parts.map((p) => p.type)).toEqual(['reasoning', 'text']);
          expect(textOf(m)).toBe('No: 9.9 is bigger.');
        } else expect(m.parts).toEqual(textParts(content));
      });
    }
    // Exported again, it is version 2 and imports as the same conversations.
    const again = JSON.parse((await store.export(undefined, 'json')).content) as { version: number };
    expect(again.version).toBe(2);
  });

  it('refuses a file with a part kind from a newer version, and imports nothing of it', async () => {
    const store = kit.open();
    library(store);
    const file = JSON.parse((await store.export(undefined, 'json')).content) as {
      conversations: { id: string; messages: { parts: object[] }[] }[];
    };
    for (const c of file.conversations) c.id = `${c.id}-copy`;
    file.conversations.at(-1)!.messages[0]!.parts.push({ type: 'hologram', id: 'x1', output: '42' });
    const before = kit.snapshot();
    expect(() => store.import(JSON.stringify(file))).toThrow(/newer version of the app\. Update the app/);
    expect(kit.snapshot()).toEqual(before);
    expect(store.list()).toHaveLength(3);
  });

  it('rolls back files already written when a later write fails', async () => {
    const source = kit.open();
    library(source);
    const exported = (await source.export(undefined, 'json')).content;

    let writes = 0;
    const failing: OpenStore = <T extends Record<string, unknown>>(
      options: OpenStoreOptions<T>,
    ): KeyValueFile<T> => {
      const inner = openConfStore(options);
      return {
        get path() {
          return inner.path;
        },
        get store() {
          return inner.store;
        },
        set store(value: T) {
          if (options.cwd.endsWith('conversations') && ++writes === 2) throw new Error('ENOSPC: disk full');
          inner.store = value;
        },
      };
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-rollback-'));
    try {
      const { ConversationStore } = await import('../../electron/services/store/conversation-store');
      const target = ConversationStore.open({ dir, openStore: failing });
      expect(() => target.import(exported)).toThrow(/ENOSPC/);
      expect(target.list()).toEqual([]);
      expect(fs.readdirSync(path.join(dir, 'conversations'))).toEqual([]);
      target.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
