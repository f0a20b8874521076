import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostFixture, rawExchange, TOKEN } from '../support/host-wire';

/**
 * What a hostile or broken client can send before any frame: request targets and Host headers that
 * a URL parser rejects, unparsable requests, and resets. Each is answered with a 4xx, and the host
 * still serves afterwards. The host runs in this process, so a crash (an unhandled rejection or
 * error event) would also fail the run.
 */
let fixture: HostFixture;
beforeAll(async () => {
  fixture = await HostFixture.start();
});
afterAll(async () => {
  await fixture.close();
});

const status = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
const upgrade = (target: string, host: string) =>
  `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n` +
  `Origin: http://${host}\r\nCookie: assistant_token=${TOKEN}\r\n\r\n`;

const badTargets = ['//[', '//%', '//a:b@[::', 'http://[', '//127.0.0.1:99999/', '*', 'http://127.0.0.1/'];

describe('the browser host against hostile requests', () => {
  it.each(badTargets)('answers 400 to the request target %s, with or without the token', async (target) => {
    const host = `127.0.0.1:${fixture.port}`;
    const bare = await rawExchange(
      fixture.port,
      `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
    );
    expect(status(bare)).toBe(400);
    const withCookie = await rawExchange(
      fixture.port,
      `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nCookie: assistant_token=${TOKEN}\r\nConnection: close\r\n\r\n`,
    );
    expect(status(withCookie)).toBe(400);
    await fixture.assertAlive();
  });

  it.each(['', '[', 'a b', '%', '127.0.0.1:99999'])(
    'answers 400 to a page request with the malformed Host "%s"',
    async (badHost) => {
      const answer = await rawExchange(
        fixture.port,
        `GET / HTTP/1.1\r\nHost: ${badHost}\r\nConnection: close\r\n\r\n`,
      );
      expect(status(answer)).toBe(400);
      await fixture.assertAlive();
    },
  );

  it.each(['', '[', 'a b', '%', '127.0.0.1:99999'])(
    'refuses a socket upgrade with the malformed Host "%s" (400) and keeps serving',
    async (badHost) => {
      const answer = await rawExchange(fixture.port, upgrade('/ws', badHost));
      expect(status(answer)).toBe(400);
      expect(answer).not.toContain('101 Switching');
      await fixture.assertAlive();
    },
  );

  it.each(badTargets)('refuses a socket upgrade to the target %s (400) and keeps serving', async (target) => {
    const answer = await rawExchange(fixture.port, upgrade(target, `127.0.0.1:${fixture.port}`));
    expect(status(answer)).toBe(400);
    await fixture.assertAlive();
  });

  it('still tells a foreign but well-formed Host (DNS rebinding) apart: 421, also on the socket', async () => {
    expect(
      status(
        await rawExchange(fixture.port, `GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`),
      ),
    ).toBe(421);
    expect(status(await rawExchange(fixture.port, upgrade('/ws', `evil.example:${fixture.port}`)))).toBe(421);
    await fixture.assertAlive();
  });

  it('answers 400 to a request Node cannot parse, and to a handshake ws cannot accept', async () => {
    expect(status(await rawExchange(fixture.port, 'NOT HTTP AT ALL\r\n\r\n'))).toBe(400);
    expect(status(await rawExchange(fixture.port, 'GET / HTTP/1.1\r\nHo st: x\r\n\r\n'))).toBe(400);
    const noKey = upgrade('/ws', `127.0.0.1:${fixture.port}`).replace(/Sec-WebSocket-Key: .*\r\n/, '');
    expect(status(await rawExchange(fixture.port, noKey))).toBe(400);
    await fixture.assertAlive();
  });

  it('answers odd but well-formed paths and oversized headers without falling over', async () => {
    const page = (target: string, extra = '') =>
      rawExchange(
        fixture.port,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${fixture.port}\r\nCookie: assistant_token=${TOKEN}\r\n` +
          `${extra}Connection: close\r\n\r\n`,
      );
    for (const target of ['/%00', '/%2e%2e/%2e%2e/etc/passwd', '/\\..\\..\\x', `/${'a'.repeat(4000)}`]) {
      expect(status(await page(target))).toBe(404);
    }
    expect(status(await page('/', `X-Big: ${'b'.repeat(64 * 1024)}\r\n`))).toBe(431);
    await fixture.assertAlive();
  });

  it('survives clients that hang up mid-request and mid-upgrade', async () => {
    const { connect } = await import('node:net');
    for (const partial of ['GET / HTTP/1.1\r\nHost: 127', upgrade('/ws', `127.0.0.1:${fixture.port}`)]) {
      await new Promise<void>((resolve) => {
        const socket = connect(fixture.port, '127.0.0.1', () => {
          socket.write(partial);
          socket.resetAndDestroy();
        });
        socket.on('error', () => {});
        socket.on('close', () => resolve());
      });
    }
    await fixture.assertAlive();
  });
});
