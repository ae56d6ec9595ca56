import { fill, reasonText, refusalText, useWords } from '../i18n/words';
import { localTime } from '../tasks/phone-format';
import type { QueueSnapshot } from './queue-runner';

interface Props {
  snapshot: QueueSnapshot;
  onRetry: () => void;
  onDismiss: (clientId: string) => void;
}

/** What still waits to be sent, in order, and the actions the server refused, with the rule that links them. */
export function QueuePanel({ snapshot, onRetry, onDismiss }: Props) {
  const { m, language } = useWords();
  const { entries, rejections } = snapshot;
  return (
    <section aria-labelledby="queue-title" className="phone-section phone-queue" data-testid="queue-panel">
      <div className="phone-section-head">
        <h2 id="queue-title" data-testid="queue-title">
          {fill(m.queue.title, { count: entries.length })}
        </h2>
        {entries.length > 0 && (
          <button type="button" className="phone-button phone-small" onClick={onRetry} disabled={snapshot.sending}>
            {snapshot.sending ? m.queue.sending : m.queue.retry}
          </button>
        )}
      </div>
      <p className="phone-hint">{m.queue.rule}</p>
      {entries.length === 0 ? (
        <p data-testid="queue-empty">{m.queue.empty}</p>
      ) : (
        <ol className="phone-queue-list" aria-labelledby="queue-title">
          {entries.map((entry) => (
            <li key={entry.clientId} data-testid="queue-entry" data-action={entry.action.type}>
              <strong>{fill(m.queue.item, { kind: m.kinds[entry.action.type], title: entry.taskTitle })}</strong>
              <span>{fill(m.queue.createdAt, { at: localTime(entry.createdAt, language) })}</span>
              {entry.uploadIds.length > 0 && <span>{fill(m.queue.photos, { count: entry.uploadIds.length })}</span>}
              {entry.lastError !== null && (
                <span className="phone-muted">
                  {fill(m.queue.attempts, { count: entry.attempts, reason: reasonText(entry.lastError, m) })}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {entries.length > 0 && snapshot.nextTryAt !== null && <p className="phone-hint">{m.queue.nextTry}</p>}
      {rejections.length > 0 && (
        <div role="alert" data-testid="queue-rejections">
          <h3>{m.queue.rejectedTitle}</h3>
          <ul className="phone-queue-list">
            {rejections.map((rejection) => (
              <li key={rejection.clientId} data-testid="queue-rejection">
                <span>
                  {fill(m.queue.rejected, {
                    kind: isKind(rejection.actionType, m.kinds) ? m.kinds[rejection.actionType] : rejection.actionType,
                    title: rejection.taskTitle,
                    reason: `${refusalText(rejection.code, rejection.reason, m)} (${rejection.code})`,
                  })}
                </span>
                <button
                  type="button"
                  className="phone-button phone-small"
                  onClick={() => onDismiss(rejection.clientId)}
                >
                  {m.queue.dismiss}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function isKind<K extends string>(value: string, kinds: Record<K, string>): value is K {
  return Object.hasOwn(kinds, value);
}
