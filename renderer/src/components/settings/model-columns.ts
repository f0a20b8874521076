import type { ModelInfo } from '../../../../shared/domain/profiles';
import { formatBytes } from '../../format/model-info';

/**
 * The columns of a connection test's model table: only those some model has a value for, so each
 * server's details show (Ollama's sizes, LM Studio's context and capabilities, vLLM's context)
 * without code per kind.
 */
export interface ModelColumn {
  header: string;
  cell: (model: ModelInfo) => string;
}

const count = (n: number) => n.toLocaleString('en-US');

function can(model: ModelInfo): string {
  const caps = model.capabilities ?? {};
  const known = (['tools', 'vision', 'reasoning'] as const).filter((key) => caps[key] !== undefined);
  if (known.length === 0) return '';
  const yes = known.filter((key) => caps[key]);
  return yes.length > 0 ? yes.join(', ') : 'text only';
}

const ALL: (ModelColumn & { has: (model: ModelInfo) => boolean })[] = [
  {
    header: 'Size',
    has: (m) => m.sizeBytes !== undefined,
    cell: (m) => (m.sizeBytes === undefined ? '' : formatBytes(m.sizeBytes)),
  },
  { header: 'Family', has: (m) => m.family !== undefined, cell: (m) => m.family ?? '' },
  { header: 'Parameters', has: (m) => m.parameterSize !== undefined, cell: (m) => m.parameterSize ?? '' },
  { header: 'Quantisation', has: (m) => m.quantization !== undefined, cell: (m) => m.quantization ?? '' },
  {
    header: 'Context',
    has: (m) => m.contextLength !== undefined,
    cell: (m) => (m.contextLength === undefined ? '' : count(m.contextLength)),
  },
  { header: 'Can use', has: (m) => can(m) !== '', cell: can },
  { header: 'Loaded', has: (m) => m.loaded !== undefined, cell: (m) => (m.loaded ? 'loaded' : '') },
];

export function modelColumns(models: readonly ModelInfo[]): ModelColumn[] {
  return ALL.filter((column) => models.some(column.has)).map(({ header, cell }) => ({ header, cell }));
}
