import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueEntry, Rejection, SendOutcome } from './offline-queue';
import type { NewEntry, StoredPhoto } from './phone-db';
import type { QueuedAction } from './queued-action';
import { QueueRunner, type QueueSnapshot, type RunnerStore } from './queue-runner';

/** The page's IndexedDB kept in memory. */
class MemoryDb implements RunnerStore<QueuedAction> {
  queue: QueueEntry<QueuedAction>[] = [];
  photos = new Map<string, Blob>();
  refused: Rejection[] = [];
  private seq = 0;

  enqueue(entry: NewEntry<QueuedAction>, photos: StoredPhoto[]): Promise<void> {
    this.seq += 1;
    this.queue.push({ ...entry, seq: this.seq });
    for (const photo of photos) this.photos.set(photo.uploadId, photo.blob);
    return Promise.resolve();
  }
  entries(): Promise<QueueEntry<QueuedAction>[]> {
    return Promise.resolve(structuredClone(this.queue));
  }
  head(): Promise<QueueEntry<QueuedAction> | null> {
    return Promise.resolve(this.queue[0] === undefined ? null : structuredClone(this.queue[0]));
  }
  update(entry: QueueEntry<QueuedAction>): Promise<void> {
    this.queue = this.queue.map((stored) => (stored.seq === entry.seq ? structuredClone(entry) : stored));
    return Promise.resolve();
  }
  remove(entry: QueueEntry<QueuedAction>): Promise<void> {
    this.queue = this.queue.filter((stored) => stored.seq !== entry.seq);
    return Promise.resolve();
  }
  photo(uploadId: string): Promise<Blob | null> {
    return Promise.resolve(this.photos.get(uploadId) ?? null);
  }
  reject(rejection: Rejection): Promise<void> {
    this.refused.push(rejection);
    return Promise.resolve();
  }
  rejections(): Promise<Rejection[]> {
    return Promise.resolve([...this.refused]);
  }
  dismissRejection(clientId: string): Promise<void> {
    this.refused = this.refused.filter((rejection) => rejection.clientId !== clientId);
    return Promise.resolve();
  }
}

function entry(clientId: string): NewEntry<QueuedAction> {
  return {
    clientId,
    taskId: 't1',
    taskTitle: '西河村仓库冒白烟',
    action: { type: 'accept' },
    uploadIds: [],
    photoIds: {},
    createdAt: '2026-03-01T08:00:00.000Z',
    attempts: 0,
    lastError: null,
  };
}

describe('QueueRunner', () => {
  let db: MemoryDb;
  let answers: SendOutcome<unknown>[];
  let sent: string[];
  let snapshot: QueueSnapshot | null;
  const onSent = vi.fn();
  const onAuthLost = vi.fn();

  function runner(): QueueRunner {
    return new QueueRunner({
      db,
      client: {
        request: (_channel, input) => {
          sent.push((input as { clientId: string }).clientId);
          return Promise.resolve(answers.shift() ?? { kind: 'ok', value: {} }) as never;
        },
        upload: () => Promise.resolve({ kind: 'ok', value: 'ph_00000000' }),
      },
      onSent,
      onAuthLost,
      onChange: (next) => {
        snapshot = next;
      },
    });
  }

  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', new EventTarget());
    db = new MemoryDb();
    answers = [];
    sent = [];
    snapshot = null;
    onSent.mockReset();
    onAuthLost.mockReset();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('sends what waited since the last visit when it starts', async () => {
    await db.enqueue(entry('a-00000001'), []);
    await db.enqueue(entry('b-00000002'), []);
    runner().start();
    await vi.runAllTimersAsync();
    expect(sent).toEqual(['a-00000001', 'b-00000002']);
    expect(db.queue).toEqual([]);
    expect(onSent).toHaveBeenCalled();
    expect(snapshot?.sending).toBe(false);
  });

  it('tries again after a failure with a delay, and at once when the browser says the network is back', async () => {
    const queue = runner();
    queue.start();
    answers = [
      { kind: 'retry', reason: 'NETWORK_DOWN' },
      { kind: 'retry', reason: 'NETWORK_DOWN' },
    ];
    await queue.enqueue(entry('a-00000001'), []);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['a-00000001']);
    expect(snapshot?.nextTryAt).not.toBeNull();
    expect(snapshot?.entries[0]?.attempts).toBe(1);

    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toHaveLength(2);

    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(3);
    expect(db.queue).toEqual([]);
    expect(snapshot?.nextTryAt).toBeNull();
  });

  it('an action queued while a drain runs goes in the same round, after the ones before it', async () => {
    const queue = runner();
    queue.start();
    await queue.enqueue(entry('a-00000001'), []);
    await queue.enqueue(entry('b-00000002'), []);
    await vi.runAllTimersAsync();
    expect(sent).toEqual(['a-00000001', 'b-00000002']);
  });

  it('stops and asks to pair again on a 401, keeping the queue and trying no more', async () => {
    const queue = runner();
    queue.start();
    answers = [{ kind: 'auth', reason: 'TOKEN_REVOKED' }];
    await queue.enqueue(entry('a-00000001'), []);
    await vi.runAllTimersAsync();
    expect(onAuthLost).toHaveBeenCalledWith('TOKEN_REVOKED');
    expect(db.queue).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent).toHaveLength(1);
  });

  it('sends nothing after it was stopped', async () => {
    const queue = runner();
    queue.start();
    queue.stop();
    await queue.enqueue(entry('a-00000001'), []);
    window.dispatchEvent(new Event('online'));
    await vi.runAllTimersAsync();
    expect(sent).toEqual([]);
    expect(snapshot?.entries).toHaveLength(1);
  });
});
