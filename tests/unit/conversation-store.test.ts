import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Message } from '../../shared/domain/conversation';
import { titleFrom } from '../../shared/domain/excerpt';
import type { StoreProblem } from '../../shared/domain/store-problem';
import {
  ConversationStore,
  type ConversationStoreOptions,
} from '../../electron/services/store/conversation-store';
import type { KeyValueFile, OpenStore, OpenStoreOptions } from '../../electron/services/store/kv-store';
import { openConfStore } from '../../electron/services/store/open-conf-store';
import { answerText, textParts } from '../../shared/domain/message-content';
import { textOf } from '../fixtures/store-kit';

let dir: string;
let stores: ConversationStore[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conversation-store-'));
  stores = [];
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const store of stores) {
    try {
      store.close();
    } catch {
      // a test may have left writes failing on purpose
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** openConfStore, counting `store` assignments (whole-file writes) per file name and able to fail them. */
function instrumented() {
  const writes = new Map<string, number>();
  const opened: string[] = [];
  const control = { failWrites: false };
  const openStore: OpenStore = <T extends Record<string, unknown>>(
    options: OpenStoreOptions<T>,
  ): KeyValueFile<T> => {
    opened.push(options.name);
    const inner = openConfStore(options);
    return {
      get path() {
        return inner.path;
      },
      get store() {
        return inner.store;
      },
      set store(value: T) {
        if (control.failWrites)
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        const name = path.basename(inner.path);
        writes.set(name, (writes.get(name) ?? 0) + 1);
        inner.store = value;
      },
    };
  };
  return { openStore, writes, opened, control, count: (name: string) => writes.get(name) ?? 0 };
}

function open(options: Partial<ConversationStoreOptions> = {}): ConversationStore {
  const store = ConversationStore.open({ dir, openStore: openConfStore, ...options });
  stores.push(store);
  return store;
}

let seq = 0;
function message(role: Message['role'], content: string, extra: Partial<Message> = {}): Message {
  seq += 1;
  return {
    id: `m${seq}`,
    role,
    parts: textParts(content),
    createdAt: 1_000 + seq,
    status: 'complete',
    ...extra,
  };
}

const conversationPath = (id: string) => path.join(dir, 'conversations', `${id}.json`);
const indexPath = () => path.join(dir, 'index.json');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
const corruptFiles = (folder: string) => fs.readdirSync(folder).filter((name) => name.includes('.corrupt-'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ConversationStore', () => {
  it('creates, lists, gets and deletes conversations on disk', () => {
    const onIndexChanged = vi.fn();
    const store = open({ onIndexChanged });
    expect(store.list()).toEqual([]);

    const created = store.create();
    expect(created.title).toBe('New chat');
    expect(created.messageCount).toBe(0);
    expect(onIndexChanged).toHaveBeenCalledTimes(1);
    // Written immediately: the conversation file and the index entry.
    expect(readJson(conversationPath(created.id))).toMatchObject({
      schemaVersion: 3,
      id: created.id,
      messages: [],
    });
    expect(readJson(indexPath())).toMatchObject({
      schemaVersion: 3,
      conversations: { [created.id]: created },
    });

    expect(store.list()).toEqual([created]);
    expect(store.get(created.id)).toEqual({ ...created, messages: [] });

    expect(store.delete(created.id)).toBe(true);
    expect(onIndexChanged).toHaveBeenCalledTimes(2);
    expect(fs.existsSync(conversationPath(created.id))).toBe(false);
    expect(readJson(indexPath())).toMatchObject({ conversations: {} });
    expect(store.list()).toEqual([]);
    expect(store.get(created.id)).toBeUndefined();
    expect(store.delete(created.id)).toBe(false);
    expect(store.problems()).toEqual([]);
  });

  it('lists by updatedAt, newest first', () => {
    let now = 100;
    const store = open({ now: () => now });
    const a = store.create();
    now = 200;
    const b = store.create();
    expect(store.list().map((s) => s.id)).toEqual([b.id, a.id]);
    now = 300;
    store.appendMessage(a.id, message('user', 'hello'));
    expect(store.list().map((s) => s.id)).toEqual([a.id, b.id]);
    expect(store.list()[0]?.updatedAt).toBe(300);
  });

  it('reopens the same folder with everything in it', () => {
    const first = open();
    const a = first.create();
    const b = first.create();
    const question = message('user', 'What is a monad?');
    const answer = message('assistant', 'A monoid in the category of endofunctors.', {
      model: 'llama3.2',
      finishReason: 'stop',
      usage: { promptTokens: 5, completionTokens: 9, totalTokens: 14 },
    });
    first.appendMessage(a.id, question);
    first.appendMessage(a.id, answer);
    first.updateSettings({ baseUrl: 'http://localhost:11434/v1', model: 'llama3.2' });
    const listed = first.list();
    first.close();

    const second = open();
    expect(second.list()).toEqual(listed);
    expect(second.get(a.id)?.messages).toEqual([question, answer]);
    expect(second.get(a.id)).toMatchObject({ title: 'What is a monad?', messageCount: 2, model: 'llama3.2' });
    expect(second.get(b.id)?.messages).toEqual([]);
    expect(second.getSettings()).toEqual({ baseUrl: 'http://localhost:11434/v1', model: 'llama3.2' });
    expect(second.problems()).toEqual([]);
  });

  it('titles a new chat from its first user message, once', () => {
    const store = open();
    const { id } = store.create();
    store.appendMessage(id, message('system', 'You are terse.'));
    expect(store.get(id)?.title).toBe('New chat');
    const long =
      'Explain   the difference\nbetween TCP and UDP, with examples of when each one is the better choice';
    store.appendMessage(id, message('user', long));
    expect(store.get(id)?.title).toBe(titleFrom(long));
    expect(store.get(id)?.title.length).toBeLessThanOrEqual(60);
    store.appendMessage(id, message('user', 'And QUIC?'));
    expect(store.get(id)?.title).toBe(titleFrom(long));
    store.close();
    expect(open().list()[0]?.title).toBe(titleFrom(long));
  });

  it('keeps its own copies of messages', () => {
    const store = open();
    const { id } = store.create();
    const m = message('user', 'original');
    store.appendMessage(id, m);
    const sent = m.parts[0];
    if (sent?.type === 'text') sent.text = 'changed by the caller';
    const got = store.get(id);
    const first = got?.messages[0]?.parts[0];
    if (first?.type === 'text') first.text = 'changed by a reader';
    expect(textOf(store.get(id)?.messages[0])).toBe('original');
  });

  it('rejects messages that would make the file unreadable, and unknown targets', () => {
    const store = open();
    const { id } = store.create();
    expect(() => store.appendMessage(id, { ...message('user', 'x'), createdAt: Number.NaN })).toThrow();
    expect(() => store.updateMessage(id, message('assistant', 'x'), 'final')).toThrow(
      /no longer in the conversation/,
    );
    expect(() => store.appendMessage('unknown', message('user', 'x'))).toThrow(/no longer exists/);
    expect(store.get(id)?.messages).toEqual([]);
  });

  describe('writes', () => {
    it('writes a streaming reply at most once per checkpoint interval, not per token', () => {
      vi.useFakeTimers();
      const io = instrumented();
      const store = open({ openStore: io.openStore, checkpointMs: 1000 });
      const { id } = store.create();
      const reply = message('assistant', '', { status: 'streaming' });
      store.appendMessage(id, reply);
      const file = `${id}.json`;
      const before = io.count(file);

      for (let i = 0; i < 1000; i++) {
        reply.parts = textParts(answerText(reply) + 'x');
        store.updateMessage(id, reply, 'checkpoint');
        if (i === 0) expect(io.count(file)).toBe(before); // not written per token
        vi.advanceTimersByTime(1);
      }
      vi.advanceTimersByTime(1000);

      const written = io.count(file) - before;
      expect(written).toBeGreaterThanOrEqual(1);
      expect(written).toBeLessThanOrEqual(2);
      const onDisk = readJson(conversationPath(id)) as { messages: Message[] };
      expect(textOf(onDisk.messages[0])).toBe('x'.repeat(1000));
    });

    it('checkpoints with a small interval within that interval', async () => {
      const io = instrumented();
      const store = open({ openStore: io.openStore, checkpointMs: 50 });
      const { id } = store.create();
      const reply = message('assistant', '', { status: 'streaming' });
      store.appendMessage(id, reply);
      const before = io.count(`${id}.json`);
      for (let i = 0; i < 200; i++) {
        reply.parts = textParts(answerText(reply) + 'y');
        store.updateMessage(id, reply, 'checkpoint');
      }
      expect(io.count(`${id}.json`)).toBe(before);
      await sleep(120);
      expect(io.count(`${id}.json`)).toBe(before + 1);
      expect(textOf((readJson(conversationPath(id)) as { messages: Message[] }).messages[0])).toBe(
        'y'.repeat(200),
      );
    });

    it('writes a final update immediately and drops the pending checkpoint', () => {
      vi.useFakeTimers();
      const io = instrumented();
      const store = open({ openStore: io.openStore, checkpointMs: 1000 });
      const { id } = store.create();
      const reply = message('assistant', '', { status: 'streaming' });
      store.appendMessage(id, reply);
      reply.parts = textParts('partial');
      store.updateMessage(id, reply, 'checkpoint');
      const before = io.count(`${id}.json`);

      store.updateMessage(
        id,
        { ...reply, parts: textParts('done'), status: 'complete', finishReason: 'stop' },
        'final',
      );
      expect(io.count(`${id}.json`)).toBe(before + 1);
      expect((readJson(conversationPath(id)) as { messages: Message[] }).messages[0]).toMatchObject({
        parts: textParts('done'),
        status: 'complete',
      });
      vi.advanceTimersByTime(5000);
      expect(io.count(`${id}.json`)).toBe(before + 1);
    });

    it('appends and removes durably before returning', () => {
      const store = open();
      const { id } = store.create();
      const question = message('user', 'q');
      const failed = message('assistant', '', { status: 'failed' });
      store.appendMessage(id, question);
      store.appendMessage(id, failed);
      expect((readJson(conversationPath(id)) as { messages: Message[] }).messages).toEqual([
        question,
        failed,
      ]);
      store.removeMessage(id, failed.id);
      expect((readJson(conversationPath(id)) as { messages: Message[] }).messages).toEqual([question]);
      store.removeMessage(id, 'not-there');
      expect(store.get(id)?.messageCount).toBe(1);
    });

    it('coalesces index writes but writes create, delete and settings at once', () => {
      vi.useFakeTimers();
      const io = instrumented();
      const onIndexChanged = vi.fn();
      const store = open({ openStore: io.openStore, indexWriteDelayMs: 250, onIndexChanged });
      const { id } = store.create();
      const afterCreate = io.count('index.json');
      for (let i = 0; i < 20; i++) store.appendMessage(id, message(i % 2 ? 'assistant' : 'user', `m${i}`));
      expect(io.count('index.json')).toBe(afterCreate);
      expect(onIndexChanged.mock.calls.length).toBeGreaterThan(1); // told synchronously, written later
      vi.advanceTimersByTime(250);
      expect(io.count('index.json')).toBe(afterCreate + 1);
      expect(readJson(indexPath())).toMatchObject({ conversations: { [id]: { messageCount: 20 } } });

      store.updateSettings({ model: 'qwen' });
      expect(io.count('index.json')).toBe(afterCreate + 2);
      store.delete(id);
      expect(io.count('index.json')).toBe(afterCreate + 3);
    });

    it('records the model of the last assistant reply in the summary', () => {
      const store = open();
      const { id } = store.create();
      store.appendMessage(id, message('user', 'hi'));
      store.appendMessage(id, message('assistant', 'hello', { model: 'a' }));
      store.appendMessage(id, message('assistant', 'again', { model: 'b' }));
      expect(store.list()[0]?.model).toBe('b');
    });

    it('flushes a pending checkpoint on close', () => {
      const store = open({ checkpointMs: 60_000 });
      const { id } = store.create();
      const reply = message('assistant', '', { status: 'streaming' });
      store.appendMessage(id, reply);
      store.updateMessage(id, { ...reply, parts: textParts('so far') }, 'checkpoint');
      store.close();
      expect(textOf((readJson(conversationPath(id)) as { messages: Message[] }).messages[0])).toBe('so far');
    });

    it('does not recreate a deleted conversation from a pending checkpoint', () => {
      vi.useFakeTimers();
      const io = instrumented();
      const store = open({ openStore: io.openStore, checkpointMs: 100 });
      const { id } = store.create();
      const reply = message('assistant', '', { status: 'streaming' });
      store.appendMessage(id, reply);
      store.updateMessage(id, { ...reply, parts: textParts('streaming...') }, 'checkpoint');
      const before = io.count(`${id}.json`);
      expect(store.delete(id)).toBe(true);
      vi.advanceTimersByTime(1000);
      store.flush();
      expect(io.count(`${id}.json`)).toBe(before);
      expect(fs.existsSync(conversationPath(id))).toBe(false);
      expect(() => store.updateMessage(id, { ...reply, parts: textParts('late') }, 'checkpoint')).toThrow(
        /no longer exists/,
      );
      store.close();
      expect(fs.existsSync(conversationPath(id))).toBe(false);
      expect(open().list()).toEqual([]);
    });

    it('throws write errors from append and final, and rolls the append back', () => {
      const io = instrumented();
      const store = open({ openStore: io.openStore });
      const { id } = store.create();
      io.control.failWrites = true;
      expect(() => store.appendMessage(id, message('user', 'lost?'))).toThrow(/ENOSPC/);
      expect(store.get(id)?.messages).toEqual([]);
      io.control.failWrites = false;
      const reply = message('assistant', '', { status: 'streaming' });
      store.appendMessage(id, reply);
      io.control.failWrites = true;
      expect(() =>
        store.updateMessage(id, { ...reply, parts: textParts('done'), status: 'complete' }, 'final'),
      ).toThrow(/ENOSPC/);
      io.control.failWrites = false;
      store.flush(); // the finished reply was kept in memory and is written now
      expect((readJson(conversationPath(id)) as { messages: Message[] }).messages[0]?.status).toBe(
        'complete',
      );
    });

    it('logs a failing checkpoint instead of crashing, and keeps going', () => {
      vi.useFakeTimers();
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const io = instrumented();
      const store = open({ openStore: io.openStore, checkpointMs: 50 });
      const { id } = store.create();
      const reply = message('assistant', '', { status: 'streaming' });
      store.appendMessage(id, reply);
      io.control.failWrites = true;
      store.updateMessage(id, { ...reply, parts: textParts('a') }, 'checkpoint');
      expect(() => vi.advanceTimersByTime(100)).not.toThrow();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('checkpoint'), expect.any(Error));
      io.control.failWrites = false;
      store.updateMessage(id, { ...reply, parts: textParts('ab') }, 'checkpoint');
      vi.advanceTimersByTime(100);
      expect(textOf((readJson(conversationPath(id)) as { messages: Message[] }).messages[0])).toBe('ab');
    });
  });

  it('recovers a reply cut off by a crash as incomplete, with its checkpointed text', async () => {
    // A long index delay: the index on disk still says 1 message when the "crash" happens.
    const crashed = open({ checkpointMs: 50, indexWriteDelayMs: 60_000 });
    const { id } = crashed.create();
    crashed.appendMessage(id, message('user', 'Tell me a story'));
    const reply = message('assistant', '', { status: 'streaming', model: 'llama3.2' });
    crashed.appendMessage(id, reply);
    crashed.updateMessage(id, { ...reply, parts: textParts('Once upon a') }, 'checkpoint');
    await sleep(150);
    crashed.updateMessage(
      id,
      { ...reply, parts: textParts('Once upon a time, never written') },
      'checkpoint',
    );

    // A second process opens the folder without the first one closing.
    const restarted = open();
    const conversation = restarted.get(id);
    expect(conversation?.messages[1]).toMatchObject({
      parts: textParts('Once upon a'),
      status: 'incomplete',
    });
    expect(conversation?.messages[1]?.error?.code).toBe('incomplete');
    expect(conversation).toMatchObject({ title: 'Tell me a story', messageCount: 2, model: 'llama3.2' });
    expect(restarted.list()[0]).toMatchObject({ messageCount: 2 });
    expect(restarted.problems()).toEqual([]);
  });

  it('marks the reasoning of a reply cut off by a crash while thinking as incomplete', async () => {
    const crashed = open({ checkpointMs: 10, firstCheckpointMs: 10 });
    const { id } = crashed.create();
    crashed.appendMessage(id, message('user', 'Think first'));
    const reply = message('assistant', '', { status: 'streaming' });
    const thinking = { type: 'reasoning' as const, id: 'r1', text: 'Let me see', startedAt: 5 };
    const answered = message('assistant', '', { status: 'streaming' });
    crashed.appendMessage(id, reply);
    crashed.updateMessage(id, { ...reply, parts: [thinking] }, 'checkpoint');
    crashed.appendMessage(id, answered);
    crashed.updateMessage(id, { ...answered, parts: [thinking, ...textParts('So')] }, 'checkpoint');
    await sleep(60);

    const messages = open().get(id)?.messages;
    expect(messages?.[1]).toMatchObject({ status: 'incomplete', parts: [{ ...thinking, incomplete: true }] });
    // An answer had started: its reasoning was complete.
    expect(messages?.[2]?.parts).toEqual([thinking, ...textParts('So')]);
  });

  describe('damaged files', () => {
    function seed() {
      const store = open();
      const a = store.create();
      store.appendMessage(a.id, message('user', 'First conversation'));
      store.appendMessage(a.id, message('assistant', 'Reply', { model: 'm1' }));
      const b = store.create();
      store.appendMessage(b.id, message('user', 'Second conversation'));
      store.updateSettings({ baseUrl: 'http://localhost:4000/v1', model: 'm1' });
      store.close();
      return { a: a.id, b: b.id };
    }

    it('moves a corrupt index aside, rebuilds the list from the conversation files and says so', () => {
      const { a, b } = seed();
      fs.writeFileSync(indexPath(), '{not json');
      const onProblem = vi.fn<(problem: StoreProblem) => void>();
      vi.spyOn(console, 'warn').mockImplementation(() => {});

      const store = open({ onProblem });
      const problems = store.problems();
      expect(problems).toHaveLength(1);
      expect(onProblem).toHaveBeenCalledExactlyOnceWith(problems[0]);
      const problem = problems[0]!;
      expect(problem.file).toBe(indexPath());
      expect(problem.reason).toMatch(/JSON/);
      expect(problem.recovery).toMatch(/rebuilt from 2 conversation files/);
      expect(problem.recovery).toMatch(/defaults/);
      expect(path.dirname(problem.movedTo)).toBe(dir);
      expect(path.basename(problem.movedTo)).toMatch(/^index\.corrupt-.+\.json$/);
      expect(fs.readFileSync(problem.movedTo, 'utf8')).toBe('{not json');

      expect(store.list().map((s) => [s.title, s.messageCount])).toEqual(
        expect.arrayContaining([
          ['First conversation', 2],
          ['Second conversation', 1],
        ]),
      );
      expect(store.list().find((s) => s.id === a)?.model).toBe('m1');
      expect(textOf(store.get(b)?.messages[0])).toBe('Second conversation');
      expect(store.getSettings()).toEqual({});
      expect(readJson(indexPath())).toMatchObject({ schemaVersion: 3, conversations: { [a]: {}, [b]: {} } });

      store.close();
      const again = open();
      expect(again.problems()).toEqual([]);
      expect(again.list()).toHaveLength(2);
    });

    it('keeps the settings of an index that parses but fails the schema', () => {
      seed();
      fs.writeFileSync(
        indexPath(),
        JSON.stringify({ schemaVersion: 1, settings: { model: 'kept' }, conversations: { x: { id: 'y' } } }),
      );
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const store = open();
      expect(store.problems()).toHaveLength(1);
      expect(store.problems()[0]?.reason).toMatch(/expected format/);
      expect(store.problems()[0]?.recovery).toMatch(/settings were recovered/);
      expect(store.getSettings()).toEqual({ model: 'kept' });
      expect(store.list()).toHaveLength(2);
      expect(corruptFiles(dir)).toHaveLength(1);
    });

    it('moves a corrupt conversation file aside and leaves the others alone', () => {
      const { a, b } = seed();
      fs.writeFileSync(conversationPath(a), '{"schemaVersion":1,"messages":[{');
      const onProblem = vi.fn();
      const onIndexChanged = vi.fn();
      vi.spyOn(console, 'warn').mockImplementation(() => {});

      const store = open({ onProblem, onIndexChanged });
      expect(store.get(a)).toBeUndefined();
      expect(onProblem).toHaveBeenCalledTimes(1);
      expect(onIndexChanged).toHaveBeenCalled();
      const problem = store.problems()[0]!;
      expect(problem.file).toBe(conversationPath(a));
      expect(problem.recovery).toMatch(/moved aside/);
      expect(path.basename(problem.movedTo)).toMatch(new RegExp(`^${a}\\.corrupt-.+\\.json$`));
      expect(fs.readFileSync(problem.movedTo, 'utf8')).toBe('{"schemaVersion":1,"messages":[{');
      expect(fs.existsSync(conversationPath(a))).toBe(false);

      expect(store.list().map((s) => s.id)).toEqual([b]);
      expect(store.get(b)?.messages).toHaveLength(1);
      expect(store.getSettings().model).toBe('m1');
      store.close();

      const again = open();
      expect(again.list().map((s) => s.id)).toEqual([b]);
      expect(again.problems()).toEqual([]);
    });

    it('treats a conversation file that fails the schema as corrupt', () => {
      const { a, b } = seed();
      const bad = JSON.stringify({
        schemaVersion: 1,
        id: a,
        createdAt: 1,
        messages: [{ id: 'm', role: 'user', content: 'hi', createdAt: 1, status: 'bogus' }],
      });
      fs.writeFileSync(conversationPath(a), bad);
      vi.spyOn(console, 'warn').mockImplementation(() => {});

      const store = open();
      expect(store.get(a)).toBeUndefined();
      const problem = store.problems()[0]!;
      expect(problem.reason).toMatch(/expected format.*status/);
      expect(fs.readFileSync(problem.movedTo, 'utf8')).toBe(bad);
      expect(store.get(b)).toBeDefined();
    });

    it('adds valid conversation files the index does not list, and moves damaged ones aside at open', () => {
      const { a } = seed();
      const orphan = {
        schemaVersion: 1,
        id: 'orphan-1',
        createdAt: 5,
        messages: [
          { id: 'o1', role: 'user', content: 'Written before the index', createdAt: 6, status: 'complete' },
        ],
      };
      fs.writeFileSync(conversationPath('orphan-1'), JSON.stringify(orphan));
      fs.writeFileSync(conversationPath('orphan-2'), 'garbage');
      vi.spyOn(console, 'warn').mockImplementation(() => {});

      const store = open();
      expect(store.list().find((s) => s.id === 'orphan-1')).toMatchObject({
        title: 'Written before the index',
        createdAt: 5,
        updatedAt: 6,
        messageCount: 1,
      });
      expect(store.list().some((s) => s.id === 'orphan-2')).toBe(false);
      expect(store.problems().map((p) => path.basename(p.file))).toEqual(['orphan-2.json']);
      expect(corruptFiles(path.join(dir, 'conversations'))).toHaveLength(1);
      expect(store.get(a)).toBeDefined();
    });
  });

  it('never turns an unsafe id into a path', () => {
    const { a } = (() => {
      const store = open();
      const created = store.create();
      store.close();
      return { a: created.id };
    })();
    fs.writeFileSync(path.join(dir, 'secret.json'), '{not json');
    const indexBefore = fs.readFileSync(indexPath(), 'utf8');
    const io = instrumented();
    const store = open({ openStore: io.openStore });
    const openedAtStart = [...io.opened];

    for (const id of ['../index', '../secret', '..', 'a/b', 'a.b', '', 'x'.repeat(101), `${a}/../../index`]) {
      expect(store.get(id)).toBeUndefined();
      expect(store.delete(id)).toBe(false);
      expect(() => store.appendMessage(id, message('user', 'x'))).toThrow(/no longer exists/);
      expect(() => store.removeMessage(id, 'm')).toThrow(/no longer exists/);
    }
    expect(io.opened).toEqual(openedAtStart);
    expect(store.problems()).toEqual([]);
    expect(fs.readFileSync(indexPath(), 'utf8')).toBe(indexBefore);
    expect(fs.readFileSync(path.join(dir, 'secret.json'), 'utf8')).toBe('{not json');
    expect(corruptFiles(dir)).toEqual([]);
    expect(store.get(a)).toBeDefined();
  });

  it('persists settings, and clears a setting given as undefined', () => {
    const store = open();
    expect(store.getSettings()).toEqual({});
    expect(store.updateSettings({ baseUrl: 'http://localhost:11434/v1' })).toEqual({
      baseUrl: 'http://localhost:11434/v1',
    });
    expect(store.updateSettings({ model: 'llama3.2' })).toEqual({
      baseUrl: 'http://localhost:11434/v1',
      model: 'llama3.2',
    });
    expect(readJson(indexPath())).toMatchObject({
      settings: { baseUrl: 'http://localhost:11434/v1', model: 'llama3.2' },
    });
    // No close: settings are durable at once.
    expect(open().getSettings()).toEqual({ baseUrl: 'http://localhost:11434/v1', model: 'llama3.2' });

    store.updateSettings({ baseUrl: 'http://localhost:4000/v1', model: undefined });
    expect(open().getSettings()).toEqual({ baseUrl: 'http://localhost:4000/v1' });
  });
});
