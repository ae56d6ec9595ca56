import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskCommandInput, TaskView } from '@contract/tasks-contract';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { toApiError } from '../../api/use-request';
import { ACTING_OPERATOR } from './acting-operator';
import type { GridIndex } from './grid-index';
import { InspectorPicker } from './InspectorPicker';
import { buildCommand, commandsFor, COMMAND_NEEDS, newClientId, type BoardCommand } from './task-commands';
import { refusalOf } from './task-format';
import type { TaskWords } from './use-task-words';

type SendState =
  | { kind: 'idle' }
  | { kind: 'sending'; type: BoardCommand }
  | { kind: 'done'; type: BoardCommand }
  | { kind: 'failed'; type: BoardCommand; error: ApiRequestError };

interface TaskCommandsProps {
  task: TaskView;
  grid: GridIndex;
  words: TaskWords;
  /** A command was applied: read the task again. */
  onDone: () => void;
}

/**
 * The operator's commands that apply to the task now (the lifecycle's RULES), as buttons. Commands that need a
 * reason, a note or inspectors open a short form first; the others are given at once.
 */
export function TaskCommands({ task, grid, words, onDone }: TaskCommandsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const commands = commandsFor(task, ACTING_OPERATOR.role);
  const [pending, setPending] = useState<BoardCommand | null>(null);
  const [text, setText] = useState('');
  const [assignees, setAssignees] = useState<string[]>([]);
  const [sent, setSent] = useState<SendState>({ kind: 'idle' });
  // a push may have moved the task on while a form was open
  const open = pending !== null && commands.includes(pending) ? pending : null;
  const sending = sent.kind === 'sending';

  const send = (type: BoardCommand, command: TaskCommandInput): void => {
    setSent({ kind: 'sending', type });
    api
      .request('tasks:transition', {
        id: task.id,
        command,
        actor: { ...ACTING_OPERATOR },
        expectedVersion: task.version,
        clientId: newClientId(),
      })
      .then(
        () => {
          setSent({ kind: 'done', type });
          setPending(null);
          onDone();
        },
        (failure: unknown) => setSent({ kind: 'failed', type, error: toApiError(failure) }),
      );
  };

  const choose = (type: BoardCommand): void => {
    if (COMMAND_NEEDS[type] === 'nothing') {
      const command = buildCommand(type, { text: '', assignees: [] });
      if (command) send(type, command);
      return;
    }
    setPending(type);
    setText('');
    setSent({ kind: 'idle' });
    const covering = grid.activeInspectorsOf(task.place.cellCode).map((person) => person.id);
    setAssignees(type === 'dispatch' ? (task.assignees.length > 0 ? [...task.assignees] : covering) : []);
  };

  const need = open === null ? null : COMMAND_NEEDS[open];
  const command = open === null ? null : buildCommand(open, { text, assignees });
  return (
    <section className="tasks-detail__section" aria-labelledby={`${id}-title`} data-testid="task-commands">
      <h3 className="tasks-detail__subtitle" id={`${id}-title`}>
        {t('tasks.detail.commands')}
      </h3>
      {commands.length === 0 ? <p className="tasks-muted">{t('tasks.detail.noCommands')}</p> : null}
      <div className="tasks-commands">
        {commands.map((type) => (
          <button
            key={type}
            type="button"
            className={open === type ? 'button button--primary' : 'button'}
            aria-expanded={COMMAND_NEEDS[type] === 'nothing' ? undefined : open === type}
            disabled={sending}
            onClick={() => (open === type ? setPending(null) : choose(type))}
            data-testid={`task-command-${type}`}
          >
            {t(`tasks.commands.${type}`)}
          </button>
        ))}
      </div>
      {open !== null && need !== null ? (
        <form
          className="tasks-command-form"
          aria-label={t(`tasks.commands.${open}`)}
          onSubmit={(event) => {
            event.preventDefault();
            if (command) send(open, command);
          }}
          data-testid="task-command-form"
        >
          {need === 'assignees' ? (
            <InspectorPicker
              grid={grid}
              selected={assignees}
              onChange={setAssignees}
              preferredCells={task.place.cellCode === null ? [] : [task.place.cellCode]}
              legend={t('tasks.detail.pickInspectors')}
            />
          ) : null}
          <div className="tasks-field tasks-field--wide">
            <label htmlFor={`${id}-text`}>{t(`tasks.detail.text.${need}`)}</label>
            <textarea
              id={`${id}-text`}
              className="input textarea"
              value={text}
              rows={2}
              maxLength={2000}
              onChange={(event) => setText(event.target.value)}
              aria-required={need === 'reason' || need === 'note'}
              data-testid="task-command-text"
            />
          </div>
          <div className="tasks-form-actions">
            <button
              type="submit"
              className="button button--primary"
              disabled={command === null || sending}
              data-testid="task-command-submit"
            >
              {t('tasks.detail.confirm', { command: t(`tasks.commands.${open}`) })}
            </button>
            <button type="button" className="button" onClick={() => setPending(null)}>
              {t('tasks.detail.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      <div role="status" className="tasks-command-status" data-testid="task-command-status">
        {sent.kind === 'sending' ? t('tasks.detail.sending', { command: t(`tasks.commands.${sent.type}`) }) : null}
        {sent.kind === 'done' ? t('tasks.detail.done', { command: t(`tasks.commands.${sent.type}`) }) : null}
      </div>
      {sent.kind === 'failed' ? (
        <div
          className="tasks-refusal"
          role="alert"
          data-testid="task-command-error"
          data-reason={refusalOf(sent.error) ?? sent.error.code}
        >
          {t('tasks.detail.failed', { command: t(`tasks.commands.${sent.type}`), reason: words.failure(sent.error) })}
        </div>
      ) : null}
    </section>
  );
}
