import { useTranslation } from 'react-i18next';
import type { DatasetExportResult } from './use-dataset-export';

const CLASSES = ['fire', 'smoke', 'person'] as const;

/** What an export wrote: the folder, images, boxes per class, negatives per reason, alerts skipped per reason. */
export function DatasetSummaryTable({ result }: { result: DatasetExportResult }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => value.toLocaleString(i18n.language);
  const { summary } = result;
  // dismissal reasons are named as on the task board and in the alert queue; skips are this screen's own
  const counts = (keys: 'tasks.reasons' | 'dataset.skips', record: Record<string, number>) => {
    const entries = Object.entries(record);
    if (entries.length === 0) return t('dataset.none');
    return entries.map(([code, count]) => `${t(`${keys}.${code}`, { defaultValue: code })} ${n(count)}`).join('、');
  };
  return (
    <div className="dataset__result" data-testid="dataset-result">
      <p>
        {t('dataset.folder')} <code data-testid="dataset-folder">{result.folder}</code>
      </p>
      <table className="dataset__table">
        <tbody>
          <tr>
            <th scope="row">{t('dataset.images')}</th>
            <td data-testid="dataset-images">
              {t('dataset.imagesValue', { total: n(summary.images), added: n(result.added) })}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('dataset.positives')}</th>
            <td data-testid="dataset-positives">
              {CLASSES.map((c) => `${t(`dataset.classes.${c}`)} ${n(summary.positives[c] ?? 0)}`).join('、')}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('dataset.negatives')}</th>
            <td data-testid="dataset-negatives">{counts('tasks.reasons', summary.negatives)}</td>
          </tr>
          <tr>
            <th scope="row">{t('dataset.skipped')}</th>
            <td data-testid="dataset-skipped">{counts('dataset.skips', summary.skipped)}</td>
          </tr>
        </tbody>
      </table>
      <p className="dataset__next">{t('dataset.next')}</p>
    </div>
  );
}
