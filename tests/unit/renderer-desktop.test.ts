import { describe, expect, it } from 'vitest';
import { textParts } from '../../shared/domain/message-content';
import type { ConversationSummary, Message } from '../../shared/domain/conversation';
import {
  defaultDesktopPrefs,
  type AppCommand,
  type DesktopStatus,
  type DesktopView,
} from '../../shared/domain/desktop';
import { backendPlaceText } from '../../renderer/src/format/backend-place';
import {
  desktopNotes,
  launchAtLoginUnavailable,
  shortcutStatusText,
} from '../../renderer/src/format/desktop-status';
import { AppController } from '../../renderer/src/state/app-controller';
import {
  commandAction,
  openInMainWindow,
  runCommandAction,
  trayConversationOnShow,
} from '../../renderer/src/state/desktop/desktop-commands';
import { DesktopController } from '../../renderer/src/state/desktop/desktop-controller';
import {
  conversationToOpen,
  mainPageUrl,
  windowKindOf,
  withoutOpenRequest,
} from '../../renderer/src/state/desktop/desktop-window';
import { FakeApi, FakeConnection } from './renderer-fake-api';

const summary = (id: string, updatedAt: number): ConversationSummary => ({
  id,
  title: id,
  createdAt: 0,
  updatedAt,
  messageCount: 1,
});
const message = (id: string): Message => ({
  id,
  role: 'user',
  parts: textParts(id),
  createdAt: 0,
  status: 'complete',
});

const browserStatus: DesktopStatus = {
  available: false,
  reason: 'Desktop features run in the installed app.',
  shortcut: { accelerator: 'CommandOrControl+Shift+Space', registered: false },
  tray: { available: false },
  loginItemSupported: false,
};
const shellStatus: DesktopStatus = {
  available: true,
  shortcut: { accelerator: 'CommandOrControl+Shift+Space', registered: true },
  tray: { available: true },
  loginItemSupported: true,
};

describe('which window a page is', () => {
  it('is the tray window only with ?window=tray', () => {
    expect(windowKindOf('?window=tray')).toBe('tray');
    expect(windowKindOf('?x=1&window=tray')).toBe('tray');
    expect(windowKindOf('')).toBe('main');
    expect(windowKindOf('?window=main')).toBe('main');
    expect(windowKindOf('?window=TRAY')).toBe('main');
  });
});

describe('app commands', () => {
  const command = (name: AppCommand['command'], target: AppCommand['target'], conversationId?: string) =>
    ({ command: name, target, ...(conversationId ? { conversationId } : {}) }) as AppCommand;

  it('are acted on only by the window they name', () => {
    expect(commandAction('main', command('new-chat', 'tray'))).toBeUndefined();
    expect(commandAction('tray', command('new-chat', 'main'))).toBeUndefined();
    expect(commandAction('tray', command('new-chat', 'tray'))).toEqual({ type: 'new-chat' });
    expect(commandAction('main', command('new-chat', 'main'))).toEqual({ type: 'new-chat' });
  });

  it('leave settings and compare to the main window', () => {
    expect(commandAction('main', command('open-settings', 'main'))).toEqual({ type: 'open-settings' });
    expect(commandAction('tray', command('open-settings', 'tray'))).toBeUndefined();
    expect(commandAction('main', command('open-compare', 'main'))).toEqual({ type: 'open-compare' });
    expect(commandAction('tray', command('open-compare', 'tray'))).toBeUndefined();
  });

  it('open a conversation a notification names, and show the latest when the tray window is shown', () => {
    expect(commandAction('main', command('open-chat', 'main', 'c7'))).toEqual({
      type: 'open-chat',
      conversationId: 'c7',
    });
    expect(commandAction('main', command('open-chat', 'main'))).toEqual({ type: 'open-chat' });
    expect(commandAction('main', command('focus-composer', 'main'))).toEqual({ type: 'focus-composer' });
    expect(commandAction('tray', command('focus-composer', 'tray'))).toEqual({ type: 'show-latest' });
  });

  it('carry what the tray window handed over: the profile for settings, the prompt for compare', () => {
    expect(commandAction('main', { command: 'open-settings', target: 'main', profileId: 'p2' })).toEqual({
      type: 'open-settings',
      profileId: 'p2',
    });
    expect(
      commandAction('main', { command: 'open-compare', target: 'main', prompt: 'Why is the sky blue?' }),
    ).toEqual({ type: 'open-compare', prompt: 'Why is the sky blue?' });
    expect(commandAction('tray', { command: 'open-compare', target: 'tray', prompt: 'x' })).toBeUndefined();
  });
});

describe('the tray window when shown', () => {
  const conversations = [summary('latest', 3), summary('older', 2)];

  it('switches to the most recent conversation', () => {
    const open = { id: 'older', messages: [message('m')] };
    expect(trayConversationOnShow({ conversations, selectedId: 'older', open })).toBe('latest');
    expect(trayConversationOnShow({ conversations, selectedId: undefined, open: undefined })).toBe('latest');
  });

  it('picks the most recent by activity, not a pinned one listed first', () => {
    const pinned = { ...summary('pinned', 1), pinned: true };
    const list = [pinned, summary('recent', 5), summary('older', 2)];
    expect(trayConversationOnShow({ conversations: list, selectedId: undefined, open: undefined })).toBe(
      'recent',
    );
  });

  it('stays on a new chat started there and not sent yet', () => {
    expect(
      trayConversationOnShow({ conversations, selectedId: undefined, open: undefined, draftingNew: true }),
    ).toBeUndefined();
  });

  it('stays when it already shows it, or shows a new chat started there', () => {
    const open = { id: 'latest', messages: [message('m')] };
    expect(trayConversationOnShow({ conversations, selectedId: 'latest', open })).toBeUndefined();
    const fresh = { id: 'older', messages: [] };
    expect(trayConversationOnShow({ conversations, selectedId: 'older', open: fresh })).toBeUndefined();
    expect(
      trayConversationOnShow({ conversations: [], selectedId: undefined, open: undefined }),
    ).toBeUndefined();
  });
});

describe('running app commands', () => {
  const ok = <T>(value: T) => ({ ok: true as const, value });
  const controllerWith = () => {
    const api = new FakeApi({
      'conversations.create': () => ok(summary('new', 9)),
      'conversations.get': (input) => ok({ ...summary((input as { id: string }).id, 1), messages: [] }),
    });
    return { api, controller: new AppController(api, new FakeConnection()) };
  };

  it('new chat goes back to the chat from settings and starts a chat that is created on first send', async () => {
    const { api, controller } = controllerWith();
    runCommandAction(controller, { type: 'open-chat', conversationId: 'c7' });
    controller.openSettings();
    runCommandAction(controller, { type: 'new-chat' });
    expect(controller.store.getState().view).toBe('chat');
    await Promise.resolve();
    // No empty entry in the list before anything is sent.
    expect(api.routes()).not.toContain('conversations.create');
    expect(controller.store.getState()).toMatchObject({ selectedId: undefined, draftingNew: true });
  });

  it('open-chat selects the named conversation; open-settings and open-compare switch views', async () => {
    const { api, controller } = controllerWith();
    runCommandAction(controller, { type: 'open-chat', conversationId: 'c7' });
    expect(controller.store.getState().selectedId).toBe('c7');
    expect(api.calls).toContainEqual({ route: 'conversations.get', input: { id: 'c7' } });
    runCommandAction(controller, { type: 'open-settings' });
    expect(controller.store.getState().view).toBe('settings');
    runCommandAction(controller, { type: 'open-compare' });
    expect(controller.store.getState().view).toBe('compare');
  });

  it('open-settings shows the named profile; open-compare fills in the prompt', () => {
    const { controller } = controllerWith();
    runCommandAction(controller, { type: 'open-settings', profileId: 'p2' });
    expect(controller.store.getState()).toMatchObject({
      view: 'settings',
      settingsRequest: { profileId: 'p2' },
    });
    runCommandAction(controller, { type: 'open-compare', prompt: 'Why is the sky blue?' });
    expect(controller.store.getState()).toMatchObject({
      view: 'compare',
      compareRequest: { prompt: 'Why is the sky blue?' },
    });
  });

  it('focus-composer asks the composer for focus without changing the conversation', () => {
    const { controller } = controllerWith();
    const before = controller.store.getState().composerFocus;
    runCommandAction(controller, { type: 'focus-composer' });
    expect(controller.store.getState().composerFocus).toBe(before + 1);
    expect(controller.store.getState().selectedId).toBeUndefined();
  });
});

describe('handing work to the main window', () => {
  const ok = <T>(value: T) => ({ ok: true as const, value });
  const setup = (kind: 'main' | 'tray', shown: boolean) => {
    const api = new FakeApi({
      'window.showMain': () => ok({ shown }),
      'conversations.get': (input) => ok({ ...summary((input as { id: string }).id, 1), messages: [] }),
    });
    const connection = new FakeConnection();
    return {
      api,
      controller: new AppController(api, connection),
      desktop: new DesktopController(api, connection, kind),
    };
  };

  it('from the tray window: asks main to show the main window with the command, and does nothing here', async () => {
    const { api, controller, desktop } = setup('tray', true);
    await openInMainWindow(controller, desktop, { command: 'open-compare', prompt: 'Compare me' });
    await openInMainWindow(controller, desktop, { command: 'open-settings', profileId: 'p2' });
    await openInMainWindow(controller, desktop, { command: 'open-chat', conversationId: 'c7' });
    expect(api.calls.filter((c) => c.route === 'window.showMain').map((c) => c.input)).toEqual([
      { command: 'open-compare', prompt: 'Compare me' },
      { command: 'open-settings', profileId: 'p2' },
      { command: 'open-chat', conversationId: 'c7' },
    ]);
    expect(controller.store.getState()).toMatchObject({ view: 'chat', selectedId: undefined });
  });

  it('the browser host shows no main window (shown: false): the tray page acts itself', async () => {
    const { controller, desktop } = setup('tray', false);
    await openInMainWindow(controller, desktop, { command: 'open-compare', prompt: 'Compare me' });
    expect(controller.store.getState()).toMatchObject({
      view: 'compare',
      compareRequest: { prompt: 'Compare me' },
    });
    await openInMainWindow(controller, desktop, { command: 'open-settings', profileId: 'p2' });
    expect(controller.store.getState()).toMatchObject({
      view: 'settings',
      settingsRequest: { profileId: 'p2' },
    });
  });

  it('the browser host’s tray page opens the main page on the same conversation (never nothing)', async () => {
    const { controller, desktop } = setup('tray', false);
    const opened: (string | undefined)[] = [];
    await openInMainWindow(controller, desktop, { command: 'open-chat', conversationId: 'c7' }, (id) =>
      opened.push(id),
    );
    expect(opened).toEqual(['c7']);
    expect(mainPageUrl('http://127.0.0.1:5173/?window=tray&token=t', 'c7')).toBe(
      'http://127.0.0.1:5173/?token=t&conversation=c7',
    );
    expect(conversationToOpen('?token=t&conversation=c7')).toBe('c7');
    expect(conversationToOpen('?window=tray')).toBeUndefined();
    expect(withoutOpenRequest('http://h/?token=t&conversation=c7')).toBe('http://h/?token=t');
  });

  it('the main window acts at once, without asking', async () => {
    const { api, controller, desktop } = setup('main', true);
    await openInMainWindow(controller, desktop, { command: 'open-compare', prompt: 'Compare me' });
    expect(controller.store.getState().view).toBe('compare');
    await openInMainWindow(controller, undefined, { command: 'open-chat', conversationId: 'c7' });
    expect(controller.store.getState()).toMatchObject({ view: 'chat', selectedId: 'c7' });
    expect(api.routes()).not.toContain('window.showMain');
  });
});

describe('DesktopController', () => {
  const view = (patch: Partial<DesktopView['prefs']> = {}): DesktopView => ({
    prefs: { ...defaultDesktopPrefs, ...patch },
    status: browserStatus,
  });

  it('loads, follows desktop.changed from other windows, and keeps what update answers', async () => {
    const api = new FakeApi({
      'desktop.get': () => ({ ok: true, value: view() }),
      'desktop.update': (input) => ({
        ok: true,
        value: view((input as { patch: Partial<DesktopView['prefs']> }).patch),
      }),
    });
    const desktop = new DesktopController(api, new FakeConnection(), 'main');
    const stop = desktop.start();
    await Promise.resolve();
    await Promise.resolve();
    expect(desktop.store.getState().view?.prefs.trayPinned).toBe(false);
    api.emit('desktop.changed', view({ trayPinned: true }));
    expect(desktop.store.getState().view?.prefs.trayPinned).toBe(true);
    const updated = await desktop.update({ closeToTray: false });
    expect(updated.ok).toBe(true);
    expect(desktop.store.getState().view?.prefs.closeToTray).toBe(false);
    expect(api.calls.at(-1)).toEqual({ route: 'desktop.update', input: { patch: { closeToTray: false } } });
    stop();
  });

  it('reloads after a reconnect, when other windows may have changed something meanwhile', async () => {
    const api = new FakeApi({ 'desktop.get': () => ({ ok: true, value: view() }) });
    const connection = new FakeConnection();
    const desktop = new DesktopController(api, connection, 'main');
    desktop.start();
    connection.set('reconnecting');
    connection.set('open');
    expect(api.routes().filter((r) => r === 'desktop.get')).toHaveLength(2);
  });

  it("hands this window's commands to its listener, keeping those that came before it listened", () => {
    const api = new FakeApi({ 'desktop.get': () => ({ ok: true, value: view() }) });
    const desktop = new DesktopController(api, new FakeConnection(), 'tray');
    desktop.start();
    api.emit('app.command', { command: 'focus-composer', target: 'tray' });
    api.emit('app.command', { command: 'open-settings', target: 'main' });
    const got: string[] = [];
    const stop = desktop.onCommand((c) => got.push(c.command));
    expect(got).toEqual(['focus-composer']);
    api.emit('app.command', { command: 'new-chat', target: 'tray' });
    expect(got).toEqual(['focus-composer', 'new-chat']);
    stop();
    // Not replayed to a later listener: each command is acted on once.
    const later: string[] = [];
    desktop.onCommand((c) => later.push(c.command));
    expect(later).toEqual([]);
  });

  it('reports tray.hide as the host answers it (the browser host hides nothing)', async () => {
    const api = new FakeApi({ 'tray.hide': () => ({ ok: true, value: { hidden: false } }) });
    const desktop = new DesktopController(api, new FakeConnection(), 'tray');
    expect(await desktop.hideTrayWindow()).toBe(false);
    api.answer('tray.hide', () => ({ ok: true, value: { hidden: true } }));
    expect(await desktop.hideTrayWindow()).toBe(true);
  });
});

describe('desktop settings wording', () => {
  it('says whether the shortcut is registered, and why not', () => {
    expect(shortcutStatusText(shellStatus)).toBe('Registered');
    expect(
      shortcutStatusText({
        ...shellStatus,
        shortcut: { accelerator: 'Alt+K', registered: false, problem: 'Another app uses it.' },
      }),
    ).toBe('Not registered: Another app uses it.');
    expect(shortcutStatusText(browserStatus)).toMatch(/registered when the installed app runs/);
    // "Saved" only once a save resolved, never on opening.
    expect(shortcutStatusText(browserStatus)).not.toMatch(/Saved/);
    expect(shortcutStatusText(browserStatus, true)).toMatch(/^Saved\. /);
  });

  it('disables launch at login only where a desktop shell cannot do it', () => {
    expect(launchAtLoginUnavailable(shellStatus)).toBeUndefined();
    expect(launchAtLoginUnavailable({ ...shellStatus, loginItemSupported: false })).toMatch(
      /startup applications/,
    );
    // The browser host only stores it: editable where the installed app could do it (macOS, Windows)…
    expect(launchAtLoginUnavailable({ ...browserStatus, installedAppLoginItem: true })).toBeUndefined();
    // …and greyed out with the reason elsewhere (Linux), as README says.
    expect(launchAtLoginUnavailable({ ...browserStatus, installedAppLoginItem: false })).toMatch(
      /macOS and Windows only.*startup applications/,
    );
  });

  it('leads with why nothing applies here, or why there is no tray icon', () => {
    expect(desktopNotes(browserStatus)).toEqual([
      'Desktop features run in the installed app. Your choices are saved and take effect in the installed app.',
    ]);
    expect(desktopNotes(shellStatus)).toEqual([]);
    expect(
      desktopNotes({
        ...shellStatus,
        tray: { available: false, problem: 'No status area on this desktop.' },
      }),
    ).toEqual(['No status area on this desktop.']);
  });
});

describe('where replies come from (the empty state)', () => {
  it('follows the profile: this computer, the local network, or a cloud service', () => {
    expect(backendPlaceText({ location: 'local', baseUrl: 'http://127.0.0.1:11434/v1' })).toBe(
      'Your model runs locally, on this computer.',
    );
    expect(backendPlaceText({ location: 'local', baseUrl: 'http://192.168.1.20:11434/v1' })).toBe(
      'Your model runs on your local network, at 192.168.1.20:11434.',
    );
    expect(backendPlaceText({ location: 'cloud', baseUrl: 'https://api.openai.com/v1' })).toBe(
      'Replies come from api.openai.com, a cloud service.',
    );
  });

  it('says nothing about the place before a profile is known', () => {
    expect(backendPlaceText(undefined)).toBeUndefined();
  });
});
