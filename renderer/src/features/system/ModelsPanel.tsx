import { useTranslation } from 'react-i18next';
import type { ModelStatus } from '@contract/contract';
import type { ApiRequestError } from '../../api/client';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Panel';
import './recent-logs.css';

interface ModelsPanelProps {
  models: readonly ModelStatus[] | null;
  error: ApiRequestError | null;
}

const ms = (value: number | null | undefined): string => (value == null ? '—' : value.toFixed(1));

/** The detection models: which ones run, and why any does not. */
export function ModelsPanel({ models, error }: ModelsPanelProps) {
  const { t } = useTranslation();
  return (
    <Panel title={t('models.title')} testId="models-panel">
      {error ? (
        <ErrorNotice
          title={t('models.loadFailed')}
          codeLabel={t('error.code')}
          code={error.code}
          message={error.message}
          issues={error.issues}
          testId="models-error"
        />
      ) : null}
      {models && models.length === 0 ? <Notice testId="models-empty">{t('models.empty')}</Notice> : null}
      {models && models.length > 0 ? (
        <div className="table-scroll">
          <table className="log-table" data-testid="models-list">
            <thead>
              <tr>
                <th scope="col">{t('models.columns.model')}</th>
                <th scope="col">{t('models.columns.classes')}</th>
                <th scope="col">{t('models.columns.status')}</th>
                <th scope="col">{t('models.columns.processed')}</th>
                <th scope="col">{t('models.columns.inferMs')}</th>
              </tr>
            </thead>
            <tbody>
              {models.map((m) => (
                <tr key={m.id} data-testid="model-row" data-model-id={m.id} data-status={m.status}>
                  <td>
                    <div>{m.name ?? m.id}</div>
                    <div className="log-table__module">{m.id}</div>
                  </td>
                  <td>{m.classes.join(', ')}</td>
                  <td>
                    <span
                      className={`level level--${m.status === 'available' ? 'info' : m.status === 'starting' ? 'warn' : 'error'}`}
                    >
                      {t(`models.statuses.${m.status}`)}
                    </span>
                    {m.reason ? (
                      <div className="log-table__msg" data-testid="model-reason">
                        {m.reason.code}: {m.reason.message}
                      </div>
                    ) : null}
                  </td>
                  <td className="log-table__time">{m.stats?.processed ?? '—'}</td>
                  <td className="log-table__time">
                    {ms(m.stats?.inferMsP50)} / {ms(m.stats?.inferMsP95)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Panel>
  );
}
