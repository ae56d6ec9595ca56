import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Panel } from '../../ui/Panel';
import { DatasetSummaryTable } from './DatasetSummaryTable';
import { defaultDays, exportRange } from './dataset-dates';
import { useDatasetExport } from './use-dataset-export';
import './dataset.css';

/**
 * The technician's export of reviewed incidents as training data: a range of days, one button, then the summary
 * and the folder written under the data folder's exports/ (what `anxun export-dataset` writes too).
 */
export function DatasetExportPanel() {
  const { t } = useTranslation();
  const id = useId();
  const [days, setDays] = useState(() => defaultDays(new Date()));
  const { running, result, error, run } = useDatasetExport();
  const range = exportRange(days.since, days.until);
  return (
    <Panel title={t('dataset.title')} testId="dataset-export">
      <p className="dataset__intro">{t('dataset.intro')}</p>
      <form
        className="dataset__form"
        aria-label={t('dataset.title')}
        onSubmit={(event) => {
          event.preventDefault();
          if (range.ok) run({ since: range.since, until: range.until });
        }}
      >
        <label htmlFor={`${id}-since`}>{t('dataset.since')}</label>
        <input
          id={`${id}-since`}
          type="date"
          value={days.since}
          required
          onChange={(event) => setDays((d) => ({ ...d, since: event.target.value }))}
          aria-invalid={range.ok ? undefined : true}
          data-testid="dataset-since"
        />
        <label htmlFor={`${id}-until`}>{t('dataset.until')}</label>
        <input
          id={`${id}-until`}
          type="date"
          value={days.until}
          required
          onChange={(event) => setDays((d) => ({ ...d, until: event.target.value }))}
          aria-invalid={range.ok ? undefined : true}
          data-testid="dataset-until"
        />
        <button
          type="submit"
          className="button button--primary"
          disabled={!range.ok || running}
          data-testid="dataset-run"
        >
          {running ? t('dataset.running') : t('dataset.run')}
        </button>
      </form>
      {range.ok ? null : (
        <p className="dataset__problem" role="alert" data-testid="dataset-range-problem">
          {t(`dataset.problems.${range.problem}`)}
        </p>
      )}
      {error ? (
        <ErrorNotice
          title={t('dataset.failed')}
          codeLabel={t('error.code')}
          code={error.reason ?? error.code}
          message={error.message}
          issues={error.issues}
          testId="dataset-error"
        />
      ) : null}
      {result && !error ? <DatasetSummaryTable result={result} /> : null}
    </Panel>
  );
}
