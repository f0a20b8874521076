import { describe, expect, it } from 'vitest';
import { textParts } from '../../shared/domain/message-content';
import type { ContextReport, ReplyContext } from '../../shared/domain/context-budget';
import type { SystemPromptPreset } from '../../shared/domain/presets';
import {
  figuresFromReply,
  figuresFromReport,
  meterDetail,
  meterLabel,
  meterLevel,
  omittedSummary,
  overBudgetWarning,
  shownFigures,
} from '../../renderer/src/state/chat/context-meter';
import {
  plainPreset,
  presetOfPrompt,
  systemPromptSummary,
} from '../../renderer/src/state/presets/preset-choice';

const report = (extra: Partial<ContextReport> = {}): ContextReport => ({
  model: 'llama3.2:1b',
  contextLength: 8192,
  source: 'model',
  sourceDetail: 'llama3.2:1b sets num_ctx 8,192 in its Modelfile.',
  reservedForReply: 1024,
  budgetTokens: 7168,
  promptTokens: 1234,
  estimated: true,
  systemTokens: 20,
  keptIds: ['u1'],
  omittedIds: [],
  calibration: 1,
  calibrated: false,
  overBudget: false,
  ...extra,
});

const sent = (extra: Partial<ReplyContext> = {}): ReplyContext => ({
  contextLength: 8192,
  budgetTokens: 7168,
  promptTokens: 2000,
  estimated: false,
  omittedCount: 0,
  ...extra,
});

describe('context meter words', () => {
  it('labels tokens used against the context, with a percentage, and says when it is an estimate', () => {
    expect(meterLabel(figuresFromReport(report()))).toBe('1,234 / 8,192 tokens (15%) · estimated');
    expect(meterLabel(figuresFromReply(sent()))).toBe('2,000 / 8,192 tokens (24%)');
  });

  it('explains where the length came from and the room kept for the reply', () => {
    const detail = meterDetail(figuresFromReport(report()));
    expect(detail).toContain('num_ctx 8,192');
    expect(detail).toContain('1,024 tokens are kept for the reply, so the history may use 7,168.');
    expect(detail).toContain('including what you are typing');
    expect(meterDetail(figuresFromReply(sent()))).toContain('Counted by the server.');
  });

  it('warns over budget, and is "high" from three quarters of the budget', () => {
    expect(meterLevel(figuresFromReport(report()))).toBe('ok');
    expect(meterLevel(figuresFromReport(report({ promptTokens: 6000 })))).toBe('high');
    const over = figuresFromReport(report({ promptTokens: 9000, overBudget: true }));
    expect(meterLevel(over)).toBe('over');
    expect(overBudgetWarning(over)).toMatch(/^Over budget: the system prompt and this message alone/);
    expect(overBudgetWarning(figuresFromReport(report()))).toBeUndefined();
    expect(meterLevel(figuresFromReply(sent({ promptTokens: 7200 })))).toBe('over');
  });

  it('says how many earlier messages will be, or were, left out', () => {
    expect(omittedSummary(figuresFromReport(report({ omittedIds: ['a', 'b', 'c'] })))).toBe(
      '3 earlier messages won’t fit and will be left out',
    );
    expect(omittedSummary(figuresFromReply(sent({ omittedCount: 1, firstKeptId: 'x' })))).toBe(
      '1 earlier message left out',
    );
    expect(omittedSummary(figuresFromReport(report()))).toBeUndefined();
  });
});

describe('which figures the meter shows', () => {
  it('a preview while no request started since it was asked; the newest request at once when one did', () => {
    const first = sent({ promptTokens: 100 });
    const preview = { figures: figuresFromReport(report({ promptTokens: 150 })), stamp: first };
    expect(shownFigures(preview, first)?.promptTokens).toBe(150);
    // A reply started: its `started.context` shows at once…
    const started = sent({ promptTokens: 160, estimated: true });
    expect(shownFigures(preview, started)).toMatchObject({ promptTokens: 160, basis: 'request' });
    // …then the finished reply's server count…
    const finished = sent({ promptTokens: 171 });
    expect(shownFigures(preview, finished)).toMatchObject({ promptTokens: 171, estimated: false });
    // …until the preview asked after it arrives.
    expect(shownFigures({ ...preview, stamp: finished }, finished)?.basis).toBe('preview');
    // No request (yet, or any more): the preview, however old, until the next one; else nothing.
    expect(shownFigures(preview, undefined)?.promptTokens).toBe(150);
    expect(shownFigures({ ...preview, stamp: undefined }, undefined)?.promptTokens).toBe(150);
    expect(shownFigures(undefined, undefined)).toBeUndefined();
  });
});

describe('system prompt presets', () => {
  const presets: SystemPromptPreset[] = [
    {
      id: 'builtin-taskmaster',
      name: 'TaskMaster',
      prompt: 'You are TaskMaster, a helpful task management assistant.',
      builtIn: true,
    },
    { id: 'builtin-plain', name: 'Plain assistant', prompt: '', builtIn: true },
    { id: 'preset-1', name: 'Terse', prompt: 'Answer in one sentence.', builtIn: false },
  ];

  it('names the preset a prompt came from, by id while unedited, else by its text', () => {
    expect(plainPreset(presets)?.id).toBe('builtin-plain');
    expect(presetOfPrompt(presets, undefined)?.name).toBe('Plain assistant');
    expect(
      presetOfPrompt(presets, { parts: textParts(presets[0]!.prompt), presetId: 'builtin-taskmaster' })?.name,
    ).toBe('TaskMaster');
    expect(presetOfPrompt(presets, { parts: textParts('Answer in one sentence.') })?.id).toBe('preset-1');
    // Edited after it was chosen: no longer that preset.
    expect(
      presetOfPrompt(presets, { parts: textParts('You are TaskMaster.'), presetId: 'builtin-taskmaster' }),
    ).toBe(undefined);
  });

  it('summarises the prompt in one line', () => {
    expect(systemPromptSummary(undefined, plainPreset(presets))).toBe('No system prompt (Plain assistant)');
    expect(systemPromptSummary({ parts: textParts(presets[0]!.prompt) }, presets[0])).toBe(
      'TaskMaster — You are TaskMaster, a helpful task management assistant.',
    );
    expect(systemPromptSummary({ parts: textParts('Be\nbrief. '.repeat(30)) }, undefined, 20)).toMatch(
      /^Custom — Be brief\. .{0,12}…$/,
    );
  });
});
