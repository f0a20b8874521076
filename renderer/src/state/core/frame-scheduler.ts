/**
 * Runs a callback at most once per animation frame, however often it is requested. In a hidden tab
 * frames stop, and so does painting; the work is done once when the tab is shown again.
 */
export class FrameScheduler {
  #pending = false;

  constructor(private readonly callback: () => void) {}

  request(): void {
    if (this.#pending) return;
    this.#pending = true;
    requestAnimationFrame(() => {
      this.#pending = false;
      this.callback();
    });
  }
}
