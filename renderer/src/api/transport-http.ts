import { ReconnectingSocket } from './reconnecting-socket';
import { TransportError, type LinkState, type Transport } from './transport';

export interface HttpTransportOptions {
  /** Where the HTTP shell serves the app; requests go to `<base>api/<channel>`. Defaults to the page itself. */
  baseUrl?: string;
  /** How long one request may take before it is abandoned. */
  requestTimeoutMs?: number;
}

/** `ws:`/`wss:` URL of the push endpoint next to the page, so that it works behind any host and port. */
export function pushUrl(baseUrl: string): string {
  const url = new URL('api/ws', baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  return url.toString();
}

/** The HTTP/WebSocket shell: `POST api/<channel>` for requests, one WebSocket for pushes. */
export function createHttpTransport(options: HttpTransportOptions = {}): Transport {
  const baseUrl = options.baseUrl ?? document.baseURI;
  const timeoutMs = options.requestTimeoutMs ?? 20_000;
  const pushListeners = new Set<(message: unknown) => void>();
  const stateListeners = new Set<(state: LinkState) => void>();
  let state: LinkState = 'closed';

  const socket = new ReconnectingSocket({
    url: pushUrl(baseUrl),
    onMessage: (message) => pushListeners.forEach((listener) => listener(message)),
    onState: (next) => {
      state = next;
      stateListeners.forEach((listener) => listener(next));
    },
  });

  return {
    shell: 'http',
    async invoke(channel, input) {
      const response = await post(new URL(`api/${channel}`, baseUrl), input, timeoutMs);
      const text = await response.text();
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new TransportError(`HTTP ${response.status}: the response is not JSON`);
      }
    },
    onPush(listener) {
      pushListeners.add(listener);
      socket.start();
      return () => pushListeners.delete(listener);
    },
    onLinkState(listener) {
      socket.start();
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
  };
}

async function post(url: URL, input: unknown, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(input ?? {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TransportError(`cannot reach the server: ${reason}`);
  }
}
