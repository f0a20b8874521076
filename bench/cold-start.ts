import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostProcess } from '../tests/e2e/host-process';
import type { TestServer } from '../tests/support/openai-test-server';
import { COLD_STARTS, launchChromium } from './bench-env';
import { median } from './table';

/**
 * Cold start of the browser host as a user runs it (`node dist/electron/browser-host.js`, a new
 * data folder each time): from spawning the process to its URL printed, and from there to the
 * page's message box taking focus in an already running Chromium.
 */
export async function coldStart(server: TestServer) {
  const browser = await launchChromium();
  const spawnToUrl: number[] = [];
  const urlToComposer: number[] = [];
  try {
    for (let run = 0; run <= COLD_STARTS; run++) {
      const dir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
      const host = new HostProcess({ data: dir, backend: server.url });
      try {
        const spawned = performance.now();
        const url = await host.start();
        const listening = performance.now();
        const page = await browser.newPage();
        await page.goto(url);
        const composer = page.getByRole('textbox', { name: 'Message' });
        await composer.focus();
        if (!(await composer.evaluate((element) => element === document.activeElement)))
          throw new Error('the message box did not take focus');
        const ready = performance.now();
        await page.close();
        if (run > 0) {
          // The first start warms the disk cache and Chromium.
          spawnToUrl.push(listening - spawned);
          urlToComposer.push(ready - listening);
        }
      } finally {
        await host.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  const total = spawnToUrl.map((ms, i) => ms + (urlToComposer[i] ?? 0));
  return [
    {
      starts: total.length,
      'spawn → URL printed p50 (ms)': median(spawnToUrl),
      'URL → message box focusable p50 (ms)': median(urlToComposer),
      'spawn → interactive p50 (ms)': median(total),
      'min (ms)': Math.min(...total),
      'max (ms)': Math.max(...total),
    },
  ];
}
