/** Plain formats of the task board: refusal codes, local times, and the codes that arrive as plain strings. */
import type { AuditView } from '@contract/tasks-contract';
import { RefusalCodeSchema } from '@contract/tasks-contract';
import { TASK_COMMANDS, type TaskCommandType } from '../../../../electron/domain/task-lifecycle';

export const REFUSAL_CODES = RefusalCodeSchema.options;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** The stable refusal code an API error carries as its `reason`, or null for any other failure. */
export function refusalOf(error: { reason: string | null }): RefusalCode | null {
  const reason = error.reason;
  return REFUSAL_CODES.find((code) => code === reason) ?? null;
}

/** An audit entry's command: one the lifecycle knows, or `report` for the creation. */
export type AuditCommand = TaskCommandType | 'report';

export function auditCommandOf(entry: Pick<AuditView, 'command'>): AuditCommand | null {
  if (entry.command === 'report') return 'report';
  return TASK_COMMANDS.find((command) => command === entry.command) ?? null;
}

/** Date and time in the machine's zone, to the second, 24-hour clock: `2025/06/01 14:03:05` in Chinese. */
export function formatStamp(iso: string, locale: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** The inspectors an audit entry names in its data (dispatch, reassign), if any. */
export function auditAssignees(entry: Pick<AuditView, 'data'>): string[] {
  const list = entry.data?.['assignees'];
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

/** An evidence file's URL: `/media/<file>` over HTTP, `anxun://media/<file>` in the desktop window. */
export { mediaUrl } from '../../api/asset-url';
