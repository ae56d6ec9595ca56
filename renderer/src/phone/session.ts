/** The pairing the phone keeps in IndexedDB: the device token and who it belongs to. */
import { z } from 'zod';

export const SESSION_KEY = 'session';
export const LANGUAGE_KEY = 'language';
export const TASKS_KEY = 'tasks';

export const SessionSchema = z.object({
  token: z.string().min(1),
  inspector: z.object({ id: z.string(), name: z.string() }),
  device: z.object({ id: z.string(), name: z.string() }),
});
export type Session = z.infer<typeof SessionSchema>;

/** The pairing code in the page's address (`#pair=<code>`), or null. */
export function pairingCode(hash: string): string | null {
  const match = /^#pair=([0-9 -]{1,40})$/.exec(decodeURIComponent(hash));
  return match?.[1] ?? null;
}

export type Route = { kind: 'pair'; code: string } | { kind: 'tasks' } | { kind: 'task'; id: string };

/** Where the page is: `#pair=<code>`, `#/task/<id>` or the task list. */
export function routeOf(hash: string): Route {
  const code = pairingCode(hash);
  if (code !== null) return { kind: 'pair', code };
  const task = /^#\/task\/([^/]{1,64})$/.exec(hash);
  if (task?.[1] !== undefined) return { kind: 'task', id: decodeURIComponent(task[1]) };
  return { kind: 'tasks' };
}

export function taskHash(id: string): string {
  return `#/task/${encodeURIComponent(id)}`;
}
