// Runs in a child `node --import ./fake-electron/register.mjs` process: loads the built main bundle
// against the stand-in `electron`, makes the app ready, pokes the wiring the way a renderer, a hostile
// page and the OS would, quits, and writes everything to the report file for boot.test.ts.
import electron from 'electron';
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const { app, ipcMain, protocol, session, __boot: boot } = electron;
const mainBundle = process.env.BOOT_MAIN_BUNDLE;
const probes = {};
const errors = [];

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

async function probe() {
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

  // --- quitting waits for the core to close ---
  app.quit();
  await Promise.race([boot.quitted, settle(8_000)]);
  probes.quit = { ...boot.quitState };
  const dataDir = `${app.getPath('userData')}/data`;
  probes.dataFiles = existsSync(dataDir) ? readdirSync(dataDir, { recursive: true }).map(String) : [];
  probes.handlersAfterQuit = [...ipcMain.handlers.keys()];
}

try {
  if (!mainBundle) throw new Error('BOOT_MAIN_BUNDLE is not set');
  await import(pathToFileURL(mainBundle).href);
  await settle(10);
  await boot.start();
  await waitFor(() => boot.windows.size > 0, 'a window');
  await probe();
} catch (error) {
  errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
}
await boot.writeReport({ probes, errors });
process.exit(errors.length ? 1 : 0);
