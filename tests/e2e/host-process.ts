import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const hostScript = resolve('dist/electron/browser-host.js');

/** The browser host as a user runs it: a separate process, reporting its URL as its last stdout line. */
export class HostProcess {
  #child: ChildProcess | undefined;
  url = '';
  output = '';

  constructor(private readonly args: { data: string; backend: string; extra?: string[] }) {}

  async start(): Promise<string> {
    if (!existsSync(hostScript)) throw new Error(`${hostScript} is missing: run \`npm run build\` first.`);
    const child = spawn(
      process.execPath,
      [
        hostScript,
        '--port',
        '0',
        '--data',
        this.args.data,
        '--backend',
        this.args.backend,
        ...(this.args.extra ?? []),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.#child = child;
    this.url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`host did not start:\n${this.output}`)), 15_000);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        const match = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(this.output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (c: Buffer) => (this.output += c.toString()));
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`host exited with ${code}:\n${this.output}`));
      });
    });
    return this.url;
  }

  /** SIGTERM, as a user closing it would; resolves when the process is gone. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  }
}

export { freePort } from '../support/free-port';
