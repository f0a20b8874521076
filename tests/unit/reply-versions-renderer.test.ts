import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StartedEvent } from '../../shared/contract/chat-stream';
import type { ConversationSummary, Message } from '../../shared/domain/conversation';
import { userError } from '../../shared/domain/errors';
import { textParts } from '../../shared/domain/message-content';
import { addVersion, switchVersion } from '../../shared/domain/reply-versions';
import { AppController } from '../../renderer/src/state/app-controller';
import { FakeApi, FakeConnection } from './renderer-fake-api';

/**
 * The window's side of reply versions: a regenerated reply shows as the turn's newest version from
 * its `started` event on (whichever window asked), and switching shows the conversation main answers.
 */
beforeEach(() => {
  vi.stubGlobal('requestAnimationFrame', () => 0);
  vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
});
afterEach(() => vi.unstubAllGlobals());
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const summary: ConversationSummary = { id: 'c1', title: 'Hi', createdAt: 0, updatedAt: 1, messageCount: 2 };
const message = (id: string, role: Message['role'], text: string): Message => ({
  id,
  role,
  parts: textParts(text),
  createdAt: 1,
  status: 'complete',
});
const user = message('u1', 'user', 'Hi');
const first = message('a1', 'assistant', 'Hello!');

function openPage(api: FakeApi) {
  api.answer('conversations.list', () => ({ ok: true, value: [summary] }));
  api.answer('chat.streams', () => ({ ok: true, value: [] }));
  const controller = new AppController(api, new FakeConnection());
  controller.start();
  return controller;
}

describe('reply versions in the window', () => {
  it('a reply regenerated in another window shows as version n/n from its first event', async () => {
    const api = new FakeApi({
      'conversations.get': () => ({ ok: true, value: { ...summary, messages: [user, first] } }),
    });
    const controller = openPage(api);
    await flush();
    const versions = addVersion([user, first], 1, message('a2', 'assistant', '')).at(-1)!.versions!;
    const started: StartedEvent = {
      type: 'started',
      streamId: 's1',
      conversationId: 'c1',
      replyId: 'a2',
      seq: 0,
      model: 'm',
      profileId: 'p',
      profileName: 'P',
      startedAt: 2,
      replaces: 'a1',
      versions,
    };
    api.emit('chat.stream', started);
    const shown = controller.store.getState().open!.messages;
    expect(shown.map((m) => [m.id, m.status])).toEqual([
      ['u1', 'complete'],
      ['a2', 'streaming'],
    ]);
    expect(shown[1]!.versions).toEqual({ shown: 1, others: [[first]] });
  });

  it('showVersion puts main’s answer in place and names the message now starting the turn', async () => {
    const regenerated = addVersion([user, first], 1, message('a2', 'assistant', 'Hey!'));
    const switched = switchVersion(regenerated, 1, 0)!;
    const api = new FakeApi({
      'conversations.get': () => ({ ok: true, value: { ...summary, messages: regenerated } }),
      'chat.showVersion': (input) => {
        expect(input).toEqual({ conversationId: 'c1', messageId: 'a2', version: 0 });
        return { ok: true, value: { ...summary, messages: switched } };
      },
    });
    const controller = openPage(api);
    await flush();
    expect(await controller.showVersion('a2', 0)).toBe('a1');
    expect(controller.store.getState().open!.messages.map((m) => m.id)).toEqual(['u1', 'a1']);
  });

  it('a refused switch leaves the transcript as it was and says why', async () => {
    const regenerated = addVersion([user, first], 1, message('a2', 'assistant', 'Hey!'));
    const api = new FakeApi({
      'conversations.get': () => ({ ok: true, value: { ...summary, messages: regenerated } }),
      'chat.showVersion': () => ({
        ok: false,
        error: userError('busy', 'A reply is still streaming in this conversation.', 'Wait.'),
      }),
    });
    const controller = openPage(api);
    await flush();
    expect(await controller.showVersion('a2', 0)).toBeUndefined();
    expect(controller.store.getState().open!.messages.map((m) => m.id)).toEqual(['u1', 'a2']);
    expect(controller.store.getState().notice?.error.message).toMatch(/still streaming/);
  });
});
