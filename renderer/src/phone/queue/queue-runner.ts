/**
 * Runs the offline queue in the page: drains it when the page loads, when an action is queued, when the browser
 * says the network is back, and after a failure with growing delays; one drain at a time. Keeps a snapshot of
 * what waits for the screens.
 */
import { backoffDelay } from '../../api/reconnecting-socket';
import type { PhoneClient } from '../api/phone-client';
import { drainQueue, type QueueEntry, type QueueSender, type Rejection } from './offline-queue';
import type { NewEntry, PhoneDb, StoredPhoto } from './phone-db';
import { toWireAction, type QueuedAction } from './queued-action';

/** What the runner needs of the page's IndexedDB. */
export type RunnerStore<A> = Pick<
  PhoneDb<A>,
  'head' | 'update' | 'remove' | 'photo' | 'reject' | 'enqueue' | 'entries' | 'rejections' | 'dismissRejection'
>;

export interface QueueSnapshot {
  entries: QueueEntry<QueuedAction>[];
  rejections: Rejection[];
  sending: boolean;
  /** When the next automatic try is due after a failure (ms since the epoch), or null. */
  nextTryAt: number | null;
  /** Why the last drain stopped, or null when it emptied the queue. */
  lastError: string | null;
}

export interface QueueRunnerOptions {
  db: RunnerStore<QueuedAction>;
  client: Pick<PhoneClient, 'request' | 'upload'>;
  /** The server took at least one action: the tasks on screen are stale. */
  onSent: () => void;
  onAuthLost: (reason: string) => void;
  onChange: (snapshot: QueueSnapshot) => void;
}

const MIN_RETRY_MS = 2000;
const MAX_RETRY_MS = 60_000;

export class QueueRunner {
  private snapshot: QueueSnapshot = { entries: [], rejections: [], sending: false, nextTryAt: null, lastError: null };
  private running = false;
  private again = false;
  private stopped = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly sender: QueueSender<QueuedAction>;
  private readonly online = (): void => this.kick();

  constructor(private readonly options: QueueRunnerOptions) {
    this.sender = {
      upload: (uploadId, photo) => options.client.upload(uploadId, photo),
      act: (entry, photoIds) =>
        options.client.request('me:act', {
          taskId: entry.taskId,
          clientId: entry.clientId,
          action: toWireAction(entry.action, photoIds),
        }),
    };
  }

  start(): void {
    this.stopped = false;
    window.addEventListener('online', this.online);
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.online);
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Stores an action (and its photos) at the end of the line, then tries to send. */
  async enqueue(entry: NewEntry<QueuedAction>, photos: StoredPhoto[]): Promise<void> {
    await this.options.db.enqueue(entry, photos);
    await this.refresh();
    this.kick();
  }

  async dismiss(clientId: string): Promise<void> {
    await this.options.db.dismissRejection(clientId);
    await this.refresh();
  }

  /** Sends now: a drain already running goes round once more when it ends. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    void this.drain();
  }

  async refresh(): Promise<void> {
    const [entries, rejections] = await Promise.all([this.options.db.entries(), this.options.db.rejections()]);
    this.publish({ entries, rejections });
  }

  private publish(change: Partial<QueueSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    this.options.onChange(this.snapshot);
  }

  private async drain(): Promise<void> {
    this.running = true;
    this.publish({ sending: true, nextTryAt: null });
    try {
      do {
        this.again = false;
        const result = await drainQueue(
          this.options.db,
          this.sender,
          (action) => action.type,
          () => new Date(),
        );
        if (result.sent > 0 || result.rejected > 0) this.options.onSent();
        await this.refresh();
        if (result.kind === 'auth') {
          this.publish({ lastError: result.reason });
          this.options.onAuthLost(result.reason);
          return;
        }
        if (result.kind === 'retry') {
          this.publish({ lastError: result.reason });
          this.retryLater();
          return;
        }
        this.failures = 0;
        this.publish({ lastError: null });
      } while (this.again && !this.stopped);
    } catch (error) {
      this.publish({ lastError: error instanceof Error ? error.message : String(error) });
      this.retryLater();
    } finally {
      this.running = false;
      this.publish({ sending: false });
    }
  }

  private retryLater(): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.failures, MIN_RETRY_MS, MAX_RETRY_MS);
    this.failures += 1;
    this.timer = setTimeout(() => this.kick(), delay);
    this.publish({ nextTryAt: Date.now() + delay });
  }
}
