import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { coalesceLatest } from '../../electron/services/events/coalesce-latest';
import type { EventMap } from '../../shared/contract/events';
import { HostFixture, PageSocket, TOKEN } from '../support/host-wire';

describe('coalesceLatest', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('delivers the first pull at once, then at most once per window, always with the latest state', () => {
    vi.useFakeTimers();
    let state = 0;
    const delivered: number[] = [];
    const pull = coalesceLatest(
      () => delivered.push(state),
      32,
      () => Date.now(),
    );

    state = 1;
    pull();
    expect(delivered).toEqual([1]);
    for (let i = 2; i <= 200; i++) {
      state = i;
      pull();
    }
    expect(delivered).toEqual([1]);
    vi.advanceTimersByTime(32);
    expect(delivered).toEqual([1, 200]);

    // Quiet for a window: the next single change goes out at once again.
    vi.advanceTimersByTime(100);
    state = 201;
    pull();
    expect(delivered).toEqual([1, 200, 201]);
  });

  it('survives a delivery that throws from its timer', () => {
    vi.useFakeTimers();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    let calls = 0;
    const pull = coalesceLatest(
      () => {
        calls++;
        throw new Error('store closed');
      },
      32,
      () => Date.now(),
    );
    pull();
    pull();
    expect(() => vi.advanceTimersByTime(32)).not.toThrow();
    expect(calls).toBe(2);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});

describe('events through the browser host', () => {
  let fixture: HostFixture;
  beforeAll(async () => {
    fixture = await HostFixture.start();
  });
  afterAll(async () => {
    await fixture.close();
  });

  it('serialises each event once, however many pages are open, and every page gets it', async () => {
    const pages = await Promise.all(Array.from({ length: 8 }, () => PageSocket.open(fixture)));
    let serialised = 0;
    const plain = { file: 'probe.json', movedTo: 'probe.json', reason: 'probe', recovery: 'none', at: 1 };
    // JSON.stringify calls toJSON once per serialisation: the count is the number of serialisations.
    const problem = {
      ...plain,
      toJSON: () => {
        serialised++;
        return plain;
      },
    } as unknown as EventMap['store.problem'];
    fixture.app.core.events.emit('store.problem', problem);
    const got = (page: PageSocket) =>
      page.messages.some((m) => m.kind === 'event' && m.name === 'store.problem');
    await fixture.app.waitFor(() => pages.every(got));
    expect(serialised).toBe(1);
    for (const page of pages) page.close();
  });

  it('coalesces conversations.changed during a burst of creates, and the last list has them all', async () => {
    const page = await PageSocket.open(fixture);
    const lists = () =>
      page.messages.flatMap((m) =>
        m.kind === 'event' && m.name === 'conversations.changed'
          ? [(m.payload as EventMap['conversations.changed']).conversations.map((c) => c.id)]
          : [],
      );
    const created = await Promise.all(Array.from({ length: 60 }, () => page.invoke('conversations.create')));
    const ids = created.map((r) => (r.ok ? (r.value as { id: string }).id : 'failed'));
    await fixture.app.waitFor(() => ids.every((id) => lists().at(-1)?.includes(id)));
    // Sixty without coalescing; a handful with it (how many depends on how the frames arrive).
    expect(lists().length).toBeLessThanOrEqual(15);

    // A later single change still arrives on its own.
    const renamed = ids[0] ?? '';
    await page.invoke('conversations.rename', { id: renamed, title: 'After the burst' });
    await fixture.app.waitFor(() =>
      page.messages.some(
        (m) =>
          m.kind === 'event' &&
          m.name === 'conversations.changed' &&
          (m.payload as EventMap['conversations.changed']).conversations.some(
            (c) => c.id === renamed && c.title === 'After the burst',
          ),
      ),
    );
    page.close();
  });
});

describe('a page that stops reading', () => {
  let fixture: HostFixture;
  beforeAll(async () => {
    fixture = await HostFixture.start({ maxBufferedBytes: 256 * 1024 });
  });
  afterAll(async () => {
    await fixture.close();
  });

  it('is dropped once its unsent events pass the cap, and the other pages keep getting theirs', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // A socket that completes the handshake, then never reads again.
    const stalled = connect(fixture.port, '127.0.0.1');
    stalled.on('error', () => {});
    const closed = new Promise<void>((resolve) => stalled.on('close', () => resolve()));
    stalled.write(
      `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${fixture.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
        `Origin: ${fixture.origin}\r\nCookie: assistant_token=${TOKEN}\r\n\r\n`,
    );
    await new Promise<void>((resolve) => stalled.once('data', () => resolve()));
    stalled.pause();
    const reader = await PageSocket.open(fixture);

    const big = { file: 'f', movedTo: 'f', reason: 'x'.repeat(100_000), recovery: 'none', at: 0 };
    let sent = 0;
    while (!warn.mock.calls.some((call) => /stopped reading/.test(String(call[0]))) && sent < 400) {
      fixture.app.core.events.emit('store.problem', { ...big, at: ++sent });
      // Let the sockets flush between events, as a real burst would.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(sent).toBeLessThan(400);
    const last = sent;
    await fixture.app.waitFor(() =>
      reader.messages.some(
        (m) => m.kind === 'event' && m.name === 'store.problem' && (m.payload as { at: number }).at === last,
      ),
    );
    // Reading again, the stalled page finds its socket closed by the host.
    stalled.resume();
    await closed;
    reader.close();
    await fixture.assertAlive();
  });
});
