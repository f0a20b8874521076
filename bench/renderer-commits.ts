import type { BrowserHost } from '../electron/host/browser-host';
import type { TestServer } from '../tests/support/openai-test-server';
import { launchChromium } from './bench-env';

const readStats = () => {
  const stats = (globalThis as { __assistantRenderStats?: { commits: number; blockRenders: number } })
    .__assistantRenderStats;
  return { commits: stats?.commits ?? 0, blockRenders: stats?.blockRenders ?? 0 };
};

/** How often the transcript commits while a reply streams, and how many markdown blocks render. */
export async function rendererCommits(server: TestServer, host: BrowserHost) {
  const browser = await launchChromium();
  const rows: Record<string, string | number>[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    const composer = page.getByRole('textbox', { name: 'Message' });
    for (const tps of [0, 500]) {
      server.setTokensPerSecond(tps);
      await page.getByRole('button', { name: 'New chat', exact: true }).click();
      const before = await page.evaluate(readStats);
      const started = Date.now();
      await composer.fill('go');
      await composer.press('Enter');
      await page
        .locator('[data-role="assistant"][data-status="complete"]')
        .last()
        .waitFor({ timeout: 60_000 });
      const seconds = (Date.now() - started) / 1000;
      const after = await page.evaluate(readStats);
      const tokens = server.timings.at(-1)?.tokens ?? 0;
      rows.push({
        'backend rate': tps === 0 ? 'unthrottled' : `${tps} tok/s`,
        tokens,
        'stream seconds': seconds,
        'transcript commits': after.commits - before.commits,
        'commits/s': (after.commits - before.commits) / seconds,
        'tokens per commit': tokens / Math.max(1, after.commits - before.commits),
        'markdown block renders': after.blockRenders - before.blockRenders,
      });
    }
  } finally {
    await browser.close();
  }
  return rows;
}
