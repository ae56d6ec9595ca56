import type { PushMessage } from '../api/contract';

export type PushListener = (message: PushMessage) => void;

/** Fan-out of pushed messages to every connected client of every shell. */
export class PushBus {
  private readonly listeners = new Set<PushListener>();

  publish(message: PushMessage): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(message);
      } catch {
        // one broken client must not stop the others
      }
    }
  }

  subscribe(listener: PushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
