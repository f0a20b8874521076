import { describe, expect, it, vi } from 'vitest';
import type { ConversationSummary } from '../../shared/domain/conversation';
import type { MessagePart, ToolCallPart, ToolResultPart } from '../../shared/domain/message-parts';
import { toolSettingsSchema, type ToolSourceView } from '../../shared/domain/tools';
import { replySegments } from '../../renderer/src/components/transcript/reply-segments';
import { approvalKey, shouldTakeFocus } from '../../renderer/src/state/tools/approval-focus';
import {
  cardLine,
  cardToggleName,
  cutNote,
  prettyArguments,
  resultFor,
  shownStatus,
} from '../../renderer/src/state/tools/tool-card';
import { settingsFieldErrors, settingsFromForm } from '../../renderer/src/state/tools/tool-settings-form';
import { ToolsController } from '../../renderer/src/state/tools/tools-controller';
import { sourceStateLabel, toolsButtonLabel } from '../../renderer/src/state/tools/tools-menu';
import { startInput, emptyDraft } from '../../renderer/src/state/compare/compare-form';
import { FakeApi } from './renderer-fake-api';

const call = (overrides: Partial<ToolCallPart> = {}): ToolCallPart => ({
  type: 'tool-call',
  id: 'c1',
  callId: 'call_1',
  name: 'create_task',
  source: { kind: 'builtin', id: 'tasks', name: 'Task list' },
  arguments: '{"title":"Q4 Budget Review","priority":"high"}',
  status: 'done',
  ...overrides,
});
const result = (overrides: Partial<ToolResultPart> = {}): ToolResultPart => ({
  type: 'tool-result',
  id: 'r1',
  callId: 'call_1',
  name: 'create_task',
  content: 'Created.',
  isError: false,
  ...overrides,
});

describe('tool cards', () => {
  it('read main’s summary, else the tool and its source', () => {
    expect(cardLine(call({ summary: 'Created task · Q4 Budget Review · High · due Fri' }))).toBe(
      'Created task · Q4 Budget Review · High · due Fri',
    );
    expect(cardLine(call())).toBe('create_task · Task list');
    expect(cardLine(call({ source: undefined, name: '' }))).toBe('Unnamed tool');
  });

  it('pretty-print JSON arguments and show anything else as sent', () => {
    expect(prettyArguments('{"a":1}')).toEqual({ text: '{\n  "a": 1\n}', valid: true });
    expect(prettyArguments('{"a":')).toEqual({ text: '{"a":', valid: false });
    expect(prettyArguments('  ').valid).toBe(true);
  });

  it('find a call’s result by callId, and count an error result as a failure', () => {
    const parts: MessagePart[] = [call(), result({ callId: 'other', id: 'r0' }), result()];
    expect(resultFor(parts, 'call_1')?.id).toBe('r1');
    expect(resultFor(parts, 'nope')).toBeUndefined();
    expect(shownStatus(call(), result({ isError: true }), true)).toBe('failed');
    expect(shownStatus(call({ status: 'running' }), undefined, false)).toBe('running');
    // A reply that ended with the call still running was cut short.
    expect(shownStatus(call({ status: 'running' }), undefined, true)).toBe('cancelled');
    expect(shownStatus(call({ status: 'denied' }), result({ isError: true }), true)).toBe('denied');
  });

  it('say when a result was cut, and name the toggle by line, status and action', () => {
    expect(cutNote(result())).toBeUndefined();
    expect(cutNote(result({ content: 'x'.repeat(10), cutFromChars: 10_485_760 }))).toContain('10,485,760');
    expect(cardToggleName('create_task · Task list', 'running', false)).toBe(
      'create_task · Task list, running, show details',
    );
  });

  it('hold their results in the reply, in order, never as text of their own', () => {
    const parts: MessagePart[] = [
      { type: 'text', id: 't1', text: 'Let me add that. ' },
      call(),
      result(),
      { type: 'text', id: 't2', text: 'Done.' },
    ];
    const segments = replySegments(parts);
    expect(segments.map((s) => s.kind)).toEqual(['text', 'tool', 'text']);
    expect(segments[1]).toMatchObject({ kind: 'tool', result: { id: 'r1' } });
  });
});

describe('approval prompt', () => {
  it('takes focus only when the user is not busy elsewhere', () => {
    const element = (matches: { log?: boolean; stop?: boolean }) =>
      ({
        ownerDocument: { body: {} },
        closest: () => (matches.log ? {} : null),
        matches: () => matches.stop ?? false,
      }) as unknown as Element;
    expect(shouldTakeFocus(null)).toBe(true);
    expect(shouldTakeFocus(element({ log: true }))).toBe(true);
    expect(shouldTakeFocus(element({ stop: true }))).toBe(true);
    expect(shouldTakeFocus(element({}))).toBe(false); // the composer, a header control
  });

  it('answers Y, A and N without modifiers', () => {
    const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) =>
      approvalKey({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...mods });
    expect(key('y')).toBe('once');
    expect(key('A')).toBe('always');
    expect(key('n')).toBe('deny');
    expect(key('n', { ctrlKey: true })).toBeUndefined();
    expect(key('x')).toBeUndefined();
  });
});

const sources: ToolSourceView[] = [
  { id: 'tasks', kind: 'builtin', name: 'Task list', state: 'ready', tools: [] },
  { id: 'fs', kind: 'mcp', name: 'filesystem', state: 'failed', tools: [] },
];

describe('tools controller', () => {
  const summary = { id: 'conv-1', tools: ['tasks'] } as ConversationSummary;
  const setup = () => {
    const api = new FakeApi({
      'tools.sources': () => ({ ok: true, value: sources }),
      'tools.settings': () => ({ ok: true, value: { maxRounds: 8, callTimeoutSeconds: 60 } }),
      'conversations.setTools': () => ({ ok: true, value: summary }),
    });
    const host = {
      ensureSelected: vi.fn(async () => 'conv-1'),
      upsertConversation: vi.fn(),
      notify: vi.fn(),
    };
    return { api, host, tools: new ToolsController(api, host) };
  };

  it('loads sources and settings when watched and follows tools.changed', async () => {
    const { api, tools } = setup();
    const stop = tools.watch();
    await tools.load();
    expect(tools.store.getState().sources).toEqual(sources);
    api.emit('tools.changed', {
      sources: sources.slice(0, 1),
      settings: { maxRounds: 3, callTimeoutSeconds: 5 },
    });
    expect(tools.store.getState()).toMatchObject({ sources: [sources[0]], settings: { maxRounds: 3 } });
    stop();
    api.emit('tools.changed', { sources: [], settings: { maxRounds: 3, callTimeoutSeconds: 5 } });
    expect(tools.store.getState().sources).toHaveLength(1);
  });

  it('turns sources on for the open conversation and shows the answered summary', async () => {
    const { api, host, tools } = setup();
    expect(await tools.setConversationTools(['tasks'])).toBe(true);
    expect(api.calls.at(-1)).toEqual({
      route: 'conversations.setTools',
      input: { conversationId: 'conv-1', tools: ['tasks'] },
    });
    expect(host.upsertConversation).toHaveBeenCalledWith(summary);
  });

  it('announces a waiting call and takes focus for it once', async () => {
    vi.useFakeTimers();
    const { tools } = setup();
    tools.announceApproval('c1', 'write_file');
    tools.announceApproval('c1', 'write_file');
    await vi.runAllTimersAsync();
    expect(tools.store.getState().announcement).toEqual({
      text: 'Waiting for your approval: write_file',
      n: 1,
    });
    expect(tools.claimFocus('c1')).toBe(true);
    expect(tools.claimFocus('c1')).toBe(false);
    vi.useRealTimers();
  });
});

describe('tools menu and settings', () => {
  it('count the sources on and say why a source offers nothing', () => {
    expect(toolsButtonLabel(2)).toBe('Tools (2)');
    expect(sourceStateLabel(sources[1]!)).toMatch(/Failed/);
    expect(
      sourceStateLabel({
        ...sources[0]!,
        tools: [{ name: 'a', enabled: true, sideEffects: false, alwaysAllowed: true }],
      }),
    ).toBe('1 tool');
  });

  it('check the settings with the contract’s bounds, at the field', () => {
    expect(settingsFieldErrors({ maxRounds: '8', callTimeoutSeconds: '60' })).toEqual({});
    const errors = settingsFieldErrors({ maxRounds: '0', callTimeoutSeconds: 'soon' });
    expect(errors['maxRounds']).toBe('At least 1 round.');
    expect(errors['callTimeoutSeconds']).toBe('Enter a whole number.');
    expect(settingsFieldErrors({ maxRounds: '', callTimeoutSeconds: '1.5' })).toEqual({
      maxRounds: 'Enter a number of rounds.',
      callTimeoutSeconds: 'The timeout must be a whole number of seconds.',
    });
    expect(
      toolSettingsSchema.parse(settingsFromForm({ maxRounds: ' 3 ', callTimeoutSeconds: '30' })),
    ).toEqual({
      maxRounds: 3,
      callTimeoutSeconds: 30,
    });
  });

  it('compare sends tools only when the switch is on', () => {
    const draft = {
      ...emptyDraft,
      pairs: [
        { key: 1, profileId: 'a', model: 'm' },
        { key: 2, profileId: 'b', model: 'm' },
      ],
      single: 'hi',
    };
    expect(startInput(draft, [])).not.toHaveProperty('tools');
    expect(startInput({ ...draft, tools: true }, [])).toMatchObject({ tools: true });
  });
});
