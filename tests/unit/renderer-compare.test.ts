import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssistantApi } from '../../shared/contract/api';
import type { EventMap, EventName } from '../../shared/contract/events';
import type { Result } from '../../shared/contract/result';
import type { RouteName } from '../../shared/contract/routes';
import {
  BUILT_IN_PROMPT_SETS,
  compareStartSchema,
  type CompareCell,
  type CompareRun,
  type CompareStreamEvent,
} from '../../shared/domain/compare';
import { CompareController } from '../../renderer/src/state/compare/compare-controller';
import {
  draftPrompts,
  emptyDraft,
  fieldError,
  initialPairs,
  paramErrors,
  parsePromptList,
  runBlocker,
  startInput,
  withPrefill,
  type CompareDraft,
} from '../../renderer/src/state/compare/compare-form';
import {
  appendCellText,
  applyCompareEvent,
  cellAt,
  progressAnnouncement,
  runProgress,
  startCell,
} from '../../renderer/src/state/compare/compare-run-ops';
import type { ProfileView } from '../../shared/domain/profiles';

function makeRun(overrides: Partial<CompareRun> = {}): CompareRun {
  const pairs = [
    { profileId: 'p1', profileName: 'Fast', model: 'm', label: 'Fast · m' },
    { profileId: 'p2', profileName: 'Slow', model: 'm', label: 'Slow · m' },
  ];
  const prompts = ['one', 'two'];
  const cells: CompareCell[] = prompts.flatMap((_, promptIndex) =>
    pairs.map((__, pairIndex) => ({ promptIndex, pairIndex, status: 'pending' as const, text: '' })),
  );
  return {
    id: 'run-1',
    name: 'Run',
    createdAt: 1,
    status: 'running',
    params: {},
    parallel: false,
    pairs,
    prompts,
    cells,
    ...overrides,
  };
}

const finished = (promptIndex: number, pairIndex: number, text: string, extra: Partial<CompareCell> = {}) =>
  ({ promptIndex, pairIndex, status: 'complete', text, ...extra }) as CompareCell;

describe('compare run ops', () => {
  it('replaces only the changed cell, keeping the others (and their memoised views) as they were', () => {
    const run = makeRun();
    const next = appendCellText(startCell(run, 0, 1), 0, 1, 'hello');
    expect(cellAt(next, 0, 1)).toMatchObject({ status: 'streaming', text: 'hello' });
    expect(next.cells[0]).toBe(run.cells[0]);
    expect(next.cells[2]).toBe(run.cells[2]);
    expect(run.cells[1]).toMatchObject({ status: 'pending', text: '' });
  });

  it('applies events only to their own run; a finished cell replaces what streamed', () => {
    const run = makeRun();
    const other: CompareStreamEvent = {
      type: 'cell-delta',
      seq: 0,
      kind: 'text',
      runId: 'elsewhere',
      promptIndex: 0,
      pairIndex: 0,
      text: 'x',
    };
    expect(applyCompareEvent(run, other)).toBe(run);
    let next = applyCompareEvent(run, {
      type: 'cell-started',
      runId: 'run-1',
      seq: 0,
      promptIndex: 1,
      pairIndex: 0,
    });
    next = applyCompareEvent(next, {
      type: 'cell-delta',
      seq: 0,
      kind: 'text',
      runId: 'run-1',
      promptIndex: 1,
      pairIndex: 0,
      text: 'par',
    });
    next = applyCompareEvent(next, {
      type: 'cell-finished',
      seq: 0,
      runId: 'run-1',
      cell: finished(1, 0, 'partial answer'),
    });
    expect(cellAt(next, 1, 0)?.text).toBe('partial answer');
    const done = { ...next, status: 'complete' as const };
    expect(applyCompareEvent(next, { type: 'run-finished', runId: done.id, seq: 0, run: done })).toBe(done);
  });

  it('finds a cell when main orders cells differently', () => {
    const run = makeRun();
    const shuffled = { ...run, cells: [...run.cells].reverse() };
    const next = appendCellText(shuffled, 0, 0, 'a');
    expect(cellAt(next, 0, 0)?.text).toBe('a');
    expect(next.cells).toHaveLength(4);
  });

  it('counts progress and announces it without token-level noise', () => {
    let run = makeRun();
    run = applyCompareEvent(run, {
      type: 'cell-finished',
      runId: 'run-1',
      seq: 0,
      cell: finished(0, 0, 'a'),
    });
    run = applyCompareEvent(run, {
      type: 'cell-finished',
      seq: 0,
      runId: 'run-1',
      cell: { promptIndex: 0, pairIndex: 1, status: 'failed', text: '' },
    });
    run = startCell(run, 1, 0);
    expect(runProgress(run)).toEqual({ total: 4, done: 2, failed: 1, currentPrompt: 2 });
    const before = progressAnnouncement(run);
    expect(before).toBe('Compare run: 2 of 4 answers done, 1 failed.');
    // More text in the streaming cell does not change what is announced.
    expect(progressAnnouncement(appendCellText(run, 1, 0, 'more'))).toBe(before);
    expect(progressAnnouncement({ ...run, status: 'cancelled' })).toBe(
      'Compare run stopped: 2 of 4 answers kept, 1 failed.',
    );
  });
});

const profile = (id: string, defaultModel?: string): ProfileView => ({
  id,
  name: id,
  kind: 'custom',
  baseUrl: 'http://127.0.0.1:1/v1',
  ...(defaultModel ? { defaultModel } : {}),
  params: {},
  hasApiKey: false,
  apiKeySource: 'none',
  location: 'local',
});

describe('compare form', () => {
  const sets = BUILT_IN_PROMPT_SETS;
  const ready: CompareDraft = {
    ...emptyDraft,
    pairs: [
      { key: 1, profileId: 'a', model: 'm1' },
      { key: 2, profileId: 'b', model: 'm2' },
    ],
    single: 'Plan my day',
  };

  it('reads a typed list one prompt a line, skipping blank lines', () => {
    expect(parsePromptList('  first \n\n second\r\n   \nthird')).toEqual(['first', 'second', 'third']);
  });

  it('takes the prompts from the chosen source', () => {
    expect(draftPrompts(ready, sets)).toEqual(['Plan my day']);
    expect(draftPrompts({ ...ready, source: 'list', list: 'a\nb' }, sets)).toEqual(['a', 'b']);
    const builtIn = BUILT_IN_PROMPT_SETS[0]!;
    expect(draftPrompts({ ...ready, source: 'saved', setId: builtIn.id }, sets)).toHaveLength(5);
    expect(draftPrompts({ ...ready, source: 'saved', setId: 'gone' }, sets)).toEqual([]);
  });

  it('cannot run with fewer than two pairs, a pair without a model, or no prompts', () => {
    expect(runBlocker(ready, sets)).toBeUndefined();
    expect(runBlocker({ ...ready, pairs: ready.pairs.slice(0, 1) }, sets)).toBe(
      'Choose at least two backends to compare.',
    );
    expect(
      runBlocker({ ...ready, pairs: [ready.pairs[0]!, { key: 3, profileId: 'b', model: ' ' }] }, sets),
    ).toBe('Choose a model for backend 2.');
    expect(runBlocker({ ...ready, single: '   ' }, sets)).toBe('Add at least one prompt to run.');
    expect(runBlocker({ ...ready, source: 'list', list: '\n \n' }, sets)).toBe(
      'Add at least one prompt to run.',
    );
    expect(runBlocker({ ...ready, source: 'saved', setId: '' }, sets)).toBe('Choose a prompt set.');
    expect(runBlocker({ ...ready, temperature: '3' }, sets)).toBe('Correct the parameters first.');
  });

  it('checks the parameters as main will, keyed by the same field names', () => {
    expect(paramErrors({ ...ready, temperature: 'warm', maxTokens: '1.5' })).toEqual({
      'params.temperature': 'Temperature must be a number.',
      'params.maxTokens': 'Max tokens must be a whole number.',
    });
    expect(paramErrors({ ...ready, temperature: '0.7', maxTokens: '256' })).toEqual({});
  });

  it('builds a start input that passes the contract schema', () => {
    const input = startInput(
      {
        ...ready,
        source: 'list',
        list: 'a\nb',
        systemPrompt: ' Be brief. ',
        temperature: '0',
        maxTokens: '64',
      },
      sets,
    );
    expect(input).toEqual({
      pairs: [
        { profileId: 'a', model: 'm1' },
        { profileId: 'b', model: 'm2' },
      ],
      prompts: ['a', 'b'],
      systemPrompt: 'Be brief.',
      params: { temperature: 0, maxTokens: 64 },
      parallel: false,
    });
    expect(compareStartSchema.safeParse(input).success).toBe(true);
    expect(startInput({ ...ready, parallel: true }, sets)).toEqual({
      pairs: input.pairs,
      prompts: ['Plan my day'],
      parallel: true,
    });
  });

  it('offers the default profile and the next one, with their default models', () => {
    let key = 0;
    const pairs = initialPairs([profile('x'), profile('d', 'llama'), profile('y')], 'd', () => ++key);
    expect(pairs).toEqual([
      { key: 1, profileId: 'd', model: 'llama' },
      { key: 2, profileId: 'x', model: '' },
    ]);
    // One profile: two of its models can still be compared.
    expect(initialPairs([profile('only')], 'only', () => ++key).map((p) => p.profileId)).toEqual([
      'only',
      'only',
    ]);
    expect(initialPairs([], undefined, () => ++key)).toEqual([]);
  });

  it('prefills a chat prompt as the single prompt, multi-line text kept whole', () => {
    const next = withPrefill({ ...ready, source: 'list', list: 'x' }, 'line one\nline two');
    expect(next.source).toBe('single');
    expect(draftPrompts(next, sets)).toEqual(['line one\nline two']);
    expect(next.list).toBe('x');
  });

  it("finds the host's errors for a pair or the prompts", () => {
    const fields = { 'pairs.1.model': 'Choose a model.', 'prompts.2': 'A prompt is empty.' };
    expect(fieldError(fields, 'pairs.1')).toBe('Choose a model.');
    expect(fieldError(fields, 'pairs.0')).toBeUndefined();
    expect(fieldError(fields, 'prompts')).toBe('A prompt is empty.');
    expect(fieldError(undefined, 'prompts')).toBeUndefined();
  });
});

/** An AssistantApi whose routes answer from a table and whose events the test emits. */
class FakeApi implements AssistantApi {
  readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  readonly calls: { route: string; input: unknown }[] = [];
  constructor(readonly answers: Partial<Record<RouteName, (input: unknown) => Result<unknown>>>) {}

  invoke = (async (route: RouteName, input?: unknown) => {
    this.calls.push({ route, input });
    const answer = this.answers[route];
    await Promise.resolve();
    return answer
      ? answer(input)
      : { ok: false, error: { code: 'internal', message: `no ${route}`, fix: '', retryable: false } };
  }) as AssistantApi['invoke'];

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }
}

describe('CompareController', () => {
  let frames: (() => void)[];
  /** The next event's `seq` (per run from 0; these tests follow one run at a time). */
  let seq: number;
  beforeEach(() => {
    frames = [];
    seq = 0;
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
  });
  afterEach(() => vi.unstubAllGlobals());
  const runFrame = () => frames.splice(0).forEach((f) => f());
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  const baseAnswers = {
    'compare.list': () => ({ ok: true as const, value: [] }),
    'compare.promptSets': () => ({ ok: true as const, value: [...BUILT_IN_PROMPT_SETS] }),
  };
  const input = { pairs: [], prompts: ['one'] } as unknown as Parameters<CompareController['run']>[0];

  it('shows the run it started, coalescing deltas into one commit a frame', async () => {
    const run = makeRun();
    const api = new FakeApi({
      ...baseAnswers,
      'compare.start': () => ({ ok: true, value: { runId: run.id } }),
    });
    const compare = new CompareController(api);
    const stop = compare.start();
    const running = compare.run(input);
    // Main announces the run before it answers the start.
    api.emit('compare.stream', { type: 'run-started', runId: run.id, seq: seq++, run });
    await running;
    expect(compare.store.getState().shown?.id).toBe('run-1');
    expect(api.calls.some((c) => c.route === 'compare.get')).toBe(false);

    let commits = 0;
    compare.store.subscribe(() => commits++);
    api.emit('compare.stream', {
      type: 'cell-started',
      runId: 'run-1',
      seq: seq++,
      promptIndex: 0,
      pairIndex: 0,
    });
    commits = 0;
    for (let i = 0; i < 200; i++)
      api.emit('compare.stream', {
        type: 'cell-delta',
        seq: seq++,
        kind: 'text',
        runId: 'run-1',
        promptIndex: 0,
        pairIndex: 0,
        text: 'x',
      });
    expect(commits).toBe(0);
    expect(frames).toHaveLength(1);
    runFrame();
    expect(commits).toBe(1);
    expect(cellAt(compare.store.getState().shown!, 0, 0)?.text).toBe('x'.repeat(200));
    stop();
  });

  it('does not add buffered text again once the cell has finished', () => {
    const run = makeRun();
    const api = new FakeApi(baseAnswers);
    const compare = new CompareController(api);
    compare.start();
    compare.store.setState({ shown: run });
    api.emit('compare.stream', {
      type: 'cell-delta',
      seq: seq++,
      kind: 'text',
      runId: 'run-1',
      promptIndex: 0,
      pairIndex: 1,
      text: 'Hel',
    });
    api.emit('compare.stream', {
      type: 'cell-finished',
      runId: 'run-1',
      seq: seq++,
      cell: finished(0, 1, 'Hello'),
    });
    runFrame();
    expect(cellAt(compare.store.getState().shown!, 0, 1)).toMatchObject({
      status: 'complete',
      text: 'Hello',
    });
  });

  it('fetches the run when the start answer comes before its run-started event', async () => {
    const run = makeRun({ id: 'run-9' });
    const api = new FakeApi({
      ...baseAnswers,
      'compare.start': () => ({ ok: true, value: { runId: 'run-9' } }),
      'compare.get': () => ({ ok: true, value: run }),
    });
    const compare = new CompareController(api);
    compare.start();
    await compare.run(input);
    expect(compare.store.getState().shown?.id).toBe('run-9');
    // A run another window starts later is not taken over.
    api.emit('compare.stream', {
      type: 'run-started',
      runId: 'run-10',
      seq: 0,
      run: makeRun({ id: 'run-10', createdAt: 5 }),
    });
    expect(compare.store.getState().shown?.id).toBe('run-9');
    expect(compare.store.getState().runs.map((r) => r.id)).toEqual(['run-10', 'run-9']);
  });

  it("keeps the host's refusal for the form's fields", async () => {
    const api = new FakeApi({
      ...baseAnswers,
      'compare.start': () => ({
        ok: false,
        error: {
          code: 'invalid-input',
          message: 'prompts: Add at least one prompt to run.',
          fix: 'Correct the input and try again.',
          retryable: false,
          fields: { prompts: 'Add at least one prompt to run.' },
        },
      }),
    });
    const compare = new CompareController(api);
    compare.start();
    const error = await compare.run(input);
    expect(error?.fields).toEqual({ prompts: 'Add at least one prompt to run.' });
    expect(compare.store.getState()).toMatchObject({ starting: false, shown: undefined });
    expect(compare.store.getState().startError?.fields?.['prompts']).toBeDefined();
    compare.clearStartError();
    expect(compare.store.getState().startError).toBeUndefined();
  });

  it('keeps the saved list fresh from compare.changed and forgets a deleted run on screen', async () => {
    const run = makeRun({ status: 'complete' });
    const api = new FakeApi({
      ...baseAnswers,
      'compare.get': () => ({ ok: true, value: run }),
      'compare.delete': () => ({ ok: true, value: { id: run.id } }),
    });
    const compare = new CompareController(api);
    compare.start();
    await flush();
    expect(compare.store.getState()).toMatchObject({ runsLoaded: true, promptSetsLoaded: true });
    const summary = {
      id: run.id,
      name: 'Run',
      createdAt: 1,
      status: 'complete' as const,
      pairLabels: [],
      promptCount: 2,
    };
    api.emit('compare.changed', { runs: [summary] });
    expect(compare.store.getState().runs).toEqual([summary]);
    await compare.open(run.id);
    expect(compare.store.getState().shown).toBe(run);
    await compare.remove(run.id);
    expect(compare.store.getState()).toMatchObject({ shown: undefined, runs: [] });
  });

  it('streams reasoning into the cell apart from the answer, which folds it with its time', () => {
    const api = new FakeApi(baseAnswers);
    const compare = new CompareController(api);
    compare.start();
    compare.store.setState({ shown: makeRun() });
    const delta = (kind: 'text' | 'reasoning', text: string): CompareStreamEvent => ({
      type: 'cell-delta',
      runId: 'run-1',
      seq: seq++,
      promptIndex: 0,
      pairIndex: 0,
      kind,
      text,
    });
    api.emit('compare.stream', {
      type: 'cell-started',
      runId: 'run-1',
      seq: seq++,
      promptIndex: 0,
      pairIndex: 0,
    });
    api.emit('compare.stream', delta('reasoning', 'Let me '));
    api.emit('compare.stream', delta('reasoning', 'think.'));
    runFrame();
    let cell = cellAt(compare.store.getState().shown!, 0, 0)!;
    expect(cell).toMatchObject({
      status: 'streaming',
      text: '',
      reasoning: { type: 'reasoning', text: 'Let me think.' },
    });
    expect(cell.reasoning?.startedAt).toBeTypeOf('number');
    expect(cell.reasoning?.durationMs).toBeUndefined();
    api.emit('compare.stream', delta('text', 'Four.'));
    runFrame();
    cell = cellAt(compare.store.getState().shown!, 0, 0)!;
    expect(cell.text).toBe('Four.');
    expect(cell.reasoning?.text).toBe('Let me think.');
    expect(cell.reasoning?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('ignores an event of a run at or below the seq it already applied', () => {
    const api = new FakeApi(baseAnswers);
    const compare = new CompareController(api);
    compare.start();
    compare.store.setState({ shown: makeRun() });
    const delta = (at: number, text: string): CompareStreamEvent => ({
      type: 'cell-delta',
      runId: 'run-1',
      seq: at,
      promptIndex: 0,
      pairIndex: 1,
      kind: 'text',
      text,
    });
    api.emit('compare.stream', delta(3, 'Hel'));
    api.emit('compare.stream', delta(3, 'Hel'));
    api.emit('compare.stream', delta(2, 'old'));
    api.emit('compare.stream', delta(4, 'lo'));
    runFrame();
    expect(cellAt(compare.store.getState().shown!, 0, 1)?.text).toBe('Hello');
  });

  it('says what failed when a route fails', async () => {
    const api = new FakeApi({ 'compare.promptSets': baseAnswers['compare.promptSets'] });
    const compare = new CompareController(api);
    compare.start();
    await flush();
    expect(compare.store.getState().notice?.context).toBe('The saved runs could not be loaded.');
  });
});
