/**
 * A transport moves raw contract messages between the renderer and one of the shells. It knows nothing about
 * channels or schemas: the client validates everything that comes back.
 */

/** State of the link that carries pushed messages. */
export type LinkState = 'connecting' | 'open' | 'closed';

export interface Transport {
  readonly shell: 'electron' | 'http';
  /** Sends one request; resolves to the raw `Result` envelope as received, before any validation. */
  invoke(channel: string, input: unknown): Promise<unknown>;
  /** Receives every pushed message, raw. Returns an unsubscribe function. */
  onPush(listener: (message: unknown) => void): () => void;
  /** Reports the state of the push link now and on every change. Returns an unsubscribe function. */
  onLinkState(listener: (state: LinkState) => void): () => void;
}

/** A failure to reach the shell at all (as opposed to an error envelope the shell sent back). */
export class TransportError extends Error {
  override readonly name = 'TransportError';
}
