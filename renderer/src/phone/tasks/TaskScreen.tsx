import type { MeTask } from '@contract/inspector-contract';
import { usePhone } from '../app/phone-context';
import { useClock } from '../../features/tasks/use-clock';
import { ActionPanel } from '../actions/ActionPanel';
import { fill, reasonText, useWords } from '../i18n/words';
import { Evidence } from './Evidence';
import { localTime, mapLinks, timeLeftOf } from './phone-format';
import { useTask } from './use-task';

interface Props {
  id: string;
  /** The task as the list last read it: shown (without evidence) when the task cannot be read, e.g. offline. */
  cached: MeTask | null;
  /** Changes whenever the task may have changed (a push, or the queue sent something). */
  version: number;
  clockOffsetMs: number;
}

/** One task: what, where (with a map link), how long is left, the evidence, and what the inspector can do. */
export function TaskScreen({ id, cached, version, clockOffsetMs }: Props) {
  const { m, language } = useWords();
  const { client, onAuthLost } = usePhone();
  const { detail, error } = useTask(client, id, version, onAuthLost);
  const now = useClock() + clockOffsetMs;
  // Without a network the task still opens from the list read before, so the inspector can act on it.
  const task = detail?.task ?? (error !== null ? cached : null);

  return (
    <section className="phone-section" aria-labelledby="task-title">
      <a href="#/" className="phone-back" data-testid="task-back">
        ← {m.task.back}
      </a>
      {error !== null && (
        <p className="phone-notice phone-notice-error" role="alert">
          {fill(m.task.loadFailed, { reason: reasonText(error, m) })}
          {task !== null && ` ${m.task.cachedNote}`}
        </p>
      )}
      {task === null ? (
        error === null && <p>{m.task.loading}</p>
      ) : (
        <>
          <h2 id="task-title" data-testid="task-title">
            <span className="phone-muted">{fill(m.task.number, { number: task.number })}</span> {task.title}
          </h2>
          <dl className="phone-facts">
            <dt>{m.task.state}</dt>
            <dd data-testid="task-state">{m.states[task.state]}</dd>
            <dt>{m.task.severity}</dt>
            <dd>{m.severities[task.severity]}</dd>
            <dt>{m.task.category}</dt>
            <dd>{m.categories[task.category]}</dd>
            <dt>{m.task.dueAt}</dt>
            <dd>{localTime(task.dueAt, language)}</dd>
            <dt>{m.task.timeLeft}</dt>
            <dd>
              <Countdown {...timeLeftOf(task, now, m)} />
            </dd>
            <dt>{m.task.place}</dt>
            <dd data-testid="task-place">
              <Place task={task} />
            </dd>
            {task.outcome !== null && (
              <>
                <dt>{m.task.outcome}</dt>
                <dd>
                  {m.outcomes[task.outcome.kind]}
                  {task.outcome.reason !== null && ` · ${m.reasons[task.outcome.reason]}`}
                </dd>
              </>
            )}
          </dl>
          <h3>{m.task.description}</h3>
          <p className="phone-description">{task.description || m.task.noDescription}</p>
          {detail !== null && <Evidence items={detail.evidence} />}
          <ActionPanel task={task} />
        </>
      )}
    </section>
  );
}

function Countdown({ tone, text }: { tone: string; text: string }) {
  return (
    <span className="phone-countdown" data-tone={tone} data-testid="task-countdown">
      {text}
    </span>
  );
}

function Place({
  task,
}: {
  task: {
    title: string;
    place: { text: string | null; cellName: string | null; position: { lat: number; lon: number } | null };
  };
}) {
  const { m, language } = useWords();
  const text = [task.place.text, task.place.cellName].filter((part) => part !== null).join(' · ') || m.task.noPlace;
  const links = task.place.position === null ? null : mapLinks(task.place.position, task.title, language);
  return (
    <>
      <span>{text}</span>
      {links !== null && (
        <span className="phone-map-links">
          <a href={links.web} target="_blank" rel="noreferrer noopener" data-testid="task-map">
            {m.task.map}
          </a>
          <a href={links.geo} data-testid="task-geo">
            {m.task.mapApp}
          </a>
        </span>
      )}
    </>
  );
}
