import { useTranslation } from 'react-i18next';
import type { RequestOutput } from '@contract/contract';

type Outcome = RequestOutput<'grid:import'>;
type Counts = Extract<Outcome, { ok: true }>['counts'];

function CountsTable({ counts }: { counts: Counts }) {
  const { t } = useTranslation();
  const kinds = ['added', 'changed', 'removed', 'unchanged'] as const;
  return (
    <table className="grid-table" data-testid="grid-import-counts">
      <caption className="grid-caption">{t('grid.result.countsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('grid.result.what')}</th>
          {kinds.map((kind) => (
            <th scope="col" key={kind}>
              {t(`grid.result.${kind}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {(['units', 'inspectors'] as const).map((part) => (
          <tr key={part} data-testid={`grid-import-counts-${part}`}>
            <th scope="row">{t(`grid.result.${part}`)}</th>
            {kinds.map((kind) => (
              <td key={kind} className="grid-table__num" data-kind={kind}>
                {counts[part][kind]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What an import did, or every problem that stopped it (then nothing was written). */
export function ImportResult({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  if (outcome.ok) {
    return (
      <div className="grid-result" role="status" data-testid="grid-import-done">
        <p className="grid-result__title">{t(`grid.result.done.${outcome.mode}`)}</p>
        <CountsTable counts={outcome.counts} />
      </div>
    );
  }
  return (
    <div className="grid-result" role="alert" data-testid="grid-import-problems">
      <p className="grid-result__title grid-problem-text">
        {t('grid.result.problems', { count: outcome.problems.length })}
      </p>
      <div className="table-scroll">
        <table className="grid-table">
          <caption className="grid-caption">{t('grid.result.problemsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('grid.result.file')}</th>
              <th scope="col">{t('grid.result.line')}</th>
              <th scope="col">{t('grid.result.column')}</th>
              <th scope="col">{t('grid.result.problem')}</th>
              <th scope="col">{t('grid.result.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {outcome.problems.map((p, index) => (
              <tr key={index} data-testid="grid-problem" data-code={p.code} data-line={p.line ?? ''}>
                <td>{p.file}</td>
                <td className="grid-table__num">{p.line ?? '—'}</td>
                <td>
                  <code>{p.column ?? '—'}</code>
                </td>
                <td>{t(`grid.codes.${p.code}`)}</td>
                <td className="grid-table__detail" lang="en">
                  {p.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
