import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/index';
import { textParts } from '../../shared/domain/message-content';
import { settleUserMessage } from '../../renderer/src/state/transcript/transcript-ops';

const user = (id: string, content: string): Message => ({
  id,
  role: 'user',
  parts: textParts(content),
  createdAt: 1,
  status: 'complete',
});

describe('settleUserMessage (one transcript across windows)', () => {
  it("replaces this window's optimistic copy with the saved message", () => {
    const before = [user('m1', 'earlier'), user('local-1', 'hello')];
    expect(settleUserMessage(before, user('srv-2', 'hello')).map((m) => m.id)).toEqual(['m1', 'srv-2']);
  });

  it('adds a message sent from another window', () => {
    const before = [user('m1', 'earlier')];
    expect(settleUserMessage(before, user('srv-2', 'from the tray')).map((m) => m.id)).toEqual([
      'm1',
      'srv-2',
    ]);
  });

  it('is idempotent: the send answer and the started event may both deliver it', () => {
    const once = settleUserMessage([user('local-1', 'hi')], user('srv-1', 'hi'));
    expect(settleUserMessage(once, user('srv-1', 'hi')).map((m) => m.id)).toEqual(['srv-1']);
  });

  it('does not swap an optimistic copy with different text', () => {
    const before = [user('local-1', 'typed here')];
    expect(settleUserMessage(before, user('srv-9', 'typed elsewhere')).map((m) => m.id)).toEqual([
      'local-1',
      'srv-9',
    ]);
  });
});
