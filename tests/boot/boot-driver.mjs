// Runs in a child `node --import ./fake-electron/register.mjs` process: loads the built main bundle
// against the stand-in `electron`, makes the app ready, pokes the wiring the way a renderer, a hostile
// page, the user and the OS would, quits, and writes everything to the report file for boot.test.ts.
// BOOT_SCENARIO picks what to do (see `scenarios` below); BOOT_SEED_FILES (JSON: file name → text) is
// written into the data folder first, to start from given settings or damaged files.
import electron from 'electron';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { app, ipcMain, protocol, session, nativeTheme, globalShortcut, __boot: boot } = electron;
const mainBundle = process.env.BOOT_MAIN_BUNDLE;
const scenario = process.env.BOOT_SCENARIO ?? 'full';
const probes = { scenario };
const errors = [];
const DEFAULT_SHORTCUT = 'CommandOrControl+Shift+Space';

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(predicate, what, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle(10);
  }
}

function frameEvent(sender, url) {
  return {
    sender,
    senderFrame: url === null ? null : { url, origin: url, parent: null, routingId: 1, processId: 1 },
    frameId: 1,
    processId: 1,
    preventDefault() {},
  };
}

async function invoke(event, route, input) {
  const handler = ipcMain.handlers.get(`route:${route}`);
  if (!handler) return { missingHandler: route };
  return handler(event, input);
}

function sentEvents(contents) {
  return contents.sent.map((s) => s.channel);
}

async function probeSecurity() {
  const [win] = boot.windows;
  const contents = win.webContents;
  await waitFor(() => contents.getURL() !== '', 'the window to load');
  await settle(20);
  const appUrl = contents.getURL();

  // --- IPC sender validation ---
  const genuine = { sender: contents, senderFrame: contents.mainFrame, frameId: 1, processId: 1 };
  const before = contents.sent.length;
  probes.evil = {
    foreignOrigin: await invoke(frameEvent(contents, 'https://evil.example/'), 'profiles.create', {
      name: 'Evil',
      kind: 'custom',
      baseUrl: 'http://evil.example/v1',
      apiKey: 'sk-evil',
    }),
    fileOrigin: await invoke(frameEvent(contents, 'file:///etc/passwd'), 'conversations.create', undefined),
    noFrame: await invoke(frameEvent(contents, null), 'conversations.create', undefined),
    // The right origin, but a webContents we never created (a devtools page, a popup…).
    foreignWindow: await invoke(
      frameEvent(new electron.WebContents(session.defaultSession), appUrl),
      'conversations.create',
      undefined,
    ),
  };
  probes.evilSentEvents = contents.sent.slice(before).map((s) => s.channel);

  probes.genuine = {
    settingsGet: await invoke(genuine, 'settings.get', undefined),
    conversationsList: await invoke(genuine, 'conversations.list', undefined),
    invalidInput: await invoke(genuine, 'conversations.get', { nope: 1 }),
    profileCreate: await invoke(genuine, 'profiles.create', {
      name: 'Boot proxy',
      kind: 'litellm',
      baseUrl: 'http://127.0.0.1:4000/v1',
      apiKey: 'sk-boot-secret',
    }),
    profilesList: await invoke(genuine, 'profiles.list', undefined),
  };
  await settle(50);
  probes.sentEvents = sentEvents(contents);

  // --- permissions ---
  const ses = contents.session;
  const requestAnswer = (permission, requestingUrl) =>
    new Promise((resolve) => {
      ses.permissionRequestHandler(contents, permission, resolve, { requestingUrl, isMainFrame: true });
      setTimeout(() => resolve('no answer'), 1_000);
    });
  probes.permissions = {
    request: {
      media: await requestAnswer('media', appUrl),
      geolocation: await requestAnswer('geolocation', appUrl),
      notifications: await requestAnswer('notifications', appUrl),
      openExternal: await requestAnswer('openExternal', appUrl),
      clipboardFromEvil: await requestAnswer('clipboard-sanitized-write', 'https://evil.example/'),
    },
    check: {
      media: ses.permissionCheckHandler(contents, 'media', 'app://renderer', {}),
      hid: ses.permissionCheckHandler(contents, 'hid', 'app://renderer', {}),
    },
    defaultSessionHasHandlers:
      typeof session.defaultSession.permissionRequestHandler === 'function' &&
      typeof session.defaultSession.permissionCheckHandler === 'function',
  };

  // --- new windows, navigation, webviews ---
  const opened = () => boot.calls.filter((c) => c.api === 'shell.openExternal').map((c) => c.args[0]);
  probes.windowOpen = {
    https: contents.windowOpenHandler({ url: 'https://example.com/docs', disposition: 'foreground-tab' }),
    javascript: contents.windowOpenHandler({ url: 'javascript:alert(1)', disposition: 'foreground-tab' }),
    file: contents.windowOpenHandler({ url: 'file:///etc/passwd', disposition: 'foreground-tab' }),
    app: contents.windowOpenHandler({ url: `${appUrl}#x`, disposition: 'new-window' }),
  };
  await settle(10);
  probes.openedExternally = opened();

  const navigate = (eventName, url) => {
    const event = { url, isMainFrame: true, isSameDocument: false, defaultPrevented: false };
    event.preventDefault = () => (event.defaultPrevented = true);
    contents.emit(eventName, event, url);
    return event.defaultPrevented;
  };
  probes.navigation = {
    navigateAway: navigate('will-navigate', 'https://evil.example/'),
    navigateFile: navigate('will-navigate', 'file:///etc/passwd'),
    navigateInApp: navigate('will-navigate', 'app://renderer/index.html'),
    redirectAway: navigate('will-redirect', 'https://evil.example/'),
    redirectInApp: navigate('will-redirect', 'app://renderer/index.html'),
  };
  const webview = { defaultPrevented: false, preventDefault: () => (webview.defaultPrevented = true) };
  contents.emit('will-attach-webview', webview, {}, {});
  probes.webviewPrevented = webview.defaultPrevented;

  // A webContents created later (any kind) gets the same hardening.
  const later = new electron.WebContents(session.defaultSession);
  app.emit('web-contents-created', {}, later);
  probes.laterContentsHardened = typeof later.windowOpenHandler === 'function';

  // --- the app:// protocol ---
  const handler = protocol.handlers.get('app');
  const fetchApp = async (url, method = 'GET') => {
    const response = await handler(new Request(url, { method }));
    return {
      status: response.status,
      csp: response.headers.get('content-security-policy'),
      type: response.headers.get('content-type'),
      body: method === 'GET' && response.status === 200 ? (await response.text()).slice(0, 200) : '',
    };
  };
  probes.protocol = handler
    ? {
        entry: await fetchApp(appUrl),
        missing: await fetchApp('app://renderer/does-not-exist.js'),
        traversal: [
          await fetchApp('app://renderer/..%2f..%2fpackage.json'),
          await fetchApp('app://renderer/%2e%2e/%2e%2e/package.json'),
          await fetchApp('app://renderer/..%5c..%5cpackage.json'),
          await fetchApp('app://renderer/%2fetc%2fpasswd'),
        ],
        otherHost: await fetchApp('app://elsewhere/index.html'),
        post: await fetchApp('app://renderer/index.html', 'POST'),
      }
    : { missingHandler: true };
}

/** Quits like the user would, waits for it, and looks at what is left. */
async function probeQuit() {
  app.quit();
  await Promise.race([boot.quitted, settle(8_000)]);
  probes.quit = { ...boot.quitState };
  const dataDir = `${app.getPath('userData')}/data`;
  probes.dataFiles = existsSync(dataDir) ? readdirSync(dataDir, { recursive: true }).map(String) : [];
  probes.handlersAfterQuit = [...ipcMain.handlers.keys()];
  const statePath = join(dataDir, 'window-state.json');
  probes.windowStateFile = existsSync(statePath) ? JSON.parse(readFileSync(statePath, 'utf8')) : null;
}

// ----- the desktop shell: tray, tray window, shortcut, menus, notifications, closing -----

const genuineOf = (win) => ({
  sender: win.webContents,
  senderFrame: win.webContents.mainFrame,
  frameId: 1,
  processId: 1,
});
const mainWindow = () => [...boot.windows].find((w) => !w.webContents.url.includes('window=tray'));
const trayWindow = () => [...boot.windows].find((w) => w.webContents.url.includes('window=tray'));
const commandsSent = (win, since = 0) =>
  win.webContents.sent
    .slice(since)
    .filter((s) => s.channel === 'event:app.command')
    .map((s) => s.args[0]);
const presence = (win) =>
  win ? { visible: win.isVisible(), focused: win.isFocused(), destroyed: win.isDestroyed() } : null;

/** A menu as plain data: what the user sees of each item. */
function describeMenu(items) {
  return (items ?? []).map((item) => ({
    ...(item.id ? { id: item.id } : {}),
    ...(item.label ? { label: item.label } : {}),
    ...(item.role ? { role: item.role } : {}),
    ...(item.type ? { type: item.type } : {}),
    ...(item.accelerator ? { accelerator: item.accelerator } : {}),
    ...(item.checked !== undefined ? { checked: item.checked } : {}),
    ...(item.submenu ? { submenu: describeMenu(item.submenu.items ?? item.submenu) } : {}),
  }));
}

async function clickTray(bounds) {
  boot.trayBounds = { ...bounds };
  boot.trays[0].emit(
    'click',
    { altKey: false, shiftKey: false, ctrlKey: false, metaKey: false },
    { ...bounds },
  );
  await settle(20);
}

async function waitForReply(win, since) {
  await waitFor(
    () =>
      win.webContents.sent
        .slice(since)
        .some((s) => s.channel === 'event:chat.stream' && ['finished', 'failed'].includes(s.args[0].type)),
    'the reply to finish',
  );
  return win.webContents.sent
    .slice(since)
    .filter((s) => s.channel === 'event:chat.stream')
    .map((s) => s.args[0].type);
}

async function probeDesktop() {
  const main = mainWindow();
  const d = (probes.desktop = {});
  d.startupSeq = boot.calls.at(-1).seq;
  d.mainAtStart = presence(main);
  d.themeSource = nativeTheme.themeSource;
  d.initialView = await invoke(genuineOf(main), 'desktop.get');

  // --- the tray and its menu (set again once the backends are listed) ---
  d.trayCount = boot.trays.length;
  await waitFor(
    () => boot.trays[0]?.menu?.getMenuItemById('backend')?.submenu?.some((i) => i.type === 'radio'),
    'the tray menu with the backends',
  );
  d.trayMenu = describeMenu(boot.trays[0].menu.items);
  d.trayIcon = boot.trays[0].image.path;
  d.appMenu = describeMenu(boot.applicationMenu.items);

  // --- a click on the tray, in a taskbar at the bottom right, shows the tray window above it ---
  await clickTray({ x: 1600, y: 1048, width: 24, height: 24 });
  await waitFor(() => trayWindow()?.isVisible(), 'the tray window to show');
  await settle(20);
  const tray = trayWindow();
  d.trayWindow = { url: tray.webContents.url, bounds: tray.getBounds(), ...presence(tray) };
  d.trayFocusCommands = commandsSent(tray);
  d.mainGotTrayCommands = commandsSent(main).filter((c) => c.target === 'tray').length > 0;

  // It is one of our windows: its IPC reaches the router.
  d.fromTray = {
    desktopGet: await invoke(genuineOf(tray), 'desktop.get'),
    conversationsList: await invoke(genuineOf(tray), 'conversations.list'),
  };

  // --- focus elsewhere hides it; the click that took the focus does not bring it back ---
  main.focus();
  d.afterBlur = presence(tray);
  await clickTray({ x: 1600, y: 1048, width: 24, height: 24 });
  d.clickThatBlurred = presence(tray);
  await settle(350);

  // --- no tray bounds (many Linux desktops): centred ---
  await clickTray({ x: 0, y: 0, width: 0, height: 0 });
  await waitFor(() => tray.isVisible(), 'the tray window to show again');
  d.centred = tray.getBounds();
  await clickTray({ x: 0, y: 0, width: 0, height: 0 });
  d.clickWhileFocused = presence(tray);

  // --- pinned, it stays when focus goes elsewhere; tray.hide (its Escape) hides it ---
  d.pin = await invoke(genuineOf(main), 'desktop.update', { patch: { trayPinned: true } });
  d.pressDefault = boot.pressShortcut(DEFAULT_SHORTCUT);
  await waitFor(() => tray.isVisible(), 'the shortcut to show the tray window');
  main.focus();
  d.pinnedAfterBlur = presence(tray);
  d.trayHide = await invoke(genuineOf(tray), 'tray.hide');
  d.afterTrayHide = presence(tray);
  d.trayHideAgain = await invoke(genuineOf(tray), 'tray.hide');
  await invoke(genuineOf(main), 'desktop.update', { patch: { trayPinned: false } });

  // --- the shortcut: changed, invalid, taken ---
  const s = (d.shortcut = {});
  s.registeredAtStart = boot.calls.find((c) => c.api === 'globalShortcut.register')?.args[0];
  s.change = await invoke(genuineOf(main), 'desktop.update', { patch: { shortcut: 'alt+shift+k' } });
  s.afterChange = {
    old: globalShortcut.isRegistered(DEFAULT_SHORTCUT),
    new: globalShortcut.isRegistered('Alt+Shift+K'),
  };
  s.pressNew = boot.pressShortcut('Alt+Shift+K');
  await waitFor(() => tray.isVisible(), 'the new shortcut to show the tray window');
  s.trayAfterPress = presence(tray);
  s.pressAgain = boot.pressShortcut('Alt+Shift+K');
  s.trayAfterSecondPress = presence(tray);
  s.invalid = await invoke(genuineOf(main), 'desktop.update', { patch: { shortcut: 'Ctrl+Shift' } });
  s.unknownKey = await invoke(genuineOf(main), 'desktop.update', { patch: { shortcut: 'Shift+Banana' } });
  boot.takenShortcuts.add('Alt+Shift+T');
  s.taken = await invoke(genuineOf(main), 'desktop.update', {
    patch: { shortcut: 'Alt+Shift+T', notifyWhenHidden: false },
  });
  s.afterTaken = {
    view: await invoke(genuineOf(main), 'desktop.get'),
    kept: globalShortcut.isRegistered('Alt+Shift+K'),
    taken: globalShortcut.isRegistered('Alt+Shift+T'),
  };
  s.launchAtLogin = await invoke(genuineOf(main), 'desktop.update', { patch: { launchAtLogin: true } });
  d.desktopChangedEvents = main.webContents.sent.filter((e) => e.channel === 'event:desktop.changed').length;

  // --- the application menu acts on the window it was used in ---
  const menu = boot.applicationMenu;
  main.focus();
  let since = main.webContents.sent.length;
  menu.getMenuItemById('new-chat').click({}, main, {});
  await settle(10);
  d.menuNewChatInMain = commandsSent(main, since);
  boot.pressShortcut('Alt+Shift+K');
  await waitFor(() => tray.isFocused(), 'the tray window to take focus');
  since = tray.webContents.sent.length;
  menu.getMenuItemById('new-chat').click({}, tray, {});
  await settle(10);
  d.menuNewChatInTray = commandsSent(tray, since);
  since = main.webContents.sent.length;
  menu.getMenuItemById('settings').click({}, tray, {});
  await settle(10);
  d.menuSettings = { commands: commandsSent(main, since), main: presence(main), tray: presence(tray) };

  // --- the tray menu ---
  since = tray.webContents.sent.length;
  boot.trays[0].menu.getMenuItemById('new-chat').click({}, undefined, {});
  await settle(10);
  d.trayMenuNewChat = { commands: commandsSent(tray, since), tray: presence(tray) };
  const otherBackend = boot.trays[0].menu
    .getMenuItemById('backend')
    .submenu.find((item) => item.type === 'radio' && !item.checked);
  if (otherBackend) {
    otherBackend.click({}, undefined, {});
    await waitFor(
      () => boot.trays[0].menu.getMenuItemById(otherBackend.id)?.checked === true,
      'the tray menu to show the new default backend',
    );
    const settings = await invoke(genuineOf(main), 'settings.get');
    d.switchedBackend = { to: otherBackend.id, defaultProfileId: settings.value?.defaultProfileId };
    // Back to the test backend, which answers.
    const first = boot.trays[0].menu.getMenuItemById('backend').submenu.find((item) => item !== otherBackend);
    first.click({}, undefined, {});
    await waitFor(
      () => boot.trays[0].menu.getMenuItemById(first.id)?.checked === true,
      'the first backend again',
    );
  }

  // --- the tray window hands work to the main window (window.showMain) ---
  if (tray.isVisible()) tray.focus();
  else await clickTray({ x: 1600, y: 1048, width: 24, height: 24 });
  await waitFor(() => tray.isVisible() && tray.isFocused(), 'the tray window to show for the hand-over');
  const mainBeforeShowMain = presence(main);
  since = main.webContents.sent.length;
  const traySince = tray.webContents.sent.length;
  const showMainAnswer = await invoke(genuineOf(tray), 'window.showMain', {
    command: 'open-compare',
    prompt: 'Compare this prompt',
  });
  const settingsAnswer = await invoke(genuineOf(tray), 'window.showMain', {
    command: 'open-settings',
    profileId: 'profile-1',
  });
  await settle(10);
  d.showMain = {
    before: mainBeforeShowMain,
    answer: showMainAnswer,
    settingsAnswer,
    main: presence(main),
    tray: presence(tray),
    commands: commandsSent(main, since),
    trayCommands: commandsSent(tray, traySince),
    notAHandOver: await invoke(genuineOf(tray), 'window.showMain', { command: 'new-chat' }),
  };

  // --- notifications: a reply that finishes out of sight, and one in sight ---
  await invoke(genuineOf(main), 'desktop.update', { patch: { notifyWhenHidden: true } });
  const created = await invoke(genuineOf(main), 'conversations.create');
  const conversationId = created.value.id;
  main.hide();
  tray.hide();
  since = main.webContents.sent.length;
  await invoke(genuineOf(main), 'chat.send', { conversationId, text: 'Hello from the boot test' });
  d.hiddenReply = await waitForReply(main, since);
  await waitFor(() => boot.notifications.length > 0, 'a notification');
  d.notification = { ...boot.notifications[0].options };
  since = main.webContents.sent.length;
  boot.notifications[0].emit('click', {});
  await settle(20);
  d.notificationClick = { main: presence(main), commands: commandsSent(main, since), conversationId };
  since = main.webContents.sent.length;
  await invoke(genuineOf(main), 'chat.send', { conversationId, text: 'And again, watching' });
  d.watchedReply = await waitForReply(main, since);
  await settle(50);
  d.notificationCount = boot.notifications.length;

  // --- the system theme ---
  nativeTheme.shouldUseDarkColors = true;
  nativeTheme.emit('updated');
  d.darkTheme = { trayIcon: boot.trays[0].image.path, mainBackground: main.backgroundColor };

  // --- a second launch brings the hidden main window back ---
  main.hide();
  d.beforeSecondInstance = presence(main);
  app.emit('second-instance', {}, ['local-llm-desk'], process.cwd(), {});
  await settle(10);
  d.afterSecondInstance = presence(main);

  // --- its place is remembered; closing it keeps the app in the tray ---
  main.setBounds({ x: 120, y: 90, width: 1000, height: 700 });
  main.close();
  await settle(50);
  d.afterClose = { main: presence(main), quit: { ...boot.quitState } };
  d.closeToTrayShowAgain = (app.emit('second-instance', {}, [], process.cwd(), {}), presence(main));

  // --- closed to the tray, the main window comes back when the tray window hands work over ---
  main.close();
  await settle(20);
  const hiddenMain = presence(main);
  const sinceHidden = main.webContents.sent.length;
  const answer = await invoke(genuineOf(tray), 'window.showMain', { command: 'open-chat', conversationId });
  await settle(10);
  d.showMainFromTray = {
    before: hiddenMain,
    answer,
    main: presence(main),
    commands: commandsSent(main, sinceHidden),
    conversationId,
  };
}

/** A desktop without a tray: the main window shows even with "start hidden", and closing it quits. */
async function probeNoTray() {
  const main = mainWindow();
  await waitFor(() => main.isVisible(), 'the main window to show');
  const d = (probes.desktop = {});
  d.mainAtStart = presence(main);
  d.trayCount = boot.trays.length;
  d.view = await invoke(genuineOf(main), 'desktop.get');
  // The shortcut still opens the compact window, centred.
  d.pressDefault = boot.pressShortcut(DEFAULT_SHORTCUT);
  await waitFor(() => trayWindow()?.isVisible(), 'the tray window to show');
  d.trayWindowBounds = trayWindow().getBounds();
  main.close();
  await Promise.race([boot.quitted, settle(8_000)]);
  d.closed = { quit: { ...boot.quitState }, windows: boot.windows.size };
}

/** Damaged window places and desktop settings: the app starts with defaults and says so. */
async function probeDamagedFiles() {
  const main = mainWindow();
  await waitFor(() => main.isVisible(), 'the main window to show');
  const d = (probes.desktop = {});
  d.mainAtStart = presence(main);
  d.mainBounds = main.getBounds();
  d.view = await invoke(genuineOf(main), 'desktop.get');
  d.problems = await invoke(genuineOf(main), 'store.problems');
  boot.pressShortcut(DEFAULT_SHORTCUT);
  await waitFor(() => trayWindow()?.isVisible(), 'the tray window to show');
  d.trayWindowBounds = trayWindow().getBounds();
  await probeQuit();
}

/** closeToTray off: closing the main window quits, though the (hidden) tray window exists. */
async function probeCloseQuits() {
  const main = mainWindow();
  await waitFor(() => main.isVisible(), 'the main window to show');
  const d = (probes.desktop = {});
  await clickTray({ x: 1600, y: 1048, width: 24, height: 24 });
  await waitFor(() => trayWindow()?.isVisible(), 'the tray window to show');
  main.focus();
  d.trayWindowExists = !!trayWindow();
  main.close();
  await Promise.race([boot.quitted, settle(8_000)]);
  d.closed = { quit: { ...boot.quitState }, windows: boot.windows.size };
}

/** "Start hidden" with a tray, and the default shortcut held by another app. */
async function probeHiddenStart() {
  const main = mainWindow();
  await waitFor(() => main.webContents.url !== '', 'the main window to load');
  await settle(50);
  const d = (probes.desktop = {});
  d.mainAtStart = presence(main);
  d.showCalls = boot.calls.filter((c) => c.api === 'BrowserWindow.show').length;
  d.view = await invoke(genuineOf(main), 'desktop.get');
  d.pressDefault = boot.pressShortcut(DEFAULT_SHORTCUT);
  // Choosing another shortcut in settings works and is then active.
  d.change = await invoke(genuineOf(main), 'desktop.update', { patch: { shortcut: 'Super+Alt+L' } });
  d.afterChange = globalShortcut.isRegistered('Super+Alt+L');
  app.emit('second-instance', {}, [], process.cwd(), {});
  await settle(10);
  d.afterSecondInstance = presence(main);
  await probeQuit();
}

const scenarios = {
  full: async () => {
    await probeSecurity();
    await probeDesktop();
    await probeQuit();
  },
  'no-tray': probeNoTray,
  'damaged-files': probeDamagedFiles,
  'close-quits': probeCloseQuits,
  'hidden-start': probeHiddenStart,
};

/** A tiny OpenAI-compatible backend on 127.0.0.1, so replies can finish (and notify). */
async function startBackend() {
  const chunk = (body) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-boot', object: 'chat.completion.chunk', created: 1, model: 'boot-model', ...body })}\n\n`;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'GET' && req.url.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            object: 'list',
            data: [{ id: 'boot-model', object: 'model', created: 0, owned_by: 'boot' }],
          }),
        );
        return;
      }
      if (req.method === 'POST' && req.url.endsWith('/chat/completions')) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(
          chunk({
            choices: [{ index: 0, delta: { role: 'assistant', content: 'Here is ' }, finish_reason: null }],
          }),
        );
        res.write(
          chunk({ choices: [{ index: 0, delta: { content: '**your** answer.' }, finish_reason: null }] }),
        );
        res.write(chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
        res.write(chunk({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 } }));
        res.end('data: [DONE]\n\n');
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'not found' } }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${server.address().port}/v1`;
}

function seedFiles() {
  const seeds = process.env.BOOT_SEED_FILES ? JSON.parse(process.env.BOOT_SEED_FILES) : {};
  const dataDir = join(process.env.ELECTRON_USER_DATA, 'data');
  for (const [name, text] of Object.entries(seeds)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, name), text);
  }
}

try {
  if (!mainBundle) throw new Error('BOOT_MAIN_BUNDLE is not set');
  seedFiles();
  if (scenario === 'full') {
    process.env.ASSISTANT_BACKEND_URL = await startBackend();
    process.env.ASSISTANT_MODEL = 'boot-model';
  }
  await import(pathToFileURL(mainBundle).href);
  await settle(10);
  await boot.start();
  if (scenario === 'second-launch') {
    // Another instance holds the lock: this one quits at once, creating nothing.
    await Promise.race([boot.quitted, settle(2_000)]);
    probes.secondLaunch = {
      quit: { ...boot.quitState },
      windows: boot.windows.size,
      trays: boot.trays.length,
      shortcuts: boot.calls.filter((c) => c.api === 'globalShortcut.register').length,
    };
  } else {
    const run = scenarios[scenario];
    if (!run) throw new Error(`unknown BOOT_SCENARIO ${scenario}`);
    await waitFor(() => boot.windows.size > 0, 'a window');
    await run();
  }
} catch (error) {
  errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
}
await boot.writeReport({ probes, errors });
process.exit(errors.length ? 1 : 0);
