import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../shared/domain/profiles';
import { modelColumns } from '../../renderer/src/components/settings/model-columns';

/** The connection test's model table shows whatever each server told, with no code per kind. */
const table = (models: ModelInfo[]) => {
  const columns = modelColumns(models);
  return [
    ['Model', ...columns.map((c) => c.header)],
    ...models.map((m) => [m.id, ...columns.map((c) => c.cell(m))]),
  ];
};

describe('modelColumns', () => {
  it('Ollama: size, family, parameters, quantisation and loaded', () => {
    expect(
      table([
        {
          id: 'llama3.2:1b',
          sizeBytes: 1_300_000_000,
          family: 'llama',
          parameterSize: '1B',
          quantization: 'Q4_K_M',
          loaded: true,
        },
        { id: 'qwen2.5:0.5b', loaded: false },
      ]),
    ).toEqual([
      ['Model', 'Size', 'Family', 'Parameters', 'Quantisation', 'Loaded'],
      ['llama3.2:1b', '1.3 GB', 'llama', '1B', 'Q4_K_M', 'loaded'],
      ['qwen2.5:0.5b', '', '', '', '', ''],
    ]);
  });

  it('LM Studio and vLLM: context and what the model can use, where known', () => {
    expect(
      table([
        {
          id: 'qwen2-vl',
          contextLength: 32_768,
          capabilities: { vision: true, tools: false },
          loaded: false,
        },
        { id: 'llama-3.1', contextLength: 131_072, capabilities: { vision: false, tools: false } },
        { id: 'mystery' },
      ]),
    ).toEqual([
      ['Model', 'Context', 'Can use', 'Loaded'],
      ['qwen2-vl', '32,768', 'vision', ''],
      ['llama-3.1', '131,072', 'text only', ''],
      ['mystery', '', '', ''],
    ]);
  });

  it('a server that tells nothing: the names alone', () => {
    expect(table([{ id: 'a' }, { id: 'b' }])).toEqual([['Model'], ['a'], ['b']]);
  });
});
