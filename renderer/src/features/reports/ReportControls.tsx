import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiRequestError } from '../../api/client';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { PERIOD_KINDS, scopeOptions, type GridView, type PeriodKind, type ScopeDraft } from './report-format';

interface ReportControlsProps {
  kind: PeriodKind;
  /** The date as typed, valid or not. */
  date: string;
  dateValid: boolean;
  scope: ScopeDraft;
  grid: GridView | null;
  gridError: ApiRequestError | null;
  gridLoading: boolean;
  onKind: (kind: PeriodKind) => void;
  onDate: (date: string) => void;
  onScope: (change: Partial<ScopeDraft>) => void;
}

/** The period (day, week, month and a date in it) and the optional scope of the report. */
export function ReportControls({
  kind,
  date,
  dateValid,
  scope,
  grid,
  gridError,
  gridLoading,
  onKind,
  onDate,
  onScope,
}: ReportControlsProps) {
  const { t } = useTranslation();
  const id = useId();
  const options = scopeOptions(grid, scope);
  const noGrid = grid === null;
  return (
    <form
      className="report-controls"
      aria-label={t('reports.controls')}
      onSubmit={(event) => event.preventDefault()}
      data-testid="report-controls"
    >
      <fieldset className="report-controls__group">
        <legend>{t('reports.period')}</legend>
        <div className="report-controls__field">
          <label htmlFor={`${id}-kind`}>{t('reports.periodKind')}</label>
          <select
            id={`${id}-kind`}
            className="select"
            value={kind}
            onChange={(event) => {
              const next = PERIOD_KINDS.find((candidate) => candidate === event.target.value);
              if (next) onKind(next);
            }}
            data-testid="report-kind"
          >
            {PERIOD_KINDS.map((code) => (
              <option key={code} value={code}>
                {t(`reports.kinds.${code}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="report-controls__field">
          <label htmlFor={`${id}-date`}>{t('reports.date')}</label>
          <input
            id={`${id}-date`}
            type="date"
            className="report-controls__input"
            value={date}
            required
            onChange={(event) => onDate(event.target.value)}
            aria-invalid={dateValid ? undefined : true}
            aria-describedby={`${id}-date-hint`}
            data-testid="report-date"
          />
          <p className="report-controls__hint" id={`${id}-date-hint`}>
            {dateValid ? (
              t('reports.dateHint')
            ) : (
              <span className="report-controls__error">{t('reports.dateInvalid')}</span>
            )}
          </p>
        </div>
      </fieldset>

      <fieldset className="report-controls__group">
        <legend>{t('reports.scope')}</legend>
        <div className="report-controls__field">
          <label htmlFor={`${id}-township`}>{t('reports.township')}</label>
          <select
            id={`${id}-township`}
            className="select"
            value={scope.townshipCode}
            disabled={noGrid}
            onChange={(event) => onScope({ townshipCode: event.target.value })}
            data-testid="report-township"
          >
            <option value="">{t('reports.all')}</option>
            {options.townships.map((unit) => (
              <option key={unit.code} value={unit.code}>
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <div className="report-controls__field">
          <label htmlFor={`${id}-cell`}>{t('reports.cell')}</label>
          <select
            id={`${id}-cell`}
            className="select"
            value={scope.cellCode}
            disabled={noGrid}
            onChange={(event) => onScope({ cellCode: event.target.value })}
            data-testid="report-cell"
          >
            <option value="">{t('reports.all')}</option>
            {options.cells.map((unit) => (
              <option key={unit.code} value={unit.code}>
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <div className="report-controls__field">
          <label htmlFor={`${id}-inspector`}>{t('reports.inspector')}</label>
          <select
            id={`${id}-inspector`}
            className="select"
            value={scope.inspectorId}
            disabled={noGrid}
            onChange={(event) => onScope({ inspectorId: event.target.value })}
            data-testid="report-inspector"
          >
            <option value="">{t('reports.all')}</option>
            {options.inspectors.map((inspector) => (
              <option key={inspector.id} value={inspector.id}>
                {t(inspector.active ? 'reports.inspectorOption' : 'reports.inspectorInactive', {
                  name: inspector.name,
                  id: inspector.id,
                })}
              </option>
            ))}
          </select>
        </div>
        {noGrid && gridLoading ? <p className="report-controls__hint">{t('reports.gridLoading')}</p> : null}
        {gridError ? (
          <ErrorNotice
            title={t('reports.gridLoadFailed')}
            codeLabel={t('error.code')}
            code={gridError.code}
            message={gridError.message}
            issues={gridError.issues}
            testId="report-grid-error"
          />
        ) : null}
      </fieldset>
    </form>
  );
}
