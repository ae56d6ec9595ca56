import { useTranslation } from 'react-i18next';
import type { LogEntry } from '@contract/contract';
import type { ApiRequestError } from '../../api/client';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Panel';
import { formatDateTime, formatTimeOfDay } from './format';
import { keyOf } from './use-recent-logs';
import './recent-logs.css';

interface RecentLogsProps {
  entries: readonly LogEntry[];
  loading: boolean;
  error: ApiRequestError | null;
}

/** The engine's recent log lines, newest first; new lines arrive live. */
export function RecentLogs({ entries, loading, error }: RecentLogsProps) {
  const { t, i18n } = useTranslation();
  return (
    <Panel title={t('logs.title')} testId="recent-logs">
      {error ? (
        <ErrorNotice
          title={t('logs.loadFailed')}
          codeLabel={t('error.code')}
          code={error.code}
          message={error.message}
          issues={error.issues}
          testId="logs-error"
        />
      ) : null}
      {entries.length === 0 ? (
        <Notice testId="logs-empty">{loading ? t('logs.loading') : t('logs.empty')}</Notice>
      ) : (
        <div className="table-scroll">
          <table className="log-table" data-testid="log-list">
            <thead>
              <tr>
                <th scope="col">{t('logs.columns.time')}</th>
                <th scope="col">{t('logs.columns.level')}</th>
                <th scope="col">{t('logs.columns.module')}</th>
                <th scope="col">{t('logs.columns.message')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={keyOf(entry)} className={`log-row log-row--${entry.level}`} data-testid="log-entry">
                  <td className="log-table__time">
                    <time dateTime={entry.time} title={formatDateTime(entry.time, i18n.language)}>
                      {formatTimeOfDay(entry.time, i18n.language)}
                    </time>
                  </td>
                  <td>
                    <span className={`level level--${entry.level}`}>{t(`logs.levels.${entry.level}`)}</span>
                  </td>
                  <td className="log-table__module">{entry.module ?? ''}</td>
                  <td className="log-table__msg">{entry.msg}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
