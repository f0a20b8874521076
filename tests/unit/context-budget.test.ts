import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REPLY_RESERVE,
  fitToBudget,
  omittedIdsOf,
  replyReserve,
  type ContextMessage,
} from '../../shared/domain/context-budget';
import { answerText, textParts } from '../../shared/domain/message-content';

/**
 * The trimming rule on its own (pure): the system prompt always kept and first, the newest turn
 * always kept, whole turns added newest to oldest while they fit, never over the budget.
 * Token counts here are the text length, so the arithmetic is visible.
 */
let seq = 0;
const msg = (
  role: ContextMessage['role'],
  content: string,
  status: ContextMessage['status'] = 'complete',
) => ({
  id: `${role[0]}${++seq}`,
  role,
  parts: textParts(content),
  status,
});
const tokensOf = (m: ContextMessage) => answerText(m).length;
const turn = (user: string, reply: string) => [msg('user', user), msg('assistant', reply)];

describe('fitToBudget', () => {
  it('sends everything when it fits, the system prompt first wherever it is in the list', () => {
    const history = [...turn('aaaa', 'bbbb'), ...turn('cccc', 'dddd')];
    const system = msg('system', 'ss');
    const newest = msg('user', 'eeee');
    const fit = fitToBudget({ messages: [...history, system, newest], tokensOf, budgetTokens: 100 });
    expect(fit.send.map((m) => m.id)).toEqual([system.id, ...history.map((m) => m.id), newest.id]);
    expect(fit.omittedIds).toEqual([]);
    expect(fit.promptTokens).toBe(2 + 16 + 4);
    expect(fit.systemTokens).toBe(2);
    expect(fit.overBudget).toBe(false);
    expect(fit.firstKeptId).toBe(history[0]!.id);
  });

  it('drops the oldest turns first, whole (a question and its answer together)', () => {
    const system = msg('system', 'sssss'); // 5
    const t1 = turn('1111111111', '1111111111'); // 20
    const t2 = turn('2222222222', '2222222222'); // 20
    const t3 = turn('3333333333', '3333333333'); // 20
    const newest = msg('user', 'nnnnn'); // 5
    const messages = [system, ...t1, ...t2, ...t3, newest];
    // 5 + 5 + 20 + 20 = 50 fits; one more turn (70) does not.
    const fit = fitToBudget({ messages, tokensOf, budgetTokens: 55 });
    expect(fit.send.map((m) => m.id)).toEqual([
      system.id,
      ...t2.map((m) => m.id),
      ...t3.map((m) => m.id),
      newest.id,
    ]);
    expect(fit.omittedIds).toEqual(t1.map((m) => m.id));
    expect(fit.promptTokens).toBe(50);
    expect(fit.firstKeptId).toBe(t2[0]!.id);
    // A budget that would fit half a turn keeps none of it.
    const tighter = fitToBudget({ messages, tokensOf, budgetTokens: 45 });
    expect(tighter.omittedIds).toEqual([...t1, ...t2].map((m) => m.id));
    expect(tighter.promptTokens).toBe(30);
  });

  it('stops at the first turn that does not fit: an older small turn is not sent behind a gap', () => {
    const small = turn('a', 'b');
    const big = turn('x'.repeat(50), 'y'.repeat(50));
    const newest = msg('user', 'n');
    const fit = fitToBudget({ messages: [...small, ...big, newest], tokensOf, budgetTokens: 20 });
    expect(fit.send.map((m) => m.id)).toEqual([newest.id]);
    expect(fit.omittedIds).toEqual([...small, ...big].map((m) => m.id));
  });

  it('always sends the newest turn and the system prompt, even over the budget, and says so', () => {
    const system = msg('system', 's'.repeat(30));
    const old = turn('old', 'old');
    const newest = msg('user', 'n'.repeat(30));
    const fit = fitToBudget({ messages: [system, ...old, newest], tokensOf, budgetTokens: 40 });
    expect(fit.send.map((m) => m.id)).toEqual([system.id, newest.id]);
    expect(fit.overBudget).toBe(true);
    expect(fit.omittedIds).toEqual(old.map((m) => m.id));
  });

  it('a system prompt alone bigger than the budget is still sent, with the last user turn, without crashing', () => {
    const system = msg('system', 's'.repeat(500));
    const messages = [system, ...turn('q1', 'a1'), msg('user', 'q2')];
    const fit = fitToBudget({ messages, tokensOf, budgetTokens: 100 });
    expect(fit.send.map((m) => m.role)).toEqual(['system', 'user']);
    expect(answerText(fit.send[1]!)).toBe('q2');
    expect(fit.overBudget).toBe(true);
    expect(fit.systemTokens).toBe(500);
    // A zero budget (reserve as large as the context) behaves the same.
    expect(fitToBudget({ messages, tokensOf, budgetTokens: 0 }).send).toHaveLength(2);
  });

  it('never sends failed or empty messages, and does not list them as left out', () => {
    const failed = msg('assistant', '', 'failed');
    const failedWithText = msg('assistant', 'partial', 'failed');
    const empty = msg('user', '');
    const kept = msg('user', 'hello');
    const fit = fitToBudget({ messages: [failed, failedWithText, empty, kept], tokensOf, budgetTokens: 100 });
    expect(fit.send.map((m) => m.id)).toEqual([kept.id]);
    expect(fit.omittedIds).toEqual([]);
  });

  it('calibration scales the counts: a factor of 2 keeps fewer turns than 1', () => {
    const messages = [msg('system', 'ssss'), ...turn('1'.repeat(10), '1'.repeat(10))];
    messages.push(...turn('2'.repeat(10), '2'.repeat(10)), msg('user', 'n'.repeat(6)));
    const plain = fitToBudget({ messages, tokensOf, budgetTokens: 60 });
    const doubled = fitToBudget({ messages, tokensOf, budgetTokens: 60, factor: 2 });
    expect(plain.send).toHaveLength(6);
    expect(doubled.send).toHaveLength(4);
    expect(doubled.promptTokens).toBe(2 * (4 + 20 + 6));
    expect(doubled.rawTokens).toBe(30);
  });

  it('counts fixed tokens (reply priming, a continue prompt) against the budget', () => {
    const messages = [...turn('aaaaa', 'bbbbb'), msg('user', 'ccccc')];
    expect(fitToBudget({ messages, tokensOf, budgetTokens: 15 }).omittedIds).toEqual([]);
    const fit = fitToBudget({ messages, tokensOf, budgetTokens: 15, fixedTokens: 3 });
    expect(fit.omittedIds).toHaveLength(2);
    expect(fit.promptTokens).toBe(8);
  });

  it('asks the counter only about the messages it considers (older ones are never tokenized)', () => {
    const messages = Array.from({ length: 200 }, (_, i) =>
      turn(`q${i}`.padEnd(10), `a${i}`.padEnd(10)),
    ).flat();
    messages.push(msg('user', 'newest'));
    const asked = new Set<string>();
    const fit = fitToBudget({
      messages,
      tokensOf: (m) => {
        asked.add(m.id);
        return tokensOf(m);
      },
      budgetTokens: 100,
    });
    expect(fit.send).toHaveLength(9); // 6 + 4 turns of 20
    expect(asked.size).toBeLessThan(15);
  });

  it('never exceeds the budget unless the fixed part alone does (random histories)', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let run = 0; run < 300; run++) {
      const messages: ContextMessage[] = [];
      if (random(2)) messages.push(msg('system', 's'.repeat(random(40))));
      for (let i = random(12); i >= 0; i--) {
        messages.push(msg('user', 'u'.repeat(1 + random(30))));
        if (random(4))
          messages.push(msg('assistant', 'a'.repeat(random(30)), random(6) ? 'complete' : 'failed'));
      }
      const budgetTokens = random(150);
      const factor = 0.5 + random(5) / 2;
      const fit = fitToBudget({ messages, tokensOf, budgetTokens, factor, fixedTokens: 3 });
      if (!fit.overBudget) expect(fit.promptTokens).toBeLessThanOrEqual(budgetTokens);
      // Sent and left out together are every sendable message, nothing twice.
      const sendable = messages
        .filter((m) => answerText(m).length > 0 && m.status !== 'failed')
        .map((m) => m.id);
      expect([...fit.keptIds, ...fit.omittedIds].sort()).toEqual([...sendable].sort());
      // What is left out is the oldest stretch: every omitted message comes before every kept non-system one.
      const index = (id: string) => messages.findIndex((m) => m.id === id);
      const keptTurns = fit.send.filter((m) => m !== fit.system).map((m) => index(m.id));
      for (const id of fit.omittedIds) expect(index(id)).toBeLessThan(Math.min(...keptTurns));
      expect(
        omittedIdsOf(messages, {
          contextLength: 1000,
          budgetTokens,
          promptTokens: fit.promptTokens,
          estimated: true,
          omittedCount: fit.omittedIds.length,
          ...(fit.firstKeptId ? { firstKeptId: fit.firstKeptId } : {}),
        }),
      ).toEqual(fit.omittedIds);
    }
  });
});

describe('replyReserve', () => {
  it('is the profile’s max tokens, else min(1024, a quarter of the context), never over half the context', () => {
    expect(replyReserve(8192, 500)).toBe(500);
    expect(replyReserve(8192)).toBe(DEFAULT_REPLY_RESERVE);
    expect(replyReserve(2048)).toBe(512);
    expect(replyReserve(4096, 100_000)).toBe(2048);
  });
});

describe('reasoning in the history', () => {
  it('a reply that only thought is not sent, and a reply that thought then answered counts its answer alone', () => {
    const thoughtOnly: ContextMessage = {
      id: 'a-thought',
      role: 'assistant',
      parts: [{ type: 'reasoning', id: 'r1', text: 'r'.repeat(50), incomplete: true }],
      status: 'incomplete',
    };
    const answered: ContextMessage = {
      id: 'a-answered',
      role: 'assistant',
      parts: [
        { type: 'reasoning', id: 'r1', text: 'r'.repeat(50) },
        { type: 'text', id: 't1', text: 'yes' },
      ],
      status: 'complete',
    };
    const messages = [msg('user', 'q1'), thoughtOnly, msg('user', 'q2'), answered, msg('user', 'q3')];
    const fit = fitToBudget({ messages, tokensOf, budgetTokens: 100 });
    expect(fit.send.map((m) => m.id)).not.toContain('a-thought');
    expect(fit.send.map((m) => m.id)).toContain('a-answered');
    expect(fit.promptTokens).toBe(2 + 2 + 3 + 2);
  });
});
