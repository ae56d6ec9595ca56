import type { LinkState } from './transport';

export interface ReconnectingSocketOptions {
  url: string;
  /** Called with every text frame, parsed as JSON. Frames that are not JSON are dropped. */
  onMessage: (message: unknown) => void;
  onState: (state: LinkState) => void;
  /** First retry delay; doubles on every failed attempt up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** Delay before reconnect attempt number `attempt` (0-based): exponential, capped, with jitter in [50 %, 100 %]. */
export function backoffDelay(attempt: number, minDelayMs: number, maxDelayMs: number, random = Math.random): number {
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/**
 * A WebSocket that comes back after the server restarts or the network drops: on every close it waits with
 * exponential backoff and connects again, until `close()` is called.
 */
export class ReconnectingSocket {
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private stopped = false;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: ReconnectingSocketOptions) {
    this.minDelayMs = options.minDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
  }

  start(): void {
    this.stopped = false;
    if (this.socket === null && this.timer === null) this.connect();
  }

  close(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'client closed');
    this.options.onState('closed');
  }

  private connect(): void {
    this.timer = null;
    this.options.onState('connecting');
    const socket = new WebSocket(this.options.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.options.onState('open');
    });
    socket.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      const message = parseJson(event.data);
      if (message !== undefined) this.options.onMessage(message);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.options.onState('closed');
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt, this.minDelayMs, this.maxDelayMs);
    this.attempt += 1;
    this.timer = setTimeout(() => this.connect(), delay);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
