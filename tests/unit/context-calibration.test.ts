import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { CALIBRATION_FILE, TokenCalibration } from '../../electron/services/tokens/calibration';
import { MessageTokenCache } from '../../electron/services/tokens/message-token-cache';
import { estimateChatTokens, type CountTokens } from '../../electron/services/tokens/token-estimate';
import { openConfStore } from '../../electron/services/store/open-conf-store';
import type { StoreProblem } from '../../shared/domain/store-problem';
import type { ContextMessage } from '../../shared/domain/context-budget';
import { ContextPlanner } from '../../electron/services/chat/context-planner';

/** Our token counts: cached per message, and calibrated by what the server counted. */
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'calibration-test-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('TokenCalibration', () => {
  it('is 1 and uncalibrated until the server has counted; then the server’s ratio to ours', () => {
    const calibration = new TokenCalibration();
    expect(calibration.factor('p', 'm')).toEqual({ factor: 1, calibrated: false });
    expect(calibration.record('p', 'm', 200, 100)).toBe(2);
    expect(calibration.factor('p', 'm')).toEqual({ factor: 2, calibrated: true });
    // Per profile and model.
    expect(calibration.factor('p', 'other').calibrated).toBe(false);
    expect(calibration.factor('q', 'm').calibrated).toBe(false);
  });

  it('weighs recent and large requests most, and stays within 0.5..2.5', () => {
    const calibration = new TokenCalibration();
    calibration.record('p', 'm', 100, 100);
    const next = calibration.record('p', 'm', 1200, 1000);
    // (100·½ + 1200) / (100·½ + 1000)
    expect(next).toBeCloseTo(1250 / 1050, 6);
    const high = new TokenCalibration();
    high.record('p', 'm', 390, 100);
    expect(high.factor('p', 'm').factor).toBe(2.5);
    const low = new TokenCalibration();
    low.record('p', 'm', 40, 100);
    expect(low.factor('p', 'm').factor).toBe(0.5);
  });

  it('ignores tiny prompts and implausible counts (cached or truncated prompts)', () => {
    const calibration = new TokenCalibration();
    expect(calibration.record('p', 'm', 60, 20)).toBe(1); // a two-word prompt: the template dominates
    expect(calibration.record('p', 'm', 5, 1000)).toBe(1); // a cached prefix left out by the server
    expect(calibration.record('p', 'm', 9000, 1000)).toBe(1);
    expect(calibration.factor('p', 'm').calibrated).toBe(false);
  });

  it('is kept on disk across restarts; a damaged file is moved aside and reported', () => {
    const dir = tempDir();
    const first = new TokenCalibration({ persist: { dir, openStore: openConfStore } });
    first.record('p', 'm', 300, 200);
    const second = new TokenCalibration({ persist: { dir, openStore: openConfStore } });
    expect(second.factor('p', 'm')).toEqual({ factor: 1.5, calibrated: true });

    writeFileSync(join(dir, `${CALIBRATION_FILE}.json`), '{ not json');
    const problems: StoreProblem[] = [];
    const third = new TokenCalibration({
      persist: { dir, openStore: openConfStore, onProblem: (p) => problems.push(p) },
    });
    expect(third.factor('p', 'm')).toEqual({ factor: 1, calibrated: false });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.movedTo).toMatch(/token-calibration\.corrupt-.*\.json$/);
    expect(readdirSync(dir).some((f) => f.startsWith(`${CALIBRATION_FILE}.corrupt-`))).toBe(true);
    third.record('p', 'm', 100, 100);
    expect(new TokenCalibration({ persist: { dir, openStore: openConfStore } }).factor('p', 'm').factor).toBe(
      1,
    );
  });
});

describe('MessageTokenCache', () => {
  const counting = () => {
    const texts: string[] = [];
    const count: CountTokens = (text) => {
      texts.push(text);
      return countTokens(text);
    };
    return { texts, load: () => Promise.resolve(count) };
  };

  it('counts like the request estimate (framing included)', async () => {
    const tokens = await new MessageTokenCache().counter();
    const messages = [
      { id: 'a', role: 'system', content: 'You are TaskMaster, a helpful task management assistant.' },
      { id: 'b', role: 'user', content: 'Plan my week: três tâches, 日本語 and 🚀.' },
    ];
    const sum = messages.reduce((s, m) => s + tokens(m), 3);
    expect(sum).toBe(await estimateChatTokens(messages));
  });

  it('tokenizes a message once; only new or edited messages are counted again', async () => {
    const { texts, load } = counting();
    const cache = new MessageTokenCache(100, load);
    const history = Array.from({ length: 20 }, (_, i) => ({
      id: `m${i}`,
      role: 'user',
      content: `message ${i}`,
    }));
    const first = await cache.counter();
    const total = history.reduce((s, m) => s + first(m), 0);
    const counted = texts.length;
    const second = await cache.counter();
    expect(history.reduce((s, m) => s + second(m), 0)).toBe(total);
    expect(texts.length).toBe(counted);
    // An edited system prompt (same id, same length, other text) is counted again.
    second({ id: 'm3', role: 'user', content: 'massage 3' });
    expect(texts.at(-1)).toBe('massage 3');
    // Not remembered: a draft.
    const before = texts.length;
    second({ id: 'draft', role: 'user', content: 'typing' }, false);
    second({ id: 'draft', role: 'user', content: 'typing' }, false);
    expect(texts.length).toBe(before + 4);
    expect(cache.size).toBe(21);
  });

  it('stays bounded, and counts roughly when the tokenizer cannot load', async () => {
    const cache = new MessageTokenCache(5, counting().load);
    const count = await cache.counter();
    for (let i = 0; i < 50; i++) count({ id: `m${i}`, role: 'user', content: `x${i}` });
    expect(cache.size).toBe(5);
    const broken = new MessageTokenCache(5, () => Promise.reject(new Error('no encoder')));
    const rough = await broken.counter();
    expect(rough({ id: 'a', role: 'user', content: 'x'.repeat(40) })).toBe(3 + 1 + 10);
  });
});

describe('ContextPlanner counts what is sent', () => {
  it('reasoning is neither sent nor counted; an edited answer part is counted again', async () => {
    const texts: string[] = [];
    const count: CountTokens = (text) => {
      texts.push(text);
      return countTokens(text);
    };
    const planner = new ContextPlanner({
      lengths: { of: () => Promise.resolve({ contextLength: 8192, source: 'default', detail: 'test' }) },
      tokens: new MessageTokenCache(100, () => Promise.resolve(count)),
    });
    const profile = { id: 'p', kind: 'ollama' as const, baseUrl: 'http://127.0.0.1:1/v1', params: {} };
    const question: ContextMessage = {
      id: 'u1',
      role: 'user',
      parts: [{ type: 'text', id: 't1', text: 'What is the capital of France?' }],
      status: 'complete',
    };
    const answer = (reasoning: string, text: string): ContextMessage => ({
      id: 'a1',
      role: 'assistant',
      parts: [
        ...(reasoning ? [{ type: 'reasoning' as const, id: 'r1', text: reasoning }] : []),
        { type: 'text', id: 't1', text },
      ],
      status: 'complete',
    });
    const plan = (reply: ContextMessage) =>
      planner.plan({ profile, model: 'm', messages: [question, reply] });

    const plain = await plan(answer('', 'Paris.'));
    const thought = await plan(
      answer('A long chain of thought about French geography. '.repeat(20), 'Paris.'),
    );
    expect(thought.messages).toEqual(plain.messages);
    expect(thought.messages[1]).toEqual({ role: 'assistant', content: 'Paris.' });
    expect(thought.report.promptTokens).toBe(plain.report.promptTokens);
    expect(texts.some((t) => t.includes('geography'))).toBe(false);

    // Same id and length, other answer text: counted again, not taken from the cache.
    const before = texts.length;
    const edited = await plan(answer('', 'Lyon..'));
    expect(texts.slice(before)).toContain('Lyon..');
    expect(edited.messages[1]).toEqual({ role: 'assistant', content: 'Lyon..' });
  });
});
