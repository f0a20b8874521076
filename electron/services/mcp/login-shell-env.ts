import { execFile } from 'node:child_process';

/**
 * The environment stdio MCP servers start with. An app opened from a launcher (Dock, Start menu,
 * desktop file) does not inherit the PATH the user's terminal has, so `npx`, `uvx` or `docker`
 * are "not found" although they work in a terminal. On macOS and Linux the login shell is asked
 * once for its environment; on Windows, and whenever the shell fails, the app's own environment.
 */
export type EnvironmentSource = () => Promise<Record<string, string>>;

export const SHELL_ENV_TIMEOUT_MS = 5_000;
const START = '__LLM_DESK_ENV_START__';
const END = '__LLM_DESK_ENV_END__';

/**
 * Electron sets this for children that should run as Node; a server given it would run through the
 * app's binary and lose its stdin. Never passed on.
 */
const STRIPPED = ['ELECTRON_RUN_AS_NODE', 'ELECTRON_NO_ATTACH_CONSOLE'];

export function withoutElectronVariables(env: Record<string, string | undefined>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && !STRIPPED.includes(key)) clean[key] = value;
  return clean;
}

/**
 * Reads `env -0` between markers, so whatever the user's rc files print (greetings, `nvm` notices)
 * is ignored. NUL-separated, so values with newlines survive.
 */
export function parseMarkedEnvironment(output: string): Record<string, string> | undefined {
  const start = output.indexOf(START);
  const end = output.indexOf(END, start + START.length);
  if (start < 0 || end < 0) return undefined;
  const body = output.slice(start + START.length, end);
  const env: Record<string, string> = {};
  for (const entry of body.split('\0')) {
    const at = entry.indexOf('=');
    if (at <= 0) continue;
    env[entry.slice(0, at).replace(/^\n+/, '')] = entry.slice(at + 1);
  }
  return Object.keys(env).length > 0 ? env : undefined;
}

export interface LoginShellOptions {
  platform?: NodeJS.Platform;
  shell?: string;
  timeoutMs?: number;
  /** The fallback and the base (the app's own environment). */
  processEnv?: Record<string, string | undefined>;
}

/** Asks the login shell for its environment; falls back to the app's own on any failure. */
export async function readLoginShellEnvironment(
  options: LoginShellOptions = {},
): Promise<Record<string, string>> {
  const processEnv = options.processEnv ?? process.env;
  const fallback = withoutElectronVariables(processEnv);
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') return fallback;
  const shell = options.shell ?? processEnv.SHELL ?? (platform === 'darwin' ? '/bin/zsh' : '/bin/sh');
  const script = `printf '%s' '${START}'; env -0; printf '%s' '${END}'`;
  const output = await new Promise<string | undefined>((resolve) => {
    execFile(
      shell,
      ['-ilc', script],
      {
        timeout: options.timeoutMs ?? SHELL_ENV_TIMEOUT_MS,
        maxBuffer: 8 * 1024 * 1024,
        // The shell itself must not think it runs as Electron-as-Node, nor wait for a terminal.
        env: { ...fallback, DISABLE_AUTO_UPDATE: 'true' },
        encoding: 'utf8',
        windowsHide: true,
      },
      (error, stdout) => resolve(error && !stdout ? undefined : stdout),
    ).stdin?.end();
  });
  const parsed = output === undefined ? undefined : parseMarkedEnvironment(output);
  if (!parsed) {
    console.warn(`[mcp] could not read the environment of ${shell}; using the app's own.`);
    return fallback;
  }
  return withoutElectronVariables(parsed);
}

/** Resolved once (on first use) and cached for every later server start. */
export function cachedEnvironment(
  read: EnvironmentSource = () => readLoginShellEnvironment(),
): EnvironmentSource {
  let pending: Promise<Record<string, string>> | undefined;
  return () => (pending ??= read().catch(() => withoutElectronVariables(process.env)));
}
