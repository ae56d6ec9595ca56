/**
 * An action as it waits in the queue: what the inspector chose, without the server's photo ids (those exist only
 * once the photos are uploaded), and what it becomes on the wire.
 */
import type { PhoneActionInput } from '@contract/inspector-contract';

type WithoutPhotos<T> = T extends { photoIds?: unknown } ? Omit<T, 'photoIds'> : T;

export type QueuedAction = WithoutPhotos<PhoneActionInput>;
export type ActionType = QueuedAction['type'];

/** The action as `me:act` takes it, with the server's photo ids in the order the photos were taken. */
export function toWireAction(action: QueuedAction, photoIds: string[]): PhoneActionInput {
  switch (action.type) {
    case 'accept':
    case 'return':
      return action;
    case 'checkin':
    case 'report':
      return { ...action, photoIds };
  }
}

/**
 * What the inspector may still do with a task while some of their actions wait: the server's list, less what the
 * waiting ones have done already. Keeps a task from being accepted twice, or reported after it was returned,
 * while the phone is offline.
 */
export function actionsAfter(serverActions: readonly ActionType[], waiting: readonly ActionType[]): ActionType[] {
  let available = [...serverActions];
  for (const type of waiting) {
    switch (type) {
      case 'accept':
        available = available.filter((action) => action !== 'accept');
        break;
      case 'checkin':
        // On site the task is being handled: it can be reported on, or still returned.
        available = ['return', 'report'];
        break;
      case 'return':
      case 'report':
        available = [];
        break;
    }
  }
  return available;
}
