import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReplyContext } from '../../shared/domain/context-budget';
import type { Conversation, Message } from '../../shared/domain/conversation';
import { textParts } from '../../shared/domain/message-content';
import type { AttachmentPart } from '../../shared/domain/message-parts';
import { AppController } from '../../renderer/src/state/app-controller';
import {
  announcementFor,
  endedReplies,
  plainExcerpt,
} from '../../renderer/src/state/transcript/transcript-announce';
import { followAfterScroll, isAtBottom } from '../../renderer/src/state/transcript/transcript-follow';
import { truncateFrom } from '../../renderer/src/state/transcript/transcript-ops';
import {
  estimateRowHeight,
  leftOutOfLastRequest,
  leftOutText,
  transcriptRows,
} from '../../renderer/src/state/transcript/transcript-rows';
import { FakeApi, FakeConnection } from './renderer-fake-api';

const message = (id: string, role: Message['role'], content = id, extra: Partial<Message> = {}): Message => ({
  id,
  role,
  parts: textParts(content),
  createdAt: 1,
  status: 'complete',
  ...extra,
});

const context = (extra: Partial<ReplyContext>): ReplyContext => ({
  contextLength: 1024,
  budgetTokens: 768,
  promptTokens: 700,
  estimated: true,
  omittedCount: 0,
  ...extra,
});

const photo: AttachmentPart = {
  type: 'image',
  id: 'a1',
  hash: 'a'.repeat(64),
  name: 'photo.png',
  size: 1000,
  mimeType: 'image/png',
  width: 1568,
  height: 1045,
};
const notes: AttachmentPart = {
  type: 'file',
  id: 'a2',
  hash: 'b'.repeat(64),
  name: 'notes.md',
  size: 300,
  mimeType: 'text/markdown',
  format: 'markdown',
  textHash: 'c'.repeat(64),
  textChars: 300,
};

describe('transcript rows', () => {
  it('leaves the system prompt out of the rows, wherever it sits, and keeps the same list when there is none', () => {
    const plain = [message('u1', 'user'), message('a1', 'assistant')];
    expect(transcriptRows(plain)).toBe(plain);
    const withSystem = [message('u1', 'user'), message('s', 'system'), message('a1', 'assistant')];
    expect(transcriptRows(withSystem).map((m) => m.id)).toEqual(['u1', 'a1']);
    expect(transcriptRows(undefined)).toEqual([]);
  });

  it('finds what the last request left out: the divider goes above its first kept message', () => {
    const messages = [
      message('s', 'system', 'You are TaskMaster.'),
      message('u1', 'user'),
      message('a1', 'assistant'),
      message('u2', 'user'),
      message('a2', 'assistant', 'failed', { status: 'failed' }), // never sent, never "left out"
      message('u3', 'user'),
      message('a3', 'assistant', 'done', { context: context({ omittedCount: 3, firstKeptId: 'u3' }) }),
    ];
    const leftOut = leftOutOfLastRequest(messages);
    expect(leftOut).toMatchObject({ replyId: 'a3', firstKeptId: 'u3', contextLength: 1024 });
    expect([...leftOut!.omitted]).toEqual(['u1', 'a1', 'u2']);
  });

  it('says nothing when the last request sent everything, even if an earlier one did not', () => {
    const messages = [
      message('u1', 'user'),
      message('a1', 'assistant', 'x', { context: context({ omittedCount: 0, firstKeptId: 'u1' }) }),
      message('u2', 'user'),
      message('a2', 'assistant', 'y', { context: context({ omittedCount: 0, firstKeptId: 'u1' }) }),
    ];
    expect(leftOutOfLastRequest(messages)).toBeUndefined();
    // A reply that failed before any request recorded nothing: the request before it is the last one.
    const failedEarly = [
      message('u1', 'user'),
      message('a1', 'assistant', 'x'),
      message('u2', 'user'),
      message('a2', 'assistant', 'y', { context: context({ omittedCount: 2, firstKeptId: 'u2' }) }),
      message('u3', 'user'),
      message('a3', 'assistant', '', { status: 'failed' }),
    ];
    expect(leftOutOfLastRequest(failedEarly)?.replyId).toBe('a2');
  });

  it('words the divider with the count and the context length', () => {
    expect(leftOutText(12, 8192)).toBe(
      "12 earlier messages were not sent with the last request — they did not fit the model's context of 8,192 tokens.",
    );
    expect(leftOutText(1, 1024)).toMatch(/^1 earlier message was not sent/);
  });

  it('guesses taller rows for longer text and for code blocks', () => {
    const short = estimateRowHeight({ role: 'assistant', parts: textParts('Hi.') });
    const long = estimateRowHeight({ role: 'assistant', parts: textParts('word '.repeat(400)) });
    const code = estimateRowHeight({
      role: 'assistant',
      parts: textParts('Here:\n\n```ts\n' + 'const x = 1;\n'.repeat(20) + '```\n'),
    });
    expect(long).toBeGreaterThan(short * 3);
    expect(code).toBeGreaterThan(short + 20 * 15);
    expect(estimateRowHeight({ role: 'user', parts: textParts('Hi') })).toBeGreaterThan(40);
  });

  it('guesses a message with attachments taller by its thumbnails and chips, so the row does not jump', () => {
    const plain = estimateRowHeight({ role: 'user', parts: textParts('Look') });
    const withImage = estimateRowHeight({ role: 'user', parts: [...textParts('Look'), photo] });
    const withBoth = estimateRowHeight({ role: 'user', parts: [...textParts('Look'), photo, notes] });
    // A 1568 × 1045 image shows 200 × 133; a chip is 48 high; each with an 8 px gap.
    expect(withImage - plain).toBe(133 + 8);
    expect(withBoth - withImage).toBe(48 + 8);
  });
});

describe('truncateFrom (edit and resend)', () => {
  it('drops the edited message and everything after it, but keeps the system prompt', () => {
    const messages = [
      message('u1', 'user'),
      message('a1', 'assistant'),
      message('u2', 'user'),
      message('s', 'system'),
      message('a2', 'assistant'),
    ];
    expect(truncateFrom(messages, 'u2').map((m) => m.id)).toEqual(['u1', 'a1', 's']);
    expect(truncateFrom(messages, 'missing').map((m) => m.id)).toEqual(messages.map((m) => m.id));
  });
});

describe('following the bottom', () => {
  const view = (scrollTop: number, scrollHeight = 5000, clientHeight = 500) => ({
    scrollTop,
    scrollHeight,
    clientHeight,
  });

  it('follows at the bottom, stops when the user scrolls up, keeps following when rows below grew', () => {
    expect(isAtBottom(view(4480))).toBe(true);
    expect(followAfterScroll(false, 100, view(4500))).toBe(true);
    expect(followAfterScroll(true, 4500, view(4000))).toBe(false);
    // Our own scroll to the bottom, reported after rows below were measured taller than guessed.
    expect(followAfterScroll(true, 4500, view(4500, 5600))).toBe(true);
    expect(followAfterScroll(false, 3000, view(3100))).toBe(false);
  });
});

describe('announcing ended replies', () => {
  it('finds replies that were streaming and have ended', () => {
    const before = [message('u1', 'user'), message('a1', 'assistant', 'Hel', { status: 'streaming' })];
    const after = [message('u1', 'user'), message('a1', 'assistant', 'Hello **there**')];
    expect(endedReplies(before, after).map((m) => m.id)).toEqual(['a1']);
    expect(endedReplies(after, after)).toEqual([]);
    // A conversation loaded with finished replies announces nothing.
    expect(endedReplies([], after)).toEqual([]);
  });

  it('says how it ended, with the start of the text as plain words', () => {
    expect(
      announcementFor(message('a', 'assistant', '## Plan\n\n- **Buy** milk\n\n```js\nx()\n```\nDone')),
    ).toBe('Reply finished: Plan Buy milk (code) Done');
    expect(announcementFor(message('a', 'assistant', 'partial', { status: 'cancelled' }))).toBe(
      'Reply stopped.',
    );
    expect(
      announcementFor(
        message('a', 'assistant', '', {
          status: 'failed',
          error: {
            code: 'backend-unreachable',
            message: 'Nothing is listening.',
            fix: 'Start it.',
            retryable: true,
          },
        }),
      ),
    ).toBe('The reply failed: Nothing is listening.');
    const excerpt = plainExcerpt('[docs](https://example.com) and ![img](x.png) '.repeat(20), 40);
    expect(excerpt).toMatch(/^docs and img docs and img .*…$/);
    expect(excerpt.length).toBeLessThanOrEqual(40);
  });
});

describe('AppController: edit and resend, across windows', () => {
  afterEach(() => vi.unstubAllGlobals());
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  const conversation: Conversation = {
    id: 'c1',
    title: 'Plans',
    createdAt: 0,
    updatedAt: 1,
    messageCount: 5,
    messages: [
      message('u1', 'user', 'First'),
      message('a1', 'assistant', 'One'),
      message('u2', 'user', 'Second'),
      message('s', 'system', 'You are TaskMaster.'),
      message('a2', 'assistant', 'Two'),
    ],
  };

  async function setUp(answers: ConstructorParameters<typeof FakeApi>[0] = {}) {
    vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
    const { messages: _messages, ...summary } = conversation;
    const api = new FakeApi({
      'conversations.list': () => ({ ok: true, value: [summary] }),
      'conversations.get': () => ({ ok: true, value: conversation }),
      ...answers,
    });
    const controller = new AppController(api, new FakeConnection());
    controller.start();
    await flush();
    expect(controller.store.getState().open?.id).toBe('c1');
    return { api, controller };
  }
  const ids = (controller: AppController) => controller.store.getState().open?.messages.map((m) => m.id);

  it("another window's edit drops the replaced turns (not the system prompt) and adds the new message", async () => {
    const { api, controller } = await setUp();
    const edited = message('u2b', 'user', 'Second, edited');
    api.emit('chat.stream', {
      type: 'started',
      streamId: 's1',
      conversationId: 'c1',
      replyId: 'a2b',
      model: 'm',
      profileId: 'p',
      profileName: 'Ollama',
      startedAt: 1,
      seq: 0,
      userMessage: edited,
      truncatedFrom: 'u2',
      context: context({ omittedCount: 0, firstKeptId: 'u1' }),
    });
    expect(ids(controller)).toEqual(['u1', 'a1', 's', 'u2b', 'a2b']);
    // The placeholder carries what its request held, for the meter and the left-out divider at once.
    expect(controller.store.getState().open?.messages.at(-1)?.context?.firstKeptId).toBe('u1');
  });

  it('edits at once here, settles with the saved message, and puts everything back when refused', async () => {
    let answer: 'ok' | 'busy' = 'ok';
    const { api, controller } = await setUp({
      'chat.editAndResend': (input) => {
        const { text } = input as { text: string };
        return answer === 'ok'
          ? { ok: true, value: { streamId: 's2', replyId: 'r2', userMessage: message('u2c', 'user', text) } }
          : {
              ok: false,
              error: { code: 'busy', message: 'A reply is still streaming.', fix: 'Wait.', retryable: false },
            };
      },
    });
    expect(await controller.editAndResend('u2', '  Second, again  ')).toBe(true);
    expect(api.calls.at(-1)).toEqual({
      route: 'chat.editAndResend',
      input: { conversationId: 'c1', messageId: 'u2', text: 'Second, again' },
    });
    expect(ids(controller)).toEqual(['u1', 'a1', 's', 'u2c']);

    answer = 'busy';
    const before = ids(controller);
    expect(await controller.editAndResend('u1', 'First, again')).toBe(false);
    expect(ids(controller)).toEqual(before);
    expect(controller.store.getState().notice?.error.code).toBe('busy');
  });

  it('resends the attachments the edit kept, shows them at once, and may send them without text', async () => {
    const { api, controller } = await setUp({
      'chat.editAndResend': (input) => {
        const { attachments } = input as { attachments: AttachmentPart[] };
        const saved: Message = { ...message('u2c', 'user', ''), parts: attachments };
        return { ok: true, value: { streamId: 's3', replyId: 'r3', userMessage: saved } };
      },
    });
    const sending = controller.editAndResend('u2', '   ', [photo, notes]);
    // Shown before the host answered: the attachments alone, no empty text part.
    expect(controller.store.getState().open?.messages.at(-1)?.parts).toEqual([photo, notes]);
    expect(await sending).toBe(true);
    expect(api.calls.at(-1)).toEqual({
      route: 'chat.editAndResend',
      input: { conversationId: 'c1', messageId: 'u2', text: '', attachments: [photo, notes] },
    });
    expect(ids(controller)).toEqual(['u1', 'a1', 's', 'u2c']);
    // Nothing at all is not sent.
    expect(await controller.editAndResend('u1', '  ', [])).toBe(false);
    expect(api.routes().filter((r) => r === 'chat.editAndResend')).toHaveLength(1);
  });
});
