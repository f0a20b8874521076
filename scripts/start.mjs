// `npm start`, after the build: the Electron app where Electron's binary exists, otherwise the same app
// in the browser host (docs/design.md, "Testing without the Electron binary").
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants, homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * The Electron executable, or undefined. The `electron` package's entry point tries to *download* the
 * binary when it is missing (from outside the npm registry), so look for it on disk first and only
 * import the package once the file is known to be there.
 */
async function findElectron() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const candidate = override
    ? join(override, relative || 'electron')
    : relative
      ? join(packageDir, 'dist', relative)
      : undefined;
  if (!candidate || !existsSync(candidate)) return undefined;
  try {
    const electronPath = (await import('electron')).default;
    return typeof electronPath === 'string' && existsSync(electronPath) ? electronPath : undefined;
  } catch {
    return undefined;
  }
}

function userDataDir() {
  const home = homedir();
  if (process.platform === 'win32') {
    return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'local-llm-desk');
  }
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'local-llm-desk');
  return join(process.env.XDG_DATA_HOME || join(home, '.local', 'share'), 'local-llm-desk');
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: projectDir });
  const forward = (signal) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    // Killed by a signal: exit as a shell would report it (128 + signal number).
    process.exit(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 0));
  });
}

/**
 * Electron 45's package downloads its binary on first use, not at `npm install`. Fetch it once here
 * (its own installer, with its own cache), unless the user opted out as CI does.
 */
function downloadElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return;
  let installer;
  try {
    installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return;
  }
  if (!existsSync(installer)) return;
  console.log('Fetching the Electron binary (once; set ELECTRON_SKIP_BINARY_DOWNLOAD=1 to skip)…');
  const result = spawnSync(process.execPath, [installer], { stdio: 'inherit', timeout: 10 * 60_000 });
  if (result.status !== 0) console.warn('Could not fetch the Electron binary.');
}

let electronPath = await findElectron();
if (!electronPath) {
  downloadElectron();
  electronPath = await findElectron();
}
if (electronPath) {
  run(electronPath, ['.']);
} else {
  const backend = process.env.ASSISTANT_BACKEND_URL || 'http://127.0.0.1:11434/v1';
  const host = join(projectDir, 'dist', 'electron', 'browser-host.js');
  if (!existsSync(host)) {
    console.error(`${host} is missing: run \`npm run build\` first (\`npm start\` does).`);
    process.exit(1);
  }
  const bar = '='.repeat(78);
  console.warn(
    [
      '',
      bar,
      "  Electron's binary is not installed on this machine (its download comes from",
      '  outside the npm registry, and was skipped or failed). Starting the browser host',
      '  instead: the same app in your browser. Open the URL printed below.',
      bar,
      '',
    ].join('\n'),
  );
  run(process.execPath, [
    host,
    '--port',
    '5173',
    '--data',
    join(userDataDir(), 'data'),
    '--backend',
    backend,
  ]);
}
