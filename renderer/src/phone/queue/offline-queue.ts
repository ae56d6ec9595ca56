/**
 * The phone's offline queue, without I/O: what is waiting, in which order it goes out, and what happens to the
 * head of the queue on each kind of answer. Storage (IndexedDB in the page) and the network (fetch) come in as
 * the two small interfaces below, so the rules are tested without a browser.
 *
 * Rules:
 * - Every action gets its client-made id when the inspector acts; its photos are stored as blobs with their own
 *   client-made upload ids. Nothing is sent out of order: the head goes first, photos before the action.
 * - The server applies an action id (and an upload id) at most once, so sending the head again after a crash or
 *   a lost answer is safe: an entry leaves the queue only after the server has answered it.
 * - Network trouble or a server error (5xx, 408, 429) stops the drain; the caller retries with backoff.
 * - A 401 stops the drain and the page asks to pair again; the queue is kept for the new pairing.
 * - Any other refusal (4xx) removes the head and keeps the reason for the inspector to read, so one bad action
 *   cannot block the ones behind it.
 */

/** What one upload or action answer means to the queue. */
export type SendOutcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'retry'; reason: string }
  | { kind: 'auth'; reason: string }
  | { kind: 'refused'; code: string; reason: string };

export interface QueueEntry<A> {
  /** Order of arrival (assigned by the store). */
  seq: number;
  /** Client-made id of the action: the server applies it at most once. */
  clientId: string;
  taskId: string;
  /** The task's title when the action was taken, to list what is waiting without the network. */
  taskTitle: string;
  action: A;
  /** Client-made ids of the photos stored with the action, in the order they go with it. */
  uploadIds: string[];
  /** Photos already accepted by the server: upload id → the server's photo id. */
  photoIds: Record<string, string>;
  /** When the inspector acted (ISO time). */
  createdAt: string;
  attempts: number;
  lastError: string | null;
}

/** An action the server refused, kept so the inspector sees why it was dropped. */
export interface Rejection {
  clientId: string;
  taskId: string;
  taskTitle: string;
  actionType: string;
  code: string;
  reason: string;
  at: string;
}

export interface QueueStore<A> {
  /** The oldest entry, or null when nothing waits. */
  head(): Promise<QueueEntry<A> | null>;
  /** Stores progress on an entry (photo ids, attempts, last error). */
  update(entry: QueueEntry<A>): Promise<void>;
  /** Removes an entry and its photo blobs. */
  remove(entry: QueueEntry<A>): Promise<void>;
  photo(uploadId: string): Promise<Blob | null>;
  reject(rejection: Rejection): Promise<void>;
}

export interface QueueSender<A> {
  upload(uploadId: string, photo: Blob): Promise<SendOutcome<string>>;
  /** Sends the action with the server's photo ids, in the order of `entry.uploadIds`. */
  act(entry: QueueEntry<A>, photoIds: string[]): Promise<SendOutcome<unknown>>;
}

export type DrainResult =
  | { kind: 'done'; sent: number; rejected: number }
  | { kind: 'retry'; sent: number; rejected: number; reason: string }
  | { kind: 'auth'; sent: number; rejected: number; reason: string };

/** The error code given to an action whose photo is no longer in the store (a cleared site storage). */
export const PHOTO_MISSING = 'PHOTO_MISSING';

/**
 * Sends the queue in order until it is empty or something stops it. `actionType` names an action for the list
 * of rejections; `now` gives the time a rejection is recorded.
 */
export async function drainQueue<A>(
  store: QueueStore<A>,
  sender: QueueSender<A>,
  actionType: (action: A) => string,
  now: () => Date,
): Promise<DrainResult> {
  let sent = 0;
  let rejected = 0;
  for (;;) {
    const entry = await store.head();
    if (entry === null) return { kind: 'done', sent, rejected };
    const outcome = await sendEntry(store, sender, entry);
    switch (outcome.kind) {
      case 'ok':
        await store.remove(entry);
        sent += 1;
        break;
      case 'refused':
        await store.reject({
          clientId: entry.clientId,
          taskId: entry.taskId,
          taskTitle: entry.taskTitle,
          actionType: actionType(entry.action),
          code: outcome.code,
          reason: outcome.reason,
          at: now().toISOString(),
        });
        await store.remove(entry);
        rejected += 1;
        break;
      case 'retry':
      case 'auth':
        await store.update({ ...entry, attempts: entry.attempts + 1, lastError: outcome.reason });
        return { kind: outcome.kind, sent, rejected, reason: outcome.reason };
    }
  }
}

/** Uploads the entry's missing photos, one by one, then sends the action. */
async function sendEntry<A>(
  store: QueueStore<A>,
  sender: QueueSender<A>,
  entry: QueueEntry<A>,
): Promise<SendOutcome<unknown>> {
  for (const uploadId of entry.uploadIds) {
    if (entry.photoIds[uploadId] !== undefined) continue;
    const blob = await store.photo(uploadId);
    if (blob === null) return { kind: 'refused', code: PHOTO_MISSING, reason: 'the photo is no longer stored' };
    const uploaded = await sender.upload(uploadId, blob);
    if (uploaded.kind !== 'ok') return uploaded;
    entry.photoIds = { ...entry.photoIds, [uploadId]: uploaded.value };
    await store.update(entry);
  }
  const photoIds = entry.uploadIds.map((uploadId) => entry.photoIds[uploadId] ?? '');
  return sender.act(entry, photoIds);
}

/** Task ids with at least one action waiting, to mark them in the list. */
export function pendingTaskIds(entries: readonly Pick<QueueEntry<unknown>, 'taskId'>[]): Set<string> {
  return new Set(entries.map((entry) => entry.taskId));
}

/**
 * What an HTTP answer means to the queue: a 401 asks to pair again (its reason is the code when there is one);
 * a 5xx, 408 or 429 is tried again later; any other 4xx is a refusal with the server's error code.
 */
export function classifyStatus(status: number, code: string | null, message: string): SendOutcome<never> | null {
  if (status >= 200 && status < 300) return null;
  if (status === 401) return { kind: 'auth', reason: code ?? message };
  if (status >= 500 || status === 408 || status === 429) return { kind: 'retry', reason: `HTTP ${status}: ${message}` };
  return { kind: 'refused', code: code ?? `HTTP_${status}`, reason: message };
}
