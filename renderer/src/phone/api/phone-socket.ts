/**
 * The phone's WebSocket for changes to its tasks: authenticates with the device token in its first message (never
 * in the URL), comes back with backoff after the network drops, and stops for good when the server says the
 * token is no longer valid.
 */
import { INSPECTOR_WS_PATH, WS_CLOSE, WsServerMessageSchema, type WsServerMessage } from '@contract/inspector-contract';
import { backoffDelay } from '../../api/reconnecting-socket';

type TaskChanged = Extract<WsServerMessage, { type: 'me:task-changed' }>['payload'];

export interface PhoneSocketOptions {
  baseUrl: string;
  token: string;
  onTaskChanged: (change: TaskChanged) => void;
  /** Connected and authenticated again: whatever was missed meanwhile should be read again. */
  onReady: () => void;
  onAuthLost: (reason: string) => void;
}

export function phoneSocketUrl(baseUrl: string): string {
  const url = new URL(INSPECTOR_WS_PATH, baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  return url.toString();
}

/** Starts the socket; the returned function closes it. */
export function openPhoneSocket(options: PhoneSocketOptions): () => void {
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let stopped = false;

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(connect, backoffDelay(attempt, 1000, 30_000));
    attempt += 1;
  };

  const handle = (data: unknown): void => {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = WsServerMessageSchema.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.type) {
      case 'auth:ok':
        attempt = 0;
        options.onReady();
        break;
      case 'auth:failed':
        // Off duty keeps the pairing: the socket closes and comes back with backoff until they are on duty again.
        if (message.reason === 'INSPECTOR_INACTIVE') break;
        stopped = true;
        options.onAuthLost(message.reason);
        break;
      case 'me:task-changed':
        options.onTaskChanged(message.payload);
        break;
    }
  };

  function connect(): void {
    timer = null;
    const current = new WebSocket(phoneSocketUrl(options.baseUrl));
    socket = current;
    current.addEventListener('open', () => current.send(JSON.stringify({ type: 'auth', token: options.token })));
    current.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (socket === current) handle(event.data);
    });
    current.addEventListener('close', (event: CloseEvent) => {
      if (socket !== current) return;
      socket = null;
      if (event.code === WS_CLOSE.unauthorized) {
        stopped = true;
        // The server closes a revoked device's socket with the reason 'revoked'.
        options.onAuthLost(event.reason === 'revoked' ? 'TOKEN_REVOKED' : 'TOKEN_INVALID');
        return;
      }
      schedule();
    });
  }

  connect();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    const current = socket;
    socket = null;
    current?.close(1000, 'page closed');
  };
}
