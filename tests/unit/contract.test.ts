import { describe, expect, it } from 'vitest';
import { routeNames, routes } from '../../shared/contract/routes';
import { eventNames } from '../../shared/contract/events';
import { ipcChannel } from '../../shared/contract/api';
import { normaliseBaseUrl } from '../../shared/domain/backend-url';
import { titleFrom } from '../../shared/domain/excerpt';
import { createRouter, type RouteHandlers } from '../../electron/services/router/router';
import { AppError } from '../../electron/services/app-error';
import { userError } from '../../shared/domain/errors';

describe('the route table', () => {
  it('has a runtime schema for every input', () => {
    for (const name of routeNames) expect(typeof routes[name].input.safeParse).toBe('function');
  });

  it('rejects unknown fields, empty text and bad ids', () => {
    expect(routes['chat.send'].input.safeParse({ conversationId: 'a', text: 'hi' }).success).toBe(true);
    expect(routes['chat.send'].input.safeParse({ conversationId: 'a', text: '   ' }).success).toBe(false);
    expect(routes['chat.send'].input.safeParse({ conversationId: '', text: 'hi' }).success).toBe(false);
    expect(routes['chat.send'].input.safeParse({ conversationId: 'a', text: 'hi', extra: 1 }).success).toBe(
      false,
    );
    expect(routes['conversations.list'].input.safeParse(undefined).success).toBe(true);
    expect(routes['conversations.list'].input.safeParse({ x: 1 }).success).toBe(false);
  });

  it('derives distinct IPC channels from the names', () => {
    const channels = [...routeNames.map(ipcChannel.route), ...eventNames.map(ipcChannel.event)];
    expect(new Set(channels).size).toBe(channels.length);
  });
});

describe('the router', () => {
  const handlers = Object.fromEntries(routeNames.map((n) => [n, () => 'ok'])) as unknown as RouteHandlers;

  it('answers an envelope for unknown routes and invalid input, never throwing', async () => {
    const router = createRouter(handlers);
    expect(await router.dispatch('fs.readFile', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    const bad = await router.dispatch('chat.send', { conversationId: 'c', text: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!bad.ok && bad.error.message).toContain('text');
    expect(await router.dispatch('conversations.list', undefined)).toEqual({ ok: true, value: 'ok' });
  });

  it('turns AppError into its user error and anything else into an internal one', async () => {
    const router = createRouter(
      {
        ...handlers,
        'conversations.get': () => {
          throw new AppError(userError('not-found', 'gone', 'pick another'));
        },
        'conversations.list': () => {
          throw new Error('boom');
        },
      },
      () => {},
    );
    expect(await router.dispatch('conversations.get', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'gone', fix: 'pick another', retryable: false },
    });
    expect(await router.dispatch('conversations.list', undefined)).toMatchObject({
      ok: false,
      error: { code: 'internal', detail: 'boom' },
    });
  });
});

describe('backend URLs', () => {
  it.each([
    ['http://127.0.0.1:11434/v1', 'http://127.0.0.1:11434/v1'],
    ['http://127.0.0.1:11434/v1/', 'http://127.0.0.1:11434/v1'],
    ['localhost:4000/v1', 'http://localhost:4000/v1'],
    ['https://api.openai.com/v1/chat/completions', 'https://api.openai.com/v1'],
    ['  http://host:8080/v1?x=1#y ', 'http://host:8080/v1'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseBaseUrl(input)).toEqual({ ok: true, url: expected });
  });

  it.each([
    ['', /empty/],
    ['ftp://host/v1', /scheme "ftp" is not supported/],
    ['http://', /not a URL/],
    ['http://user:pw@host/v1', /key field/],
  ])('rejects %j with a reason', (input, reason) => {
    const result = normaliseBaseUrl(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});

describe('titles', () => {
  it('come from the first line of the first message, shortened', () => {
    expect(titleFrom('  Plan my\nweek  ')).toBe('Plan my week');
    expect(titleFrom('x'.repeat(100))).toHaveLength(60);
    expect(titleFrom('   ')).toBe('New chat');
  });
});
