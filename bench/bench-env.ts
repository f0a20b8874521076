import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../playwright.config';

/** Sizes come from the environment, so a quick run and a thorough one use the same code. */
const numberFrom = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const RUNS = numberFrom('BENCH_RUNS', 15);
export const TOKENS = numberFrom('BENCH_TOKENS', 2_000);
export const LONG_OPENS = numberFrom('BENCH_OPENS', 7);
/** The reply streamed into a long thread for frame times: reasoning, markdown and code, at this rate. */
export const FRAME_TPS = numberFrom('BENCH_FRAME_TPS', 100);
export const BIG_CODE_LINES = numberFrom('BENCH_BIG_CODE_LINES', 2_000);
export const BIG_RUNS = numberFrom('BENCH_BIG_RUNS', 3);
export const HEAP_REPLIES = numberFrom('BENCH_HEAP_REPLIES', 1_000);
export const COLD_STARTS = numberFrom('BENCH_COLD_STARTS', 5);

export const BENCH_TOKEN = 'bench-token';
export const clock = () => performance.timeOrigin + performance.now();

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}
