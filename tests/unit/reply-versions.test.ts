import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain/conversation';
import { messageSchema } from '../../shared/domain/conversation';
import {
  addVersion,
  carryVersions,
  everyMessage,
  shownVersion,
  switchVersion,
  versionCount,
  versionsProblem,
} from '../../shared/domain/reply-versions';

/**
 * The pure functions of reply versions: conversations are built by random sequences of what the
 * app does (send, regenerate the last reply, edit a user message, switch a version), then checked:
 * nothing is ever lost, the shown path is right, and switching back restores the same list.
 */
let next = 0;
const msg = (role: Message['role'], text: string = role): Message => ({
  id: `m${++next}`,
  role,
  parts: [{ type: 'text', id: 't1', text }],
  createdAt: next,
  status: 'complete',
});

type Op =
  | { kind: 'send' }
  | { kind: 'regenerate' }
  | { kind: 'edit'; pick: number }
  | { kind: 'switch'; pick: number; version: number }
  | { kind: 'system' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ kind: 'send' }),
  fc.constant<Op>({ kind: 'regenerate' }),
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('switch' as const), pick: fc.nat(20), version: fc.nat(6) }),
  fc.constant<Op>({ kind: 'system' }),
);

const ids = (messages: readonly Message[]) => [...everyMessage(messages)].map((m) => m.id).sort();

/** Applies one op as the app would; returns the new list and the ids it added. */
function apply(messages: Message[], op: Op): { messages: Message[]; added: string[] } {
  if (op.kind === 'send') {
    const user = msg('user');
    const reply = msg('assistant');
    return { messages: [...messages, user, reply], added: [user.id, reply.id] };
  }
  if (op.kind === 'system') {
    if (messages.some((m) => m.role === 'system')) return { messages, added: [] };
    const system = msg('system');
    return { messages: [...messages, system], added: [system.id] };
  }
  if (op.kind === 'regenerate') {
    const index = messages.findLastIndex((m) => m.role !== 'system');
    if (messages[index]?.role !== 'assistant') return { messages, added: [] };
    const reply = msg('assistant');
    return { messages: addVersion(messages, index, reply), added: [reply.id] };
  }
  const starts = messages
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => (op.kind === 'edit' ? m.role === 'user' : m.versions !== undefined));
  const target = starts[op.pick % Math.max(1, starts.length)];
  if (!target) return { messages, added: [] };
  if (op.kind === 'edit') {
    const user = msg('user');
    return { messages: addVersion(messages, target.i, user), added: [user.id] };
  }
  const switched = switchVersion(messages, target.i, op.version % versionCount(target.m));
  return { messages: switched ?? messages, added: [] };
}

function build(ops: readonly Op[]): { messages: Message[]; added: string[] } {
  let messages: Message[] = [];
  const added: string[] = [];
  for (const op of ops) {
    const step = apply(messages, op);
    messages = step.messages;
    added.push(...step.added);
  }
  return { messages, added };
}

describe('reply versions (pure)', () => {
  it('keeps every message ever made, in some version, and only valid versions', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const { messages, added } = build(ops);
        expect(ids(messages)).toEqual([...added].sort());
        expect(versionsProblem(messages)).toBeUndefined();
        // The stored shape accepts what the functions make.
        for (const m of messages) expect(messageSchema.safeParse(m).success).toBe(true);
      }),
    );
  });

  it('switching away and back restores the same conversation', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.nat(20), fc.nat(6), (ops, pick, version) => {
        const { messages } = build(ops);
        const starts = messages.map((m, i) => ({ m, i })).filter(({ m }) => m.versions !== undefined);
        const target = starts[pick % Math.max(1, starts.length)];
        if (!target) return;
        // The system prompt may move before the tail on a first switch: compare from there on.
        const settled = switchVersion(messages, target.i, shownVersion(target.m))!;
        const index = settled.findIndex((m) => m.id === target.m.id);
        const away = switchVersion(settled, index, version % versionCount(target.m))!;
        expect(ids(away)).toEqual(ids(settled));
        const back = switchVersion(away, index, shownVersion(target.m))!;
        expect(back).toEqual(settled);
      }),
    );
  });

  it('shows the chosen version whole: the path is the head plus that tail', () => {
    next = 0;
    const [u1, a1] = [msg('user', 'q'), msg('assistant', 'answer 1')];
    const a2 = msg('assistant', 'answer 2');
    const a3 = msg('assistant', 'answer 3');
    let list = addVersion([u1, a1], 1, a2);
    list = addVersion(list, 1, a3);
    expect(list.map((m) => m.id)).toEqual([u1.id, a3.id]);
    expect(versionCount(list[1]!)).toBe(3);
    expect(shownVersion(list[1]!)).toBe(2);
    // Continue from version 1, then switch to 3: the continuation goes with version 1.
    list = switchVersion(list, 1, 0)!;
    expect(list.map((m) => m.id)).toEqual([u1.id, a1.id]);
    const [u2, a4] = [msg('user', 'more'), msg('assistant', 'more answer')];
    list = [...list, u2, a4];
    expect(list).toHaveLength(4);
    const on3 = switchVersion(list, 1, 2)!;
    expect(on3.map((m) => m.id)).toEqual([u1.id, a3.id]);
    expect(on3[1]!.versions!.others.map((t) => t.map((m) => m.id))).toEqual([[a1.id, u2.id, a4.id], [a2.id]]);
    expect(switchVersion(on3, 1, 0)!.map((m) => m.id)).toEqual([u1.id, a1.id, u2.id, a4.id]);
  });

  it('keeps a system prompt in the shown path when its tail is put away', () => {
    const [u, a, s] = [msg('user'), msg('assistant'), msg('system')];
    const reply = msg('assistant');
    const list = addVersion([u, a, s], 1, reply);
    expect(list.map((m) => m.id)).toEqual([u.id, s.id, reply.id]);
    expect(list[2]!.versions!.others).toEqual([[a]]);
  });

  it('refuses a version that is not there', () => {
    const [u, a] = [msg('user'), msg('assistant')];
    expect(switchVersion([u, a], 1, 0)).toBeUndefined();
    const list = addVersion([u, a], 1, msg('assistant'));
    expect(switchVersion(list, 1, 2)).toBeUndefined();
    expect(switchVersion(list, 1, -1)).toBeUndefined();
  });

  it('a replacing reply takes over the versions of the one it replaces', () => {
    const [u, a] = [msg('user'), msg('assistant')];
    const list = addVersion([u, a], 1, { ...msg('assistant'), status: 'failed' });
    const retried = carryVersions(list[1]!, msg('assistant'));
    expect(retried.versions).toEqual(list[1]!.versions);
    expect(carryVersions(a, { ...retried })).not.toHaveProperty('versions');
  });

  it('names what is wrong with versions a file brings', () => {
    const [u, a, b] = [msg('user'), msg('assistant'), msg('assistant')];
    const ok = addVersion([u, a], 1, b);
    expect(versionsProblem(ok)).toBeUndefined();
    const past = [u, { ...ok[1]!, versions: { shown: 5, others: [[a]] } }];
    expect(versionsProblem(past)).toMatch(/past the list/);
    const twice = [u, { ...ok[1]!, versions: { shown: 1, others: [[u]] } }];
    expect(versionsProblem(twice)).toMatch(/used twice|another kind/);
    const wrongKind = [u, { ...b, versions: { shown: 1, others: [[msg('user')]] } }];
    expect(versionsProblem(wrongKind)).toMatch(/another kind/);
    const empty = [u, { ...b, versions: { shown: 0, others: [[]] } }];
    expect(versionsProblem(empty)).toMatch(/empty/);
    // Deep nesting is bounded.
    let deep: Message[] = [msg('assistant')];
    for (let i = 0; i < 40; i++)
      deep = [
        { ...msg('assistant'), versions: { shown: 1, others: [[msg('assistant'), msg('user'), ...deep]] } },
      ];
    expect(versionsProblem(deep)).toMatch(/nested more than/);
    expect(versionsProblem(deep, { maxDepth: 100, maxMessages: 10 })).toMatch(/more than 10 messages/);
  });
});
