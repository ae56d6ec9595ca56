import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, ReconnectingSocket } from './reconnecting-socket';
import type { LinkState } from './transport';

/** Just enough of a browser WebSocket: the test opens, closes and feeds each instance by hand. */
class FakeWebSocket extends EventTarget {
  static instances: FakeWebSocket[] = [];
  closed = false;

  constructor(readonly url: string) {
    super();
    FakeWebSocket.instances.push(this);
  }

  open(): void {
    this.dispatchEvent(new Event('open'));
  }

  receive(data: string): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }

  drop(): void {
    this.dispatchEvent(new Event('close'));
  }

  close(): void {
    this.closed = true;
  }
}

describe('backoffDelay', () => {
  it('doubles from the minimum up to the maximum, with jitter between half and all of it', () => {
    expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffDelay(3, 500, 30_000, () => 0)).toBe(2000);
    expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(5000, 500, 30_000, () => 1)).toBe(30_000);
  });
});

describe('ReconnectingSocket', () => {
  beforeEach(() => {
    FakeWebSocket.instances = [];
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeWebSocket);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function start() {
    const states: LinkState[] = [];
    const messages: unknown[] = [];
    const socket = new ReconnectingSocket({
      url: 'ws://host/api/ws',
      onMessage: (message) => messages.push(message),
      onState: (state) => states.push(state),
      minDelayMs: 100,
      maxDelayMs: 1000,
    });
    socket.start();
    return { socket, states, messages };
  }

  it('passes JSON frames on and drops the rest', () => {
    const { messages } = start();
    const ws = FakeWebSocket.instances[0];
    ws?.open();
    ws?.receive('{"type":"log:written","payload":{}}');
    ws?.receive('not json');
    expect(messages).toEqual([{ type: 'log:written', payload: {} }]);
  });

  it('connects again after a drop, waiting longer after each failed attempt', () => {
    const { states } = start();
    FakeWebSocket.instances[0]?.open();
    FakeWebSocket.instances[0]?.drop();
    expect(states).toEqual(['connecting', 'open', 'closed']);

    vi.advanceTimersByTime(100);
    expect(FakeWebSocket.instances).toHaveLength(2);
    FakeWebSocket.instances[1]?.drop();
    vi.advanceTimersByTime(99);
    expect(FakeWebSocket.instances).toHaveLength(2);
    vi.advanceTimersByTime(101);
    expect(FakeWebSocket.instances).toHaveLength(3);

    FakeWebSocket.instances[2]?.open();
    expect(states.at(-1)).toBe('open');
  });

  it('stops for good on close()', () => {
    const { socket, states } = start();
    FakeWebSocket.instances[0]?.open();
    socket.close();
    expect(FakeWebSocket.instances[0]?.closed).toBe(true);
    FakeWebSocket.instances[0]?.drop();
    vi.advanceTimersByTime(10_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(states.at(-1)).toBe('closed');
  });

  it('calls start() twice without opening a second socket', () => {
    const { socket } = start();
    socket.start();
    expect(FakeWebSocket.instances).toHaveLength(1);
  });
});
