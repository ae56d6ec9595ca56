import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditView, TaskEvidenceView } from '@contract/tasks-contract';
import type { GridIndex } from './grid-index';
import { auditAssignees, mediaUrl } from './task-format';
import type { TaskWords } from './use-task-words';

interface EvidenceProps {
  evidence: readonly TaskEvidenceView[];
  words: TaskWords;
}

/** Snapshots and photos as pictures, clips as players (served by the HTTP shell at /media), incident notes as text. */
export function EvidenceList({ evidence, words }: EvidenceProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="tasks-detail__section" aria-labelledby={`${id}-title`}>
      <h3 className="tasks-detail__subtitle" id={`${id}-title`}>
        {t('tasks.evidence.title')}
      </h3>
      {evidence.length === 0 ? (
        <p className="tasks-muted" data-testid="task-evidence-empty">
          {t('tasks.evidence.empty')}
        </p>
      ) : (
        <ul className="tasks-evidence" data-testid="task-evidence">
          {evidence.map((item, index) => (
            <li key={`${item.at}-${index}`} data-kind={item.kind} data-testid="task-evidence-item">
              <div className="tasks-evidence__head">
                <span className="tasks-tag">{words.evidence(item.kind)}</span>
                <time dateTime={item.at}>{words.stamp(item.at)}</time>
              </div>
              {item.note ? <p className="tasks-evidence__note">{item.note}</p> : null}
              {item.file !== null && (item.kind === 'snapshot' || item.kind === 'photo') ? (
                <a href={mediaUrl(item.file)} target="_blank" rel="noreferrer">
                  <img
                    className="tasks-evidence__media"
                    src={mediaUrl(item.file)}
                    alt={t('tasks.evidence.imageAlt', { kind: words.evidence(item.kind), at: words.stamp(item.at) })}
                    loading="lazy"
                  />
                </a>
              ) : null}
              {item.file !== null && item.kind === 'clip' ? (
                <video className="tasks-evidence__media" controls preload="metadata" src={mediaUrl(item.file)}>
                  <a href={mediaUrl(item.file)}>{item.file}</a>
                </video>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface AuditProps {
  audit: readonly AuditView[];
  grid: GridIndex;
  words: TaskWords;
}

/** The audit trail as a timeline, oldest first: time, command, who (and as what), from → to, note. */
export function AuditTimeline({ audit, grid, words }: AuditProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="tasks-detail__section" aria-labelledby={`${id}-title`}>
      <h3 className="tasks-detail__subtitle" id={`${id}-title`}>
        {t('tasks.audit.title', { count: audit.length })}
      </h3>
      <ol className="tasks-timeline" data-testid="task-audit">
        {audit.map((entry) => {
          const names = auditAssignees(entry).map(grid.inspectorName);
          return (
            <li
              key={entry.seq}
              className="tasks-timeline__entry"
              data-command={entry.command}
              data-testid="task-audit-entry"
            >
              <div className="tasks-timeline__head">
                <strong className="tasks-timeline__command">{words.command(entry)}</strong>
                <time dateTime={entry.at}>{words.stamp(entry.at)}</time>
              </div>
              <div>{t('tasks.audit.actor', { name: entry.actor.name, role: words.role(entry.actor.role) })}</div>
              <div className="tasks-timeline__states">
                {entry.from === null ? words.none : words.state(entry.from)} → {words.state(entry.to)}
              </div>
              {names.length > 0 ? <div>{t('tasks.audit.assignees', { names: words.list(names) })}</div> : null}
              {entry.note ? <p className="tasks-timeline__note">{entry.note}</p> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
