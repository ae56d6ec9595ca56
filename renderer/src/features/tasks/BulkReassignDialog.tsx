import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskView } from '@contract/tasks-contract';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { toApiError } from '../../api/use-request';
import { ACTING_OPERATOR } from './acting-operator';
import type { GridIndex } from './grid-index';
import { InspectorPicker } from './InspectorPicker';
import { ModalDialog } from '../../ui/ModalDialog';
import { bulkCommandFor, newClientId } from './task-commands';
import { refusalOf } from './task-format';
import type { TaskWords } from './use-task-words';

type Outcome =
  | { kind: 'sending' }
  | { kind: 'done'; command: 'reassign' | 'dispatch' }
  | { kind: 'failed'; error: ApiRequestError }
  /** Not sent: the task's state takes neither command. */
  | { kind: 'skipped' };

/** The refusal code of an outcome, for tests and styles. */
function reasonOf(outcome: Outcome | undefined): string | undefined {
  if (outcome?.kind === 'skipped') return 'STATE_NOT_ALLOWED';
  if (outcome?.kind === 'failed') return refusalOf(outcome.error) ?? outcome.error.code;
  return undefined;
}

interface BulkReassignDialogProps {
  /** The selected tasks, as read when the dialog opened. */
  tasks: readonly TaskView[];
  grid: GridIndex;
  words: TaskWords;
  onClose: () => void;
  /** Every task was tried; `done` lists those now with the chosen inspectors. */
  onFinished: (done: readonly string[]) => void;
}

/**
 * Gives the selected tasks to other inspectors: `reassign` for tasks being worked, `dispatch` for tasks waiting at
 * the centre, one command per task, each with its own result or refusal.
 */
export function BulkReassignDialog({ tasks, grid, words, onClose, onFinished }: BulkReassignDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [rows, setRows] = useState<readonly TaskView[]>(tasks);
  const [assignees, setAssignees] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [outcomes, setOutcomes] = useState<Readonly<Record<string, Outcome>>>({});
  const [running, setRunning] = useState(false);
  const cells = [...new Set(rows.map((task) => task.place.cellCode).filter((cell) => cell !== null))];

  const apply = async (): Promise<void> => {
    setRunning(true);
    setOutcomes({});
    const done: string[] = [];
    const record = (taskId: string, outcome: Outcome): void =>
      setOutcomes((current) => ({ ...current, [taskId]: outcome }));
    for (const task of rows) {
      const command = bulkCommandFor(task.state);
      if (command === null) {
        record(task.id, { kind: 'skipped' });
        continue;
      }
      record(task.id, { kind: 'sending' });
      try {
        const result = await api.request('tasks:transition', {
          id: task.id,
          command: { type: command, assignees, ...(note.trim() === '' ? {} : { note: note.trim() }) },
          actor: { ...ACTING_OPERATOR },
          expectedVersion: task.version,
          clientId: newClientId(),
        });
        setRows((current) => current.map((row) => (row.id === task.id ? result.task : row)));
        record(task.id, { kind: 'done', command });
        done.push(task.id);
      } catch (failure) {
        record(task.id, { kind: 'failed', error: toApiError(failure) });
      }
    }
    setRunning(false);
    onFinished(done);
  };

  const finished = Object.keys(outcomes).length > 0 && !running;
  return (
    <ModalDialog title={t('tasks.bulk.title', { count: rows.length })} onClose={onClose} testId="bulk-dialog">
      <form
        className="tasks-form"
        onSubmit={(event) => {
          event.preventDefault();
          void apply();
        }}
      >
        <ul className="tasks-bulk-list" aria-live="polite" data-testid="bulk-results">
          {rows.map((task) => {
            const outcome = outcomes[task.id];
            const command = bulkCommandFor(task.state);
            return (
              <li
                key={task.id}
                className={`tasks-bulk-list__item tasks-bulk-list__item--${outcome?.kind ?? 'waiting'}`}
                data-task-id={task.id}
                data-outcome={outcome?.kind ?? 'waiting'}
                data-reason={reasonOf(outcome)}
                data-testid="bulk-result"
              >
                <span className="tasks-bulk-list__task">
                  {t('tasks.bulk.task', { number: task.number, title: task.title, state: words.state(task.state) })}
                </span>
                <span className="tasks-bulk-list__outcome">{describe(outcome, command)}</span>
              </li>
            );
          })}
        </ul>
        <InspectorPicker
          grid={grid}
          selected={assignees}
          onChange={setAssignees}
          preferredCells={cells}
          legend={t('tasks.bulk.pick')}
        />
        <div className="tasks-field tasks-field--wide">
          <label htmlFor={`${id}-note`}>{t('tasks.detail.text.assignees')}</label>
          <textarea
            id={`${id}-note`}
            className="input textarea"
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            data-testid="bulk-note"
          />
        </div>
        <div className="tasks-form-actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={assignees.length === 0 || running}
            data-testid="bulk-apply"
          >
            {running ? t('tasks.bulk.running') : t('tasks.bulk.apply', { count: assignees.length })}
          </button>
          <button type="button" className="button" onClick={onClose} data-testid="bulk-close">
            {finished ? t('tasks.bulk.close') : t('tasks.form.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );

  function describe(outcome: Outcome | undefined, command: 'reassign' | 'dispatch' | null): string {
    if (outcome === undefined) {
      return command === null
        ? t('tasks.bulk.cannot')
        : t('tasks.bulk.will', { command: t(`tasks.commands.${command}`) });
    }
    switch (outcome.kind) {
      case 'sending':
        return t('tasks.bulk.sending');
      case 'done':
        return t('tasks.bulk.done', { command: t(`tasks.commands.${outcome.command}`) });
      case 'skipped':
        return t('tasks.bulk.refused', { reason: t('tasks.refusals.STATE_NOT_ALLOWED') });
      case 'failed':
        return t('tasks.bulk.refused', { reason: words.failure(outcome.error) });
    }
  }
}
