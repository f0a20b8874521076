import type { PullProgress } from '../../../../shared/domain/ollama-models';
import { formatBytes } from '../../format/model-info';

/** Models worth suggesting to someone whose Ollama has none yet: small, popular, good at chat. */
export const SUGGESTED_MODELS = ['llama3.2', 'qwen3', 'gemma3'] as const;

/** Whole percent done, or undefined while the size is not known yet (the bar is then indeterminate). */
export function pullPercent(
  progress: Pick<PullProgress, 'completedBytes' | 'totalBytes'>,
): number | undefined {
  const { completedBytes, totalBytes } = progress;
  if (completedBytes === undefined || !totalBytes || totalBytes <= 0) return undefined;
  return Math.max(0, Math.min(100, Math.floor((completedBytes / totalBytes) * 100)));
}

/** "2 min 5 s left", "40 s left", "1 h 3 min left". */
export function timeLeftText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s left`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${s % 60} s left`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/**
 * The line under a pull's bar: "42% · 1.2 GB of 2.0 GB · 25 MB/s · 40 s left", only with what is
 * known; Ollama's own step ("pulling manifest", "verifying sha256 digest") while there are no bytes.
 */
export function pullProgressText(progress: PullProgress): string {
  const percent = pullPercent(progress);
  const parts: string[] = [];
  if (percent !== undefined) parts.push(`${percent}%`);
  if (progress.completedBytes !== undefined && progress.totalBytes)
    parts.push(`${formatBytes(progress.completedBytes)} of ${formatBytes(progress.totalBytes)}`);
  if (progress.state === 'running') {
    if (progress.bytesPerSecond !== undefined && progress.bytesPerSecond > 0)
      parts.push(`${formatBytes(progress.bytesPerSecond)}/s`);
    if (progress.secondsLeft !== undefined && Number.isFinite(progress.secondsLeft))
      parts.push(timeLeftText(progress.secondsLeft));
  }
  return parts.length > 0 ? parts.join(' · ') : progress.status;
}

/** "1 model: llama3.2", "3 models: a, b and c", "12 models: a, b, c and 9 more". */
export function modelsSummary(names: readonly string[], total = names.length, shown = 3): string {
  const count = `${total} model${total === 1 ? '' : 's'}`;
  if (names.length === 0) return count;
  const first = names.slice(0, shown);
  const more = total - first.length;
  if (more > 0) return `${count}: ${first.join(', ')} and ${more} more`;
  if (first.length === 1) return `${count}: ${first[0]}`;
  return `${count}: ${first.slice(0, -1).join(', ')} and ${first.at(-1)}`;
}
