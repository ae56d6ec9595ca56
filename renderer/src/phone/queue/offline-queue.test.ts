import { describe, expect, it } from 'vitest';
import {
  classifyStatus,
  drainQueue,
  pendingTaskIds,
  PHOTO_MISSING,
  type QueueEntry,
  type QueueSender,
  type QueueStore,
  type Rejection,
  type SendOutcome,
} from './offline-queue';

interface Action {
  type: string;
}

/** The queue's storage kept in memory, as the page keeps it in IndexedDB. */
class MemoryStore implements QueueStore<Action> {
  entries: QueueEntry<Action>[] = [];
  photos = new Map<string, Blob>();
  rejections: Rejection[] = [];
  private seq = 0;

  add(clientId: string, type: string, photos: string[] = [], taskId = 't1'): void {
    this.seq += 1;
    for (const id of photos) this.photos.set(id, new Blob([id], { type: 'image/jpeg' }));
    this.entries.push({
      seq: this.seq,
      clientId,
      taskId,
      taskTitle: `task ${taskId}`,
      action: { type },
      uploadIds: photos,
      photoIds: {},
      createdAt: '2026-01-01T00:00:00.000Z',
      attempts: 0,
      lastError: null,
    });
  }

  head(): Promise<QueueEntry<Action> | null> {
    const first = this.entries[0];
    return Promise.resolve(first === undefined ? null : structuredClone(first));
  }

  update(entry: QueueEntry<Action>): Promise<void> {
    this.entries = this.entries.map((stored) => (stored.seq === entry.seq ? structuredClone(entry) : stored));
    return Promise.resolve();
  }

  remove(entry: QueueEntry<Action>): Promise<void> {
    this.entries = this.entries.filter((stored) => stored.seq !== entry.seq);
    for (const id of entry.uploadIds) this.photos.delete(id);
    return Promise.resolve();
  }

  photo(uploadId: string): Promise<Blob | null> {
    return Promise.resolve(this.photos.get(uploadId) ?? null);
  }

  reject(rejection: Rejection): Promise<void> {
    this.rejections.push(rejection);
    return Promise.resolve();
  }
}

type Scripted = SendOutcome<string> | 'apply';

/**
 * A server that applies each action id and upload id at most once, as the engine does, and can be told to
 * answer the next calls differently (network down, refusal, lost answer).
 */
class Server implements QueueSender<Action> {
  applied: string[] = [];
  calls: string[] = [];
  uploads = new Map<string, string>();
  script: Scripted[] = [];
  /** Apply the next action but lose the answer (the page dies or the network drops before it arrives). */
  loseNextAnswer = false;

  upload(uploadId: string): Promise<SendOutcome<string>> {
    this.calls.push(`upload ${uploadId}`);
    const scripted = this.script.shift() ?? 'apply';
    if (scripted !== 'apply') return Promise.resolve(scripted);
    const photoId = this.uploads.get(uploadId) ?? `p-${uploadId}`;
    this.uploads.set(uploadId, photoId);
    return Promise.resolve({ kind: 'ok', value: photoId });
  }

  act(entry: QueueEntry<Action>, photoIds: string[]): Promise<SendOutcome<unknown>> {
    this.calls.push(`act ${entry.clientId} [${photoIds.join(',')}]`);
    const scripted = this.script.shift() ?? 'apply';
    if (scripted !== 'apply') return Promise.resolve(scripted);
    if (!this.applied.includes(entry.clientId)) this.applied.push(entry.clientId);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      return Promise.reject(new Error('the page was closed'));
    }
    return Promise.resolve({ kind: 'ok', value: null });
  }
}

const now = (): Date => new Date('2026-01-01T08:00:00.000Z');
const drain = (store: MemoryStore, server: Server) => drainQueue(store, server, (action) => action.type, now);

describe('drainQueue', () => {
  it('sends the actions in the order they were taken and empties the queue', async () => {
    const store = new MemoryStore();
    store.add('a', 'accept');
    store.add('b', 'checkin');
    store.add('c', 'report');
    const server = new Server();
    expect(await drain(store, server)).toEqual({ kind: 'done', sent: 3, rejected: 0 });
    expect(server.applied).toEqual(['a', 'b', 'c']);
    expect(store.entries).toEqual([]);
  });

  it('uploads the photos first, then sends the action with the photo ids in order', async () => {
    const store = new MemoryStore();
    store.add('a', 'checkin', ['u1', 'u2']);
    const server = new Server();
    await drain(store, server);
    expect(server.calls).toEqual(['upload u1', 'upload u2', 'act a [p-u1,p-u2]']);
    expect(store.photos.size).toBe(0);
  });

  it('stops at a network failure, keeps the order and counts the attempt; the next drain goes on from there', async () => {
    const store = new MemoryStore();
    store.add('a', 'accept');
    store.add('b', 'report');
    const server = new Server();
    server.script = [{ kind: 'retry', reason: 'offline' }];
    expect(await drain(store, server)).toEqual({ kind: 'retry', sent: 0, rejected: 0, reason: 'offline' });
    expect(store.entries.map((entry) => [entry.clientId, entry.attempts, entry.lastError])).toEqual([
      ['a', 1, 'offline'],
      ['b', 0, null],
    ]);
    expect(server.applied).toEqual([]);
    expect(await drain(store, server)).toEqual({ kind: 'done', sent: 2, rejected: 0 });
    expect(server.applied).toEqual(['a', 'b']);
  });

  it('does not upload a photo twice when the action failed after its photos went through', async () => {
    const store = new MemoryStore();
    store.add('a', 'checkin', ['u1', 'u2']);
    const server = new Server();
    server.script = ['apply', { kind: 'retry', reason: 'HTTP 503' }];
    await drain(store, server);
    expect(store.entries[0]?.photoIds).toEqual({ u1: 'p-u1' });
    await drain(store, server);
    expect(server.calls).toEqual(['upload u1', 'upload u2', 'upload u2', 'act a [p-u1,p-u2]']);
  });

  it('is safe to replay: an action applied whose answer was lost is sent again with the same id and applied once', async () => {
    const store = new MemoryStore();
    store.add('a', 'accept');
    store.add('b', 'report');
    const server = new Server();
    server.loseNextAnswer = true;
    await expect(drain(store, server)).rejects.toThrow('the page was closed');
    expect(store.entries.map((entry) => entry.clientId)).toEqual(['a', 'b']);
    expect(await drain(store, server)).toEqual({ kind: 'done', sent: 2, rejected: 0 });
    expect(server.applied).toEqual(['a', 'b']);
    expect(server.calls.filter((call) => call.startsWith('act a'))).toHaveLength(2);
  });

  it('drops a refused action with its reason so that the ones behind it still go', async () => {
    const store = new MemoryStore();
    store.add('a', 'return', ['u1']);
    store.add('b', 'report');
    const server = new Server();
    server.script = ['apply', { kind: 'refused', code: 'CONFLICT', reason: 'the task is closed' }];
    expect(await drain(store, server)).toEqual({ kind: 'done', sent: 1, rejected: 1 });
    expect(server.applied).toEqual(['b']);
    expect(store.rejections).toEqual([
      {
        clientId: 'a',
        taskId: 't1',
        taskTitle: 'task t1',
        actionType: 'return',
        code: 'CONFLICT',
        reason: 'the task is closed',
        at: '2026-01-01T08:00:00.000Z',
      },
    ]);
    expect(store.photos.size).toBe(0);
  });

  it('stops on an authentication failure and keeps everything for the next pairing', async () => {
    const store = new MemoryStore();
    store.add('a', 'checkin', ['u1']);
    const server = new Server();
    server.script = [{ kind: 'auth', reason: 'revoked' }];
    expect(await drain(store, server)).toEqual({ kind: 'auth', sent: 0, rejected: 0, reason: 'revoked' });
    expect(store.entries).toHaveLength(1);
    expect(store.photos.has('u1')).toBe(true);
    expect(store.rejections).toEqual([]);
  });

  it('refuses an action whose photo is gone from the store instead of sending it without', async () => {
    const store = new MemoryStore();
    store.add('a', 'checkin', ['u1']);
    store.photos.clear();
    const server = new Server();
    expect(await drain(store, server)).toEqual({ kind: 'done', sent: 0, rejected: 1 });
    expect(server.calls).toEqual([]);
    expect(store.rejections[0]?.code).toBe(PHOTO_MISSING);
  });
});

describe('classifyStatus', () => {
  it('maps HTTP answers to what the queue does next', () => {
    expect(classifyStatus(200, null, '')).toBeNull();
    expect(classifyStatus(401, 'TOKEN_REVOKED', 'revoked')).toEqual({ kind: 'auth', reason: 'TOKEN_REVOKED' });
    expect(classifyStatus(401, null, 'no token')).toEqual({ kind: 'auth', reason: 'no token' });
    expect(classifyStatus(503, 'UNAVAILABLE', 'busy')).toEqual({ kind: 'retry', reason: 'HTTP 503: busy' });
    expect(classifyStatus(429, null, 'slow down')?.kind).toBe('retry');
    expect(classifyStatus(409, 'CONFLICT', 'closed')).toEqual({ kind: 'refused', code: 'CONFLICT', reason: 'closed' });
    expect(classifyStatus(413, null, 'too big')).toEqual({ kind: 'refused', code: 'HTTP_413', reason: 'too big' });
  });
});

describe('pendingTaskIds', () => {
  it('lists each task with something waiting once', () => {
    expect([...pendingTaskIds([{ taskId: 'a' }, { taskId: 'b' }, { taskId: 'a' }])]).toEqual(['a', 'b']);
  });
});
