/**
 * The commands an operator gives from the board, checked against the lifecycle's own RULES (who may do what in
 * which state), what each one asks for, and the command that re-assigns a task in bulk.
 */
import type { TaskCommandInput, TaskView } from '@contract/tasks-contract';
import { RULES, type Role, type TaskState } from '../../../../electron/domain/task-lifecycle';

/** The commands this screen can give, in the order of their buttons. */
export const BOARD_COMMANDS = [
  'accept',
  'dispatch',
  'reassign',
  'verify',
  'close',
  'rework',
  'approve_extension',
  'reject_extension',
  'park',
  'resume',
  'void',
  'comment',
] as const;
export type BoardCommand = (typeof BOARD_COMMANDS)[number];

/** What a command needs besides a click: nothing, a reason, a note (a comment), or inspectors. */
export type CommandNeed = 'nothing' | 'reason' | 'note' | 'assignees';

export const COMMAND_NEEDS: Readonly<Record<BoardCommand, CommandNeed>> = {
  accept: 'nothing',
  dispatch: 'assignees',
  reassign: 'assignees',
  verify: 'nothing',
  close: 'nothing',
  rework: 'reason',
  approve_extension: 'nothing',
  reject_extension: 'reason',
  park: 'reason',
  resume: 'nothing',
  void: 'reason',
  comment: 'note',
};

const NEEDS_EXTENSION: readonly BoardCommand[] = ['approve_extension', 'reject_extension'];

/** The commands `role` may give on the task now: the RULES, and a waiting extension request for its two. */
export function commandsFor(task: Pick<TaskView, 'state' | 'extension'>, role: Role): BoardCommand[] {
  return BOARD_COMMANDS.filter((type) => {
    const rule = RULES[type];
    if (!rule.roles.includes(role) || !rule.from.includes(task.state)) return false;
    return !NEEDS_EXTENSION.includes(type) || task.extension !== null;
  });
}

/** How a task in `state` is given to other inspectors: reassigned while worked, dispatched while waiting. */
export function bulkCommandFor(state: TaskState): 'reassign' | 'dispatch' | null {
  if (RULES.reassign.from.includes(state)) return 'reassign';
  if (RULES.dispatch.from.includes(state)) return 'dispatch';
  return null;
}

export interface CommandDraft {
  text: string;
  assignees: readonly string[];
}

/** The command to send, or null while what it needs is missing (an empty reason, no inspector). */
export function buildCommand(type: BoardCommand, draft: CommandDraft): TaskCommandInput | null {
  const text = draft.text.trim();
  const note = text === '' ? {} : { note: text };
  switch (type) {
    case 'dispatch':
    case 'reassign':
      return draft.assignees.length === 0 ? null : { type, assignees: [...draft.assignees], ...note };
    case 'rework':
    case 'reject_extension':
    case 'park':
    case 'void':
      return text === '' ? null : { type, reason: text };
    case 'comment':
      return text === '' ? null : { type, note: text };
    case 'accept':
    case 'verify':
    case 'close':
    case 'approve_extension':
    case 'resume':
      return { type, ...note };
  }
}

/** A client-made id that makes a command apply at most once (also where `crypto.randomUUID` is missing: plain HTTP). */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `board-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
