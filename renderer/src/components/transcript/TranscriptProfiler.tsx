import { Profiler, type ReactNode } from 'react';

/** Counts the transcript's commits for the benchmarks (they read `__assistantRenderStats` from the page). */
function countCommit(): void {
  const stats = (globalThis.__assistantRenderStats ??= { commits: 0, blockRenders: 0 });
  stats.commits++;
}

export function TranscriptProfiler({ children }: { children: ReactNode }) {
  return (
    <Profiler id="transcript" onRender={countCommit}>
      {children}
    </Profiler>
  );
}
