import type { AssistantApi } from '../../shared/index';

/** Render counts for benchmarks, read from the page by the bench harness. */
export interface RenderStats {
  commits: number;
  /** Markdown blocks rendered: with memoisation, finished blocks add nothing while the tail grows. */
  blockRenders: number;
}

declare global {
  interface Window {
    /** Set by the Electron preload through contextBridge; absent in a plain browser. */
    readonly assistant?: AssistantApi;
  }
  var __assistantRenderStats: RenderStats | undefined;
}
