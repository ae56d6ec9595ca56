import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useReconnect } from '../../api/use-reconnect';
import { useRequest } from '../../api/use-request';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { ModelsPanel } from './ModelsPanel';
import { RecentLogs } from './RecentLogs';
import { StatusDetails } from './StatusDetails';
import { useRecentLogs } from './use-recent-logs';

const LOG_LIMIT = 50;

/** Versions, paths and health of this installation, and its recent log. */
export function SystemStatusPage() {
  const { t } = useTranslation();
  const status = useRequest('system:status', {});
  const models = useRequest('models:list', {});
  const logs = useRecentLogs(LOG_LIMIT);
  const { reload: reloadStatus } = status;
  const { reload: reloadModels } = models;
  const { reload: reloadLogs } = logs;
  const refresh = useCallback(() => {
    reloadStatus();
    reloadModels();
    reloadLogs();
  }, [reloadStatus, reloadModels, reloadLogs]);
  useReconnect(refresh);

  const busy = status.loading || logs.loading;
  return (
    <div className="page" data-testid="page-system">
      <div className="page__head">
        <h1 className="page__title">{t('system.title')}</h1>
        <button type="button" className="button" onClick={refresh} disabled={busy} data-testid="status-refresh">
          {busy && status.data ? t('system.refreshing') : t('system.refresh')}
        </button>
      </div>
      {status.error ? (
        <ErrorNotice
          title={t('system.loadFailed')}
          codeLabel={t('error.code')}
          code={status.error.code}
          message={status.error.message}
          issues={status.error.issues}
          testId="status-error"
          action={
            <button type="button" className="button" onClick={refresh} disabled={busy}>
              {t('system.retry')}
            </button>
          }
        />
      ) : null}
      {status.data && status.receivedAt !== null ? (
        <StatusDetails status={status.data} receivedAt={status.receivedAt} />
      ) : status.loading ? (
        <Notice testId="status-loading">{t('system.loading')}</Notice>
      ) : null}
      <ModelsPanel models={models.data?.models ?? null} error={models.error} />
      <RecentLogs entries={logs.entries} loading={logs.loading} error={logs.error} />
    </div>
  );
}
