import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { KeyValueList } from '../../ui/KeyValueList';
import { Notice } from '../../ui/Notice';
import type { GridIndex } from '../tasks/grid-index';
import { countdownOf } from '../tasks/task-countdown';
import { TaskCommands } from '../tasks/TaskCommands';
import { AuditTimeline } from '../tasks/TaskHistory';
import { useClock } from '../tasks/use-clock';
import { useTaskDetail } from '../tasks/use-task-detail';
import { useTaskWords } from '../tasks/use-task-words';
import '../tasks/tasks.css';

/** The patrol task made for the incident: its state and time limit, the operator's commands, its audit trail. */
export function LinkedTask({ taskId, grid }: { taskId: string; grid: GridIndex }) {
  const { t } = useTranslation();
  const id = useId();
  const words = useTaskWords();
  const now = useClock();
  const detail = useTaskDetail(taskId);
  const data = detail.data?.task.id === taskId ? detail.data : null;
  return (
    <section className="incidents-detail__section" aria-labelledby={`${id}-task`} data-testid="incident-task">
      <h2 className="incidents-detail__subtitle" id={`${id}-task`}>
        {t('incidents.detail.task')}
      </h2>
      {detail.error ? (
        <ErrorNotice
          title={t('tasks.detail.loadFailed')}
          codeLabel={t('error.code')}
          code={detail.error.code}
          message={detail.error.message}
        />
      ) : null}
      {data === null ? (
        detail.error ? null : (
          <Notice>{t('tasks.detail.loading')}</Notice>
        )
      ) : (
        <>
          <p>
            <Link to={`/tasks/${encodeURIComponent(taskId)}`} data-testid="incident-task-link">
              {t('incidents.detail.taskTitle', { number: data.task.number, title: data.task.title })}
            </Link>{' '}
            ({t('incidents.detail.openTask')})
          </p>
          <KeyValueList
            items={[
              { label: t('tasks.fields.state'), value: words.state(data.task.state), testId: 'incident-task-state' },
              { label: t('tasks.fields.severity'), value: words.severity(data.task.severity) },
              {
                label: t('tasks.fields.assignees'),
                value:
                  data.task.assignees.length > 0 ? words.list(data.task.assignees.map(grid.inspectorName)) : words.none,
              },
              {
                label: t('tasks.fields.dueAt'),
                value: `${words.stamp(data.task.dueAt)} · ${words.countdown(countdownOf(data.task, now))}`,
              },
              ...(data.task.outcome
                ? [
                    {
                      label: t('tasks.fields.outcome'),
                      value: [
                        words.outcome(data.task.outcome.kind),
                        data.task.outcome.reason ? words.reason(data.task.outcome.reason) : null,
                      ]
                        .filter(Boolean)
                        .join(t('tasks.listSeparator')),
                      testId: 'incident-task-outcome',
                    },
                  ]
                : []),
            ]}
          />
          <TaskCommands key={data.task.id} task={data.task} grid={grid} words={words} onDone={detail.reload} />
          <AuditTimeline audit={data.audit} grid={grid} words={words} />
        </>
      )}
    </section>
  );
}
