/**
 * The phone page's own storage in IndexedDB: the device token, the waiting actions with their photo blobs, and
 * the refusals the inspector has not read yet. Raw IndexedDB rather than a wrapper library: four object stores
 * and a handful of calls do not need one, and the page stays one small bundle.
 */
import type { QueueEntry, QueueStore, Rejection } from './offline-queue';

const DB_NAME = 'anxun-phone';
const DB_VERSION = 1;
const SETTINGS = 'settings';
const QUEUE = 'queue';
const PHOTOS = 'photos';
const REJECTIONS = 'rejections';

type StoreName = typeof SETTINGS | typeof QUEUE | typeof PHOTOS | typeof REJECTIONS;

export interface StoredPhoto {
  uploadId: string;
  blob: Blob;
}

/** An action about to be queued: the store gives it its place in the line. */
export type NewEntry<A> = Omit<QueueEntry<A>, 'seq'>;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function finished(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export function openPhoneDb(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, DB_VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore(SETTINGS);
    db.createObjectStore(QUEUE, { keyPath: 'seq', autoIncrement: true });
    db.createObjectStore(PHOTOS, { keyPath: 'uploadId' });
    db.createObjectStore(REJECTIONS, { keyPath: 'clientId' });
  };
  return promised(request);
}

/** The page's IndexedDB, with the queue's store interface and the few other reads and writes the page needs. */
export class PhoneDb<A> implements QueueStore<A> {
  constructor(private readonly db: IDBDatabase) {}

  private async run<T>(
    names: StoreName[],
    mode: IDBTransactionMode,
    body: (transaction: IDBTransaction) => Promise<T> | T,
  ): Promise<T> {
    const transaction = this.db.transaction(names, mode);
    const done = finished(transaction);
    const result = await body(transaction);
    await done;
    return result;
  }

  getSetting<T>(key: string): Promise<T | undefined> {
    return this.run([SETTINGS], 'readonly', (tx) =>
      promised(tx.objectStore(SETTINGS).get(key) as IDBRequest<T | undefined>),
    );
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.run([SETTINGS], 'readwrite', (tx) => promised(tx.objectStore(SETTINGS).put(value, key)));
  }

  async deleteSetting(key: string): Promise<void> {
    await this.run([SETTINGS], 'readwrite', (tx) => promised(tx.objectStore(SETTINGS).delete(key)));
  }

  /** Queues an action and its photos in one transaction: both are stored or neither. */
  async enqueue(entry: NewEntry<A>, photos: StoredPhoto[]): Promise<void> {
    await this.run([QUEUE, PHOTOS], 'readwrite', (tx) => {
      for (const photo of photos) tx.objectStore(PHOTOS).put(photo);
      return promised(tx.objectStore(QUEUE).add(entry));
    });
  }

  entries(): Promise<QueueEntry<A>[]> {
    return this.run([QUEUE], 'readonly', (tx) =>
      promised(tx.objectStore(QUEUE).getAll() as IDBRequest<QueueEntry<A>[]>),
    );
  }

  head(): Promise<QueueEntry<A> | null> {
    return this.run([QUEUE], 'readonly', async (tx) => {
      const cursor = await promised(tx.objectStore(QUEUE).openCursor());
      return cursor === null ? null : (cursor.value as QueueEntry<A>);
    });
  }

  async update(entry: QueueEntry<A>): Promise<void> {
    await this.run([QUEUE], 'readwrite', (tx) => promised(tx.objectStore(QUEUE).put(entry)));
  }

  async remove(entry: QueueEntry<A>): Promise<void> {
    await this.run([QUEUE, PHOTOS], 'readwrite', (tx) => {
      for (const uploadId of entry.uploadIds) tx.objectStore(PHOTOS).delete(uploadId);
      return promised(tx.objectStore(QUEUE).delete(entry.seq));
    });
  }

  photo(uploadId: string): Promise<Blob | null> {
    return this.run([PHOTOS], 'readonly', async (tx) => {
      const stored = (await promised(tx.objectStore(PHOTOS).get(uploadId))) as StoredPhoto | undefined;
      return stored?.blob ?? null;
    });
  }

  async reject(rejection: Rejection): Promise<void> {
    await this.run([REJECTIONS], 'readwrite', (tx) => promised(tx.objectStore(REJECTIONS).put(rejection)));
  }

  rejections(): Promise<Rejection[]> {
    return this.run([REJECTIONS], 'readonly', (tx) =>
      promised(tx.objectStore(REJECTIONS).getAll() as IDBRequest<Rejection[]>),
    );
  }

  async dismissRejection(clientId: string): Promise<void> {
    await this.run([REJECTIONS], 'readwrite', (tx) => promised(tx.objectStore(REJECTIONS).delete(clientId)));
  }
}
