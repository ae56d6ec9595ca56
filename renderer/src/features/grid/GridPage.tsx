import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { toApiError, useRequest } from '../../api/use-request';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Panel';
import { downloadText } from '../reports/download';
import { gridOverview, type GridOverview } from './grid-format';
import { GridImport } from './GridImport';
import './grid.css';

function Overview({ overview }: { overview: GridOverview }) {
  const { t } = useTranslation();
  if (overview.cells.length === 0) return <Notice testId="grid-empty">{t('grid.overview.empty')}</Notice>;
  return (
    <>
      <p className="grid-summary" data-testid="grid-summary">
        {t('grid.overview.summary', {
          townships: overview.townships,
          villages: overview.villages,
          cells: overview.cells.length,
          active: overview.inspectors.active,
          inactive: overview.inspectors.inactive,
        })}
      </p>
      {overview.unassignedCameras.length > 0 ? (
        <p className="grid-problem-text" data-testid="grid-unassigned">
          {t('grid.overview.unassigned', {
            cameras: overview.unassignedCameras.map((c) => `${c.name}（${c.gridCell}）`).join('、'),
          })}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="grid-table" data-testid="grid-cells">
          <caption className="grid-caption">{t('grid.overview.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('grid.overview.township')}</th>
              <th scope="col">{t('grid.overview.village')}</th>
              <th scope="col">{t('grid.overview.cell')}</th>
              <th scope="col">{t('grid.overview.inspectors')}</th>
              <th scope="col">{t('grid.overview.cameras')}</th>
            </tr>
          </thead>
          <tbody>
            {overview.cells.map((cell) => (
              <tr key={cell.code} data-testid="grid-cell-row" data-cell={cell.code}>
                <td>{cell.township ?? '—'}</td>
                <td>{cell.village ?? '—'}</td>
                <th scope="row">
                  <div>{cell.name}</div>
                  <div className="grid-table__sub">{cell.code}</div>
                </th>
                <td>
                  {cell.onDuty.length === 0 ? (
                    <span className="grid-problem-text">{t('grid.overview.nobody')}</span>
                  ) : (
                    cell.onDuty.join('、')
                  )}
                  {cell.offDuty.length > 0 ? (
                    <div className="grid-table__sub">
                      {t('grid.overview.offDuty', { names: cell.offDuty.join('、') })}
                    </div>
                  ) : null}
                </td>
                <td>{cell.cameras.length === 0 ? '—' : cell.cameras.join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ExportButtons() {
  const { t } = useTranslation();
  const api = useApi();
  const [error, setError] = useState<ApiRequestError | null>(null);
  const save = async (format: 'csv' | 'json', lang: 'zh' | 'en'): Promise<void> => {
    setError(null);
    try {
      const { files } = await api.request('grid:export', { format, lang });
      for (const file of files) downloadText(file.name, file.mediaType, file.text);
    } catch (failure) {
      setError(toApiError(failure));
    }
  };
  return (
    <div className="grid-export">
      <button type="button" className="button" onClick={() => void save('csv', 'zh')} data-testid="grid-export-csv-zh">
        {t('grid.export.csvZh')}
      </button>
      <button type="button" className="button" onClick={() => void save('csv', 'en')} data-testid="grid-export-csv-en">
        {t('grid.export.csvEn')}
      </button>
      <button type="button" className="button" onClick={() => void save('json', 'zh')} data-testid="grid-export-json">
        {t('grid.export.json')}
      </button>
      {error ? (
        <ErrorNotice
          title={t('grid.export.failed')}
          codeLabel={t('error.code')}
          code={error.code}
          message={error.message}
        />
      ) : null}
    </div>
  );
}

/** The technician's grid screen (网格与网格员): import the grid and the inspectors, see who covers which cell, export. */
export function GridPage() {
  const { t } = useTranslation();
  const api = useApi();
  const grid = useRequest('grid:get', {});
  const { reload } = grid;
  useEffect(() => {
    const unsubscribes = [api.subscribe('grid:changed', reload), api.subscribe('cameras:changed', reload)];
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }, [api, reload]);
  return (
    <div className="page grid-page" data-testid="page-grid">
      <div className="page__head">
        <h1 className="page__title">{t('grid.title')}</h1>
      </div>
      <p className="grid-hint">{t('grid.summary')}</p>
      <GridImport />
      <Panel title={t('grid.overview.title')} actions={<ExportButtons />} testId="grid-overview">
        {grid.error ? (
          <ErrorNotice
            title={t('grid.overview.failed')}
            codeLabel={t('error.code')}
            code={grid.error.code}
            message={grid.error.message}
          />
        ) : null}
        {grid.data ? <Overview overview={gridOverview(grid.data)} /> : <Notice>{t('grid.overview.loading')}</Notice>}
      </Panel>
    </div>
  );
}
