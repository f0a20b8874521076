import type { Page } from '@playwright/test';
import type { BrowserHost } from '../electron/host/browser-host';
import type { TestServer } from '../tests/support/openai-test-server';
import { BIG_CODE_LINES, BIG_RUNS, launchChromium } from './bench-env';
import { readProbe, send, startProbe, waitSettled, type PageProbe } from './page-probes';
import { bigCodeReply, nestedListReply } from './replies';
import { median } from './table';

const scenarios = [
  { name: `${BIG_CODE_LINES.toLocaleString('en-US')}-line code block`, reply: bigCodeReply(BIG_CODE_LINES) },
  { name: '400-level nested list', reply: nestedListReply(400) },
];

async function newChat(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New chat', exact: true }).click();
  await page.locator('[role="log"] [data-role="assistant"]').first().waitFor({ state: 'detached' });
}

/**
 * Huge replies in Chromium, from the unthrottled test server: the longest main-thread task
 * (PerformanceObserver 'longtask', every task over 50 ms) and the time until the reply settles
 * (complete, every block mounted and highlighted), while it streams and when it is opened again
 * from the list. The goal is no task over 100 ms.
 */
export async function bigOutput(server: TestServer, host: BrowserHost) {
  const browser = await launchChromium();
  server.setTokensPerSecond(0);
  const rows: Record<string, string | number>[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    for (const scenario of scenarios) {
      server.setReply(() => scenario.reply);
      const streamed: PageProbe[] = [];
      const reopened: PageProbe[] = [];
      for (let run = 0; run < BIG_RUNS; run++) {
        const title = `Bench big output ${scenario.name} ${run + 1}`;
        await newChat(page);
        await startProbe(page);
        await send(page, title);
        await waitSettled(page);
        streamed.push(await readProbe(page));
        await newChat(page);
        await startProbe(page);
        await page.getByRole('navigation', { name: 'Conversations' }).getByText(title).first().click();
        await waitSettled(page);
        reopened.push(await readProbe(page));
      }
      const row = (phase: string, probes: PageProbe[]) => ({
        reply: scenario.name,
        phase,
        runs: probes.length,
        'longest task max (ms)': Math.max(0, ...probes.flatMap((p) => p.longTasks)),
        'longest task p50 (ms)': median(probes.map((p) => Math.max(0, ...p.longTasks))),
        'tasks > 100 ms': probes.flatMap((p) => p.longTasks).filter((t) => t > 100).length,
        'settled p50 (ms)': median(probes.map((p) => p.settledMs)),
        'last DOM change p50 (ms)': median(probes.map((p) => p.lastMutationMs)),
      });
      rows.push(row('streamed', streamed), row('reopened', reopened));
    }
  } finally {
    await browser.close();
  }
  return rows;
}
