import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskReport } from './report-format';
import type { ReportWords } from './use-report-words';

type Figures = TaskReport['overall'];

export interface FiguresRow {
  key: string;
  /** The row's header: a township, a grid cell or an inspector. */
  name: ReactNode;
  /** Cells between the name and the figures (the township of a grid cell). */
  extra?: readonly ReactNode[];
  figures: Pick<
    Figures,
    | 'total'
    | 'closed'
    | 'closureRate'
    | 'onTimeRate'
    | 'medianCloseMin'
    | 'overdue'
    | 'escalatedTownship'
    | 'escalatedCounty'
  >;
}

interface FiguresTableProps {
  caption: ReactNode;
  nameHeader: ReactNode;
  extraHeaders?: readonly ReactNode[];
  rows: readonly FiguresRow[];
  words: ReportWords;
  testId: string;
}

/** The main figures of a set of rows (townships, grid cells, inspectors), one row each. */
export function FiguresTable({ caption, nameHeader, extraHeaders = [], rows, words, testId }: FiguresTableProps) {
  const { t } = useTranslation();
  return (
    <div className="report-scroll">
      <table className="report-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            {extraHeaders.map((header, index) => (
              <th scope="col" key={index}>
                {header}
              </th>
            ))}
            <th scope="col" className="report-table__num">
              {t('reports.columns.total')}
            </th>
            <th scope="col" className="report-table__num">
              {t('reports.columns.closed')}
            </th>
            <th scope="col" className="report-table__num">
              {t('reports.columns.closureRate')}
            </th>
            <th scope="col" className="report-table__num">
              {t('reports.columns.onTimeRate')}
            </th>
            <th scope="col" className="report-table__num">
              {t('reports.columns.medianClose')}
            </th>
            <th scope="col" className="report-table__num">
              {t('reports.columns.overdue')}
            </th>
            <th scope="col" className="report-table__num">
              {t('reports.columns.escalatedTownship')}
            </th>
            <th scope="col" className="report-table__num">
              {t('reports.columns.escalatedCounty')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, name, extra = [], figures }) => (
            <tr key={key} data-testid={`${testId}-row`} data-key={key}>
              <th scope="row">{name}</th>
              {extra.map((cell, index) => (
                <td key={index}>{cell}</td>
              ))}
              <td className="report-table__num" data-testid="row-total">
                {words.count(figures.total)}
              </td>
              <td className="report-table__num" data-testid="row-closed">
                {words.count(figures.closed)}
              </td>
              <td className="report-table__num" data-testid="row-closure-rate">
                {words.share(figures.closureRate)}
              </td>
              <td className="report-table__num">{words.share(figures.onTimeRate)}</td>
              <td className="report-table__num">{words.minutes(figures.medianCloseMin)}</td>
              <td className="report-table__num">{words.count(figures.overdue)}</td>
              <td className="report-table__num">{words.count(figures.escalatedTownship)}</td>
              <td className="report-table__num">{words.count(figures.escalatedCounty)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
