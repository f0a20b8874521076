/** About two animation frames: a page repaints the list at most that often anyway. */
export const COALESCE_WINDOW_MS = 32;

/**
 * Returns a trigger that runs `deliver` at most once per `windowMs`, however often it is pulled.
 * The first pull after a quiet window delivers at once (no added latency for a single change);
 * pulls within the window collapse into one delivery at its end. `deliver` reads the state when it
 * runs, so the last delivery always carries the latest state.
 *
 * For events whose payload is a whole list (`conversations.changed`): 200 quick creates would
 * otherwise build and send the whole list 200 times to every window.
 */
export function coalesceLatest(
  deliver: () => void,
  windowMs = COALESCE_WINDOW_MS,
  now: () => number = () => performance.now(),
): () => void {
  let lastRun = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = () => {
    timer = undefined;
    lastRun = now();
    try {
      deliver();
    } catch (error) {
      // From a timer a throw would end the process; a missed event is the lesser harm.
      console.error('[events] a coalesced delivery failed:', error);
    }
  };

  return () => {
    if (timer) return;
    const wait = lastRun + windowMs - now();
    if (wait <= 0) return run();
    timer = setTimeout(run, wait);
    // A pending delivery must not keep a closing process alive.
    timer.unref?.();
  };
}
