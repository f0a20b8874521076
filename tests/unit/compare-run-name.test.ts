import { describe, expect, it } from 'vitest';
import { defaultRunName } from '../../electron/services/compare/run-shape';

/** A saved run's default name: short, each side once, no profile · model repeated per pair. */
describe('defaultRunName', () => {
  const at = new Date(2026, 0, 5, 14, 2).getTime();
  const pair = (profileName: string, model: string) => ({ profileName, model });

  it('names the prompts, each model once and the time', () => {
    const pairs = [pair('Ollama', 'llama3.2'), pair('Ollama', 'qwen3'), pair('LM Studio', 'llama3.2')];
    expect(defaultRunName(3, pairs, at)).toBe('3 prompts · llama3.2 vs qwen3 · 14:02');
  });

  it('names the profiles when every pair runs the same model, and cuts after three', () => {
    expect(defaultRunName(1, [pair('Ollama', 'm'), pair('vLLM', 'm')], at)).toBe(
      '1 prompt · Ollama vs vLLM · 14:02',
    );
    const many = ['a', 'b', 'c', 'd', 'e'].map((m) => pair('P', m));
    expect(defaultRunName(2, many, at)).toBe('2 prompts · a vs b vs c +2 · 14:02');
  });
});
