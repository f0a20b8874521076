import { describe, expect, it, vi } from 'vitest';
import type { ChatStreamEvent } from '../../shared/contract/chat-stream';
import type { Message } from '../../shared/domain/conversation';
import { textParts } from '../../shared/domain/message-content';
import { EventBus } from '../../electron/services/events/event-bus';
import { excerptOf, watchReplies, type ReplyNotice } from '../../electron/services/desktop/reply-notifier';
import { applyShortcut, registerInitial } from '../../electron/services/desktop/shortcut-apply';
import {
  appInView,
  mainWindowCloseAction,
  shouldNotifyReply,
  type WindowPresence,
} from '../../electron/services/desktop/window-decisions';

const hidden: WindowPresence = { visible: false, focused: false };
const focused: WindowPresence = { visible: true, focused: true };
const behind: WindowPresence = { visible: true, focused: false };

describe('shouldNotifyReply', () => {
  it('only for a finished reply, when wanted, with no window of ours in view', () => {
    expect(shouldNotifyReply({ finished: true, notifyWhenHidden: true, windows: [hidden, hidden] })).toBe(
      true,
    );
    expect(shouldNotifyReply({ finished: true, notifyWhenHidden: true, windows: [behind] })).toBe(true);
    expect(shouldNotifyReply({ finished: true, notifyWhenHidden: true, windows: [hidden, focused] })).toBe(
      false,
    );
    expect(shouldNotifyReply({ finished: true, notifyWhenHidden: false, windows: [hidden] })).toBe(false);
    expect(shouldNotifyReply({ finished: false, notifyWhenHidden: true, windows: [hidden] })).toBe(false);
  });

  it('a minimized window is out of view even if the OS says it is focused', () => {
    expect(appInView([{ visible: true, focused: true, minimized: true }])).toBe(false);
    expect(appInView([])).toBe(false);
  });
});

describe('mainWindowCloseAction', () => {
  const base = { quitting: false, closeToTray: true, trayAvailable: true, platform: 'linux' as const };
  it('hides to the tray when asked and a tray exists', () => {
    expect(mainWindowCloseAction(base)).toBe('hide');
    expect(mainWindowCloseAction({ ...base, platform: 'darwin' })).toBe('hide');
  });
  it('a real quit always closes', () => {
    expect(mainWindowCloseAction({ ...base, quitting: true })).toBe('close');
  });
  it('without a tray or with closeToTray off: quits (macOS: just closes, the dock reopens it)', () => {
    expect(mainWindowCloseAction({ ...base, trayAvailable: false })).toBe('quit');
    expect(mainWindowCloseAction({ ...base, closeToTray: false, platform: 'win32' })).toBe('quit');
    expect(mainWindowCloseAction({ ...base, closeToTray: false, platform: 'darwin' })).toBe('close');
  });
});

describe('applyShortcut', () => {
  function registrar(refuse: (accelerator: string, held: Set<string>) => boolean) {
    const held = new Set<string>();
    const log: string[] = [];
    return {
      held,
      log,
      registerShortcut(accelerator: string) {
        log.push(`+${accelerator}`);
        if (refuse(accelerator, held)) return { ok: false as const, problem: `${accelerator} is taken` };
        held.add(accelerator);
        return { ok: true as const };
      },
      unregisterShortcut(accelerator: string) {
        log.push(`-${accelerator}`);
        held.delete(accelerator);
      },
    };
  }

  it('registers the new one before releasing the old one', () => {
    const r = registrar(() => false);
    const current = registerInitial(r, 'Alt+A');
    expect(applyShortcut(r, current, 'Alt+B')).toEqual({
      ok: true,
      state: { accelerator: 'Alt+B', registered: true },
    });
    expect(r.log).toEqual(['+Alt+A', '+Alt+B', '-Alt+A']);
  });

  it('the same shortcut, held: nothing to do', () => {
    const r = registrar(() => false);
    const current = registerInitial(r, 'Alt+A');
    expect(applyShortcut(r, current, 'Alt+A')).toEqual({ ok: true, state: current });
    expect(r.log).toEqual(['+Alt+A']);
  });

  it('refused, with nothing held: reported, the state says why', () => {
    const r = registrar(() => true);
    const current = registerInitial(r, 'Alt+A');
    expect(current).toEqual({ accelerator: 'Alt+A', registered: false, problem: 'Alt+A is taken' });
    const change = applyShortcut(r, current, 'Alt+B');
    expect(change).toMatchObject({
      ok: false,
      problem: 'Alt+B is taken',
      state: { accelerator: 'Alt+A', registered: false },
    });
  });

  it('refused twice: the old one is put back', () => {
    const r = registrar((a) => a === 'Alt+B');
    const current = registerInitial(r, 'Alt+A');
    const change = applyShortcut(r, current, 'Alt+B');
    expect(change).toEqual({
      ok: false,
      problem: 'Alt+B is taken',
      state: { accelerator: 'Alt+A', registered: true },
    });
    expect([...r.held]).toEqual(['Alt+A']);
  });

  it('the old one cannot be put back either: the state says so', () => {
    let afterRelease = false;
    const r = registrar((a, held) => {
      if (a === 'Alt+A' && afterRelease) return true;
      if (a === 'Alt+B') {
        if (!held.has('Alt+A')) afterRelease = true;
        return true;
      }
      return false;
    });
    const current = registerInitial(r, 'Alt+A');
    const change = applyShortcut(r, current, 'Alt+B');
    expect(change.ok).toBe(false);
    expect(change.state).toEqual({ accelerator: 'Alt+A', registered: false, problem: 'Alt+A is taken' });
  });
});

describe('watchReplies', () => {
  const message = (content: string): Message => ({
    id: 'r1',
    role: 'assistant',
    parts: textParts(content),
    createdAt: 1,
    status: 'complete',
  });
  const started = (streamId: string, conversationId: string): ChatStreamEvent => ({
    type: 'started',
    streamId,
    conversationId,
    replyId: 'r1',
    seq: 0,
    model: 'm',
    profileId: 'p',
    profileName: 'P',
    startedAt: 1,
  });
  /** The rest of a stream's reference (`seq` does not matter to the notifier). */
  const ref = (streamId: string, conversationId = 'c1') => ({
    streamId,
    conversationId,
    replyId: 'r1',
    seq: 1,
  });

  function setup(windows: WindowPresence[], notifyWhenHidden = true) {
    const events = new EventBus();
    const notices: ReplyNotice[] = [];
    const stop = watchReplies({
      events,
      prefs: () => ({ notifyWhenHidden }),
      windows: () => windows,
      notify: (notice) => notices.push(notice),
    });
    return { events, notices, stop };
  }

  it('a reply finished out of view: one notice with its conversation and opening words', () => {
    const { events, notices } = setup([hidden]);
    events.emit('chat.stream', started('s1', 'c1'));
    events.emit('chat.stream', { type: 'delta', ...ref('s1'), partId: 't1', kind: 'text', text: 'x' });
    events.emit('chat.stream', {
      type: 'finished',
      ...ref('s1'),
      message: message('# Done\n\nAll **good**.'),
    });
    expect(notices).toEqual([{ conversationId: 'c1', excerpt: 'Done All good.' }]);
  });

  it("the notice quotes the answer, never the model's reasoning", () => {
    const { events, notices } = setup([hidden]);
    events.emit('chat.stream', started('s1', 'c1'));
    const thought: Message = {
      ...message(''),
      parts: [
        { type: 'reasoning', id: 'r1', text: 'Hmm, let me think.', durationMs: 5 },
        { type: 'text', id: 't1', text: 'Paris.' },
      ],
    };
    events.emit('chat.stream', { type: 'finished', ...ref('s1'), message: thought });
    expect(notices).toEqual([{ conversationId: 'c1', excerpt: 'Paris.' }]);
  });

  it('none while in view, for cancelled or failed replies, for unknown streams, or when turned off', () => {
    const inView = setup([focused]);
    inView.events.emit('chat.stream', started('s1', 'c1'));
    inView.events.emit('chat.stream', { type: 'finished', ...ref('s1'), message: message('x') });
    const cancelled = setup([hidden]);
    cancelled.events.emit('chat.stream', started('s1', 'c1'));
    cancelled.events.emit('chat.stream', { type: 'cancelled', ...ref('s1'), message: message('x') });
    cancelled.events.emit('chat.stream', { type: 'finished', ...ref('unknown'), message: message('x') });
    const off = setup([hidden], false);
    off.events.emit('chat.stream', started('s1', 'c1'));
    off.events.emit('chat.stream', { type: 'finished', ...ref('s1'), message: message('x') });
    expect([...inView.notices, ...cancelled.notices, ...off.notices]).toEqual([]);
  });

  it('a notifier that throws is logged, and watching stops when asked', () => {
    const events = new EventBus();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const stop = watchReplies({
      events,
      prefs: () => ({ notifyWhenHidden: true }),
      windows: () => [],
      notify: () => {
        throw new Error('no notification server');
      },
    });
    events.emit('chat.stream', started('s1', 'c1'));
    expect(() =>
      events.emit('chat.stream', { type: 'finished', ...ref('s1'), message: message('x') }),
    ).not.toThrow();
    expect(warn).toHaveBeenCalled();
    stop();
    warn.mockRestore();
  });

  it('excerptOf: one line, code blocks named, long text cut', () => {
    expect(excerptOf('Use this:\n```js\nconsole.log(1)\n```\nthen run it')).toBe(
      'Use this: [code] then run it',
    );
    expect(excerptOf('a'.repeat(300))).toHaveLength(140);
  });
});
