/**
 * The SDK's timeout stops counting once response headers arrive; a stream that stalls after that
 * would hang forever. This iterates `source` and calls `onIdle` when no item arrives for `idleMs`.
 */
export async function* withIdleWatchdog<T>(
  source: AsyncIterable<T>,
  idleMs: number,
  onIdle: () => void,
): AsyncGenerator<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onIdle, idleMs);
  };
  try {
    arm();
    for await (const item of source) {
      arm();
      yield item;
    }
  } finally {
    if (timer) clearTimeout(timer);
  }
}
