import type { MeTask } from '@contract/inspector-contract';
import { useClock } from '../../features/tasks/use-clock';
import { fill, reasonText, useWords } from '../i18n/words';
import { taskHash } from '../session';
import { localTime, sortByDeadline, timeLeftOf } from './phone-format';
import type { MyTasks } from './use-my-tasks';

interface Props {
  mine: MyTasks;
  /** Tasks with actions still waiting in the queue. */
  pending: ReadonlySet<string>;
}

/** 我的任务: soonest deadline first with the time left, new arrivals under a badge, waiting actions marked. */
export function TaskListScreen({ mine, pending }: Props) {
  const { m, language } = useWords();
  const now = useClock() + mine.clockOffsetMs;
  const tasks = mine.tasks === null ? null : sortByDeadline(mine.tasks);
  const newCount = mine.newIds.size;

  return (
    <section aria-labelledby="tasks-title" className="phone-section">
      <div className="phone-section-head">
        <h2 id="tasks-title">{m.tasks.title}</h2>
        {newCount > 0 && (
          <button
            type="button"
            className="phone-badge"
            data-testid="new-badge"
            aria-label={fill(m.tasks.newBadgeLabel, { count: newCount })}
            onClick={mine.clearNew}
          >
            {fill(m.tasks.newBadge, { count: newCount })}
          </button>
        )}
        <button type="button" className="phone-button phone-small" onClick={mine.reload} disabled={mine.loading}>
          {m.tasks.refresh}
        </button>
      </div>
      {mine.error !== null && (
        <p className="phone-notice phone-notice-error" role="alert">
          {fill(m.tasks.loadFailed, { reason: reasonText(mine.error, m) })}
          {mine.loadedAt !== null && ` ${fill(m.tasks.cached, { at: localTime(mine.loadedAt, language) })}`}
        </p>
      )}
      {tasks === null && mine.error === null && <p>{m.tasks.loading}</p>}
      {tasks?.length === 0 && <p data-testid="tasks-empty">{m.tasks.empty}</p>}
      {tasks !== null && tasks.length > 0 && (
        <ul className="phone-list" aria-labelledby="tasks-title">
          {tasks.map((task) => (
            <TaskRow
              key={task.id}
              task={task}
              now={now}
              isNew={mine.newIds.has(task.id)}
              isPending={pending.has(task.id)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function TaskRow({ task, now, isNew, isPending }: { task: MeTask; now: number; isNew: boolean; isPending: boolean }) {
  const { m } = useWords();
  const left = timeLeftOf(task, now, m);
  const place = task.place.text ?? task.place.cellName ?? m.task.noPlace;
  return (
    <li className="phone-task" data-testid="phone-task" data-task-id={task.id} data-new={isNew || undefined}>
      <a href={taskHash(task.id)} className="phone-task-link">
        <span className="phone-task-title">
          <span className={`phone-severity phone-severity-${task.severity}`} aria-hidden="true" />
          <span className="sr-only">{m.severities[task.severity]}</span>
          <span data-testid="phone-task-title">{task.title}</span>
          {isNew && <span className="phone-new">{fill(m.tasks.newBadge, { count: 1 })}</span>}
        </span>
        <span className="phone-task-meta">
          <span data-testid="phone-task-state">{m.states[task.state]}</span>
          <span>{place}</span>
        </span>
        <span className="phone-countdown" data-tone={left.tone} data-testid="phone-task-countdown">
          {left.text}
        </span>
        {isPending && (
          <span className="phone-pending" data-testid="phone-task-pending">
            {m.tasks.pending}
          </span>
        )}
      </a>
    </li>
  );
}
