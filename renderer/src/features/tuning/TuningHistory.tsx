import { useTranslation } from 'react-i18next';
import type { TuningAuditEntry } from '@contract/tuning-contract';
import { formatStamp } from '../tasks/task-format';
import { policyChanges } from './tuning-format';

/** The camera's tuning changes, newest first: when (local time), who, which label, what changed, and why. */
export function TuningHistory({ entries }: { entries: readonly TuningAuditEntry[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="tuning-history" aria-labelledby="tuning-history-title" data-testid="tuning-history">
      <h2 id="tuning-history-title">{t('tuning.history.title')}</h2>
      {entries.length === 0 ? (
        <p>{t('tuning.history.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('tuning.history.at')}</th>
              <th scope="col">{t('tuning.history.actor')}</th>
              <th scope="col">{t('tuning.history.label')}</th>
              <th scope="col">{t('tuning.history.version')}</th>
              <th scope="col">{t('tuning.history.change')}</th>
              <th scope="col">{t('tuning.history.note')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="tuning-history-row">
                <td>
                  <time dateTime={e.at}>{formatStamp(e.at, i18n.language)}</time>
                </td>
                <td>{e.actor.name}</td>
                <td>{t(`tuning.labels.${e.label}`, { defaultValue: e.label })}</td>
                <td>{e.version}</td>
                <td>
                  {policyChanges(e.before, e.after).map((c) => (
                    <div key={c}>{c}</div>
                  ))}
                </td>
                <td>{e.note ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
