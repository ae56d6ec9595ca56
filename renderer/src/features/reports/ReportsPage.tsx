import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useReconnect } from '../../api/use-reconnect';
import { toApiError, useRequest } from '../../api/use-request';
import { currentLanguage } from '../../i18n';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { downloadText } from './download';
import { ReportControls } from './ReportControls';
import {
  changeScope,
  isCalendarDate,
  localDate,
  NO_SCOPE,
  reportRequest,
  scopeNames,
  type PeriodKind,
  type ScopeDraft,
} from './report-format';
import { ReportView } from './ReportView';
import { useReportWords } from './use-report-words';
import './reports.css';

/** How long task changes are gathered before the report is made again. */
const CHANGE_SETTLE_MS = 1500;

type ExportState = { kind: 'idle' } | { kind: 'running' } | { kind: 'failed'; error: ApiRequestError };

/**
 * The operator's reports: patrol tasks of a day, a week or a month (this month to begin with), for the whole
 * centre or one township, grid cell or inspector; printable on A4 and exported as CSV for the county.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const words = useReportWords();
  const [kind, setKind] = useState<PeriodKind>('month');
  const [dateDraft, setDateDraft] = useState(() => localDate(new Date()));
  const [date, setDate] = useState(dateDraft);
  const [scope, setScope] = useState<ScopeDraft>(NO_SCOPE);
  const [exporting, setExporting] = useState<ExportState>({ kind: 'idle' });

  const grid = useRequest('grid:get', {});
  const request = useMemo(() => reportRequest(kind, date, scope), [kind, date, scope]);
  const report = useRequest('reports:get', request);
  const gridData = grid.data?.grid ?? null;

  const { reload: reloadReport } = report;
  const { reload: reloadGrid } = grid;
  const refresh = useCallback(() => {
    reloadGrid();
    reloadReport();
  }, [reloadGrid, reloadReport]);
  useReconnect(refresh);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = (): void => {
      timer ??= setTimeout(() => {
        timer = null;
        reloadReport();
      }, CHANGE_SETTLE_MS);
    };
    const offTasks = api.subscribe('tasks:changed', later);
    const offGrid = api.subscribe('grid:changed', refresh);
    return () => {
      if (timer !== null) clearTimeout(timer);
      offTasks();
      offGrid();
    };
  }, [api, refresh, reloadReport]);

  const dateValid = isCalendarDate(dateDraft);

  const exportCsv = () => {
    setExporting({ kind: 'running' });
    api.request('reports:csv', { ...request, lang: currentLanguage() }).then(
      (file) => {
        downloadText(file.name, file.mediaType, file.text);
        setExporting({ kind: 'idle' });
      },
      (failure: unknown) => setExporting({ kind: 'failed', error: toApiError(failure) }),
    );
  };

  const shown = report.data;
  return (
    <div className="page reports-page" data-testid="page-reports">
      <div className="page__head">
        <h1 className="page__title">{t('reports.title')}</h1>
        <div className="reports-page__actions">
          <button
            type="button"
            className="button"
            onClick={refresh}
            disabled={report.loading}
            data-testid="report-refresh"
          >
            {report.loading && shown ? t('reports.refreshing') : t('reports.refresh')}
          </button>
          <button
            type="button"
            className="button"
            onClick={exportCsv}
            disabled={exporting.kind === 'running'}
            data-testid="report-export"
          >
            {exporting.kind === 'running' ? t('reports.exporting') : t('reports.exportCsv')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => window.print()}
            disabled={shown === null}
            data-testid="report-print"
          >
            {t('reports.print')}
          </button>
        </div>
      </div>
      <p className="page__summary reports-page__summary">{t('reports.summary')}</p>

      <ReportControls
        kind={kind}
        date={dateDraft}
        dateValid={dateValid}
        scope={scope}
        grid={gridData}
        gridError={grid.error}
        gridLoading={grid.loading}
        onKind={setKind}
        onDate={(next) => {
          setDateDraft(next);
          if (isCalendarDate(next)) setDate(next);
        }}
        onScope={(change) => setScope((current) => changeScope(gridData, current, change))}
      />

      {exporting.kind === 'failed' ? (
        <ErrorNotice
          title={t('reports.exportFailed')}
          codeLabel={t('error.code')}
          code={exporting.error.code}
          message={exporting.error.message}
          issues={exporting.error.issues}
          testId="report-export-error"
        />
      ) : null}
      {report.error ? (
        <ErrorNotice
          title={t('reports.loadFailed')}
          codeLabel={t('error.code')}
          code={report.error.code}
          message={report.error.message}
          issues={report.error.issues}
          testId="report-error"
          action={
            <button type="button" className="button" onClick={refresh} disabled={report.loading}>
              {t('reports.retry')}
            </button>
          }
        />
      ) : null}
      {shown === null ? (
        report.loading ? (
          <Notice testId="report-loading">{t('reports.loading')}</Notice>
        ) : null
      ) : (
        <div
          className={report.loading ? 'reports-page__body reports-page__body--busy' : 'reports-page__body'}
          aria-busy={report.loading}
        >
          <ReportView report={shown} scope={scopeNames(shown.scope, gridData)} words={words} />
        </div>
      )}
    </div>
  );
}
