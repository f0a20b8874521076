import type { ModelInfo } from '../../../shared/domain/profiles';

const units = ['B', 'KB', 'MB', 'GB', 'TB'];

/** A model file's size the way Ollama prints it (decimal units): "1.2 GB", "274 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** What Ollama tells about a model, compactly: "1.2 GB · Q4_K_M · loaded"; empty when it tells nothing. */
export function modelDetails(model: ModelInfo): string {
  const parts = [
    model.sizeBytes !== undefined ? formatBytes(model.sizeBytes) : '',
    model.quantization ?? '',
    model.loaded ? 'loaded' : '',
  ].filter((part) => part.length > 0);
  return parts.join(' · ');
}

/** A model list entry: "llama3.2:1b — 1.2 GB · Q4_K_M · loaded", or just the name. */
export function modelLabel(model: ModelInfo): string {
  const details = modelDetails(model);
  return details ? `${model.id} — ${details}` : model.id;
}
