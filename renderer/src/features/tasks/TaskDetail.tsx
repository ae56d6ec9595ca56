import { useId } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TaskView } from '@contract/tasks-contract';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { KeyValueList, type KeyValueItem } from '../../ui/KeyValueList';
import { Notice } from '../../ui/Notice';
import { placeLabel, type GridIndex } from './grid-index';
import { TaskCommands } from './TaskCommands';
import { countdownOf } from './task-countdown';
import { AuditTimeline, EvidenceList } from './TaskHistory';
import { useClock } from './use-clock';
import { useTaskDetail } from './use-task-detail';
import type { TaskWords } from './use-task-words';

interface TaskDetailProps {
  id: string;
  grid: GridIndex;
  words: TaskWords;
  onClose: () => void;
  /** A command from the panel was applied. */
  onChanged: () => void;
}

/** One task beside the board: its fields, the commands that apply now, the evidence and the audit trail. */
export function TaskDetail({ id, grid, words, onClose, onChanged }: TaskDetailProps) {
  const { t } = useTranslation();
  const now = useClock();
  const headingId = useId();
  const detail = useTaskDetail(id);
  const data = detail.data?.task.id === id ? detail.data : null;
  const task = data?.task ?? null;
  const reload = detail.reload;
  return (
    <aside className="tasks-detail" aria-labelledby={headingId} data-testid="task-detail" data-task-id={id}>
      <header className="tasks-detail__head">
        <h2 className="tasks-detail__title" id={headingId} data-testid="task-detail-title">
          {task ? t('tasks.detail.title', { number: task.number, title: task.title }) : t('tasks.detail.loading')}
        </h2>
        <button
          type="button"
          className="button"
          onClick={onClose}
          aria-label={t('tasks.detail.close')}
          data-testid="task-detail-close"
        >
          ×
        </button>
      </header>
      {detail.error ? (
        <ErrorNotice
          title={t('tasks.detail.loadFailed')}
          codeLabel={t('error.code')}
          code={detail.error.code}
          message={detail.error.message}
          testId="task-detail-error"
          action={
            <button type="button" className="button" onClick={reload}>
              {t('tasks.retry')}
            </button>
          }
        />
      ) : null}
      {data === null ? (
        detail.error ? null : (
          <Notice>{t('tasks.detail.loading')}</Notice>
        )
      ) : (
        <div className="tasks-detail__body">
          <KeyValueList items={fields(data.task, grid, words, now, t)} />
          <TaskCommands
            key={data.task.id}
            task={data.task}
            grid={grid}
            words={words}
            onDone={() => {
              reload();
              onChanged();
            }}
          />
          <EvidenceList evidence={data.evidence} words={words} />
          <AuditTimeline audit={data.audit} grid={grid} words={words} />
        </div>
      )}
    </aside>
  );
}

type Translate = TFunction;

function fields(task: TaskView, grid: GridIndex, words: TaskWords, now: number, t: Translate): KeyValueItem[] {
  const countdown = countdownOf(task, now);
  const escalation = words.escalation(task.escalation);
  const items: (KeyValueItem | null)[] = [
    {
      label: t('tasks.fields.state'),
      value: task.parkedFrom
        ? t('tasks.fields.parkedFrom', { state: words.state(task.state), from: words.state(task.parkedFrom) })
        : words.state(task.state),
      testId: 'task-detail-state',
    },
    { label: t('tasks.fields.severity'), value: words.severity(task.severity) },
    { label: t('tasks.fields.category'), value: words.category(task.category) },
    { label: t('tasks.fields.source'), value: words.source(task.source) },
    { label: t('tasks.fields.place'), value: placeLabel(task.place, grid) ?? words.none },
    task.place.text ? { label: t('tasks.fields.placeText'), value: task.place.text } : null,
    {
      label: t('tasks.fields.assignees'),
      value:
        task.handlerRole === 'technician'
          ? t('tasks.fields.technicians')
          : task.assignees.length > 0
            ? words.list(task.assignees.map(grid.inspectorName))
            : words.none,
      testId: 'task-detail-assignees',
    },
    {
      label: t('tasks.fields.createdAt'),
      value: t('tasks.fields.createdBy', { at: words.stamp(task.createdAt), by: task.createdBy }),
    },
    {
      label: t('tasks.fields.dueAt'),
      value: (
        <>
          {words.stamp(task.dueAt)}{' '}
          <span className={`tasks-countdown tasks-countdown--${countdown.tone}`} data-tone={countdown.tone}>
            {words.countdown(countdown)}
          </span>
        </>
      ),
      testId: 'task-detail-due',
    },
    task.stageDueAt ? { label: t('tasks.fields.stageDueAt'), value: words.stamp(task.stageDueAt) } : null,
    escalation ? { label: t('tasks.fields.escalation'), value: escalation, warn: true } : null,
    task.extension
      ? {
          label: t('tasks.fields.extension'),
          value: t('tasks.fields.extensionValue', {
            hours: task.extension.hours,
            reason: task.extension.reason,
            by: grid.inspectorName(task.extension.by),
          }),
          warn: true,
        }
      : null,
    task.extendedH > 0
      ? { label: t('tasks.fields.extendedH'), value: t('tasks.fields.hours', { hours: task.extendedH }) }
      : null,
    task.outcome
      ? {
          label: t('tasks.fields.outcome'),
          value: [
            words.outcome(task.outcome.kind),
            task.outcome.reason ? words.reason(task.outcome.reason) : null,
            task.outcome.note,
          ]
            .filter(Boolean)
            .join(t('tasks.listSeparator')),
        }
      : null,
    task.reworks > 0 ? { label: t('tasks.fields.reworks'), value: String(task.reworks) } : null,
    task.closedAt ? { label: t('tasks.fields.closedAt'), value: words.stamp(task.closedAt) } : null,
    task.description ? { label: t('tasks.fields.description'), value: task.description } : null,
  ];
  return items.filter((item): item is KeyValueItem => item !== null);
}
