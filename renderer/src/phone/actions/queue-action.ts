import type { MeTask } from '@contract/inspector-contract';
import type { QueueRunner } from '../queue/queue-runner';
import type { QueuedAction } from '../queue/queued-action';

/**
 * Puts the inspector's action in the queue at the moment they act: its client-made id and its photos' upload ids
 * are made here, once, so that every later try sends the same ids and the server applies it at most once.
 */
export async function queueAction(
  runner: QueueRunner,
  task: Pick<MeTask, 'id' | 'title'>,
  action: QueuedAction,
  photos: readonly Blob[] = [],
): Promise<void> {
  const stored = photos.map((blob) => ({ uploadId: crypto.randomUUID(), blob }));
  await runner.enqueue(
    {
      clientId: crypto.randomUUID(),
      taskId: task.id,
      taskTitle: task.title,
      action,
      uploadIds: stored.map((photo) => photo.uploadId),
      photoIds: {},
      createdAt: new Date().toISOString(),
      attempts: 0,
      lastError: null,
    },
    stored,
  );
}

/** The phone's clock with its offset, as the contract wants a check-in's time (e.g. `2026-03-01T16:05:00+08:00`). */
export function localIsoTime(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (value: number): string => String(Math.floor(Math.abs(value))).padStart(2, '0');
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}
