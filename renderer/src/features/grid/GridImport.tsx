import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOutput } from '@contract/contract';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { toApiError } from '../../api/use-request';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ModalDialog } from '../../ui/ModalDialog';
import { Panel } from '../../ui/Panel';
import { MAX_IMPORT_BYTES, toBase64 } from './grid-format';
import { ImportResult } from './ImportResult';

type Mode = 'merge' | 'replace';
type Outcome = RequestOutput<'grid:import'>;

/**
 * Grid and inspector files (CSV in the grid or inspectors layout, Chinese or English headers, UTF-8 or GBK; or
 * JSON) checked and imported in one go: nothing is written unless every row is valid, and every problem is listed
 * with its file, line and column. "Replace" removes what the files do not list, after a confirmation.
 */
export function GridImport() {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [mode, setMode] = useState<Mode>('merge');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const tooLarge = files.filter((f) => f.size > MAX_IMPORT_BYTES);

  const run = async (): Promise<void> => {
    setConfirming(false);
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const payload = await Promise.all(
        files.map(async (file) => ({
          name: file.name,
          contentBase64: toBase64(new Uint8Array(await file.arrayBuffer())),
        })),
      );
      setOutcome(await api.request('grid:import', { files: payload, mode }));
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('grid.import.title')} testId="grid-import">
      <p className="grid-hint">{t('grid.import.hint')}</p>
      <form
        className="grid-import"
        onSubmit={(event) => {
          event.preventDefault();
          if (mode === 'replace') setConfirming(true);
          else void run();
        }}
      >
        <label className="grid-import__field" htmlFor={`${id}-files`}>
          {t('grid.import.files')}
          <input
            id={`${id}-files`}
            type="file"
            multiple
            accept=".csv,.json,text/csv,application/json"
            onChange={(event) => {
              setFiles([...(event.currentTarget.files ?? [])].slice(0, 4));
              setOutcome(null);
              setError(null);
            }}
            data-testid="grid-import-files"
          />
        </label>
        <fieldset className="grid-import__mode">
          <legend>{t('grid.import.mode')}</legend>
          {(['merge', 'replace'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name={`${id}-mode`}
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
                data-testid={`grid-import-mode-${value}`}
              />{' '}
              {t(`grid.import.modes.${value}`)}
            </label>
          ))}
        </fieldset>
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || files.length === 0 || tooLarge.length > 0}
          data-testid="grid-import-run"
        >
          {busy ? t('grid.import.running') : t('grid.import.run', { count: files.length })}
        </button>
      </form>
      {tooLarge.length > 0 ? (
        <p className="grid-problem-text" role="alert" data-testid="grid-import-too-large">
          {t('grid.import.tooLarge', { names: tooLarge.map((f) => f.name).join('、') })}
        </p>
      ) : null}
      {error ? (
        <ErrorNotice
          title={t('grid.import.failed')}
          codeLabel={t('error.code')}
          code={error.code}
          message={error.message}
          issues={error.issues}
          testId="grid-import-error"
        />
      ) : null}
      {outcome ? <ImportResult outcome={outcome} /> : null}
      {confirming ? (
        <ModalDialog title={t('grid.import.confirmTitle')} onClose={() => setConfirming(false)} testId="grid-replace">
          <p>{t('grid.import.confirmText')}</p>
          <div className="grid-dialog__actions">
            <button type="button" className="button" onClick={() => setConfirming(false)} data-autofocus>
              {t('grid.import.cancel')}
            </button>
            <button
              type="button"
              className="button button--primary"
              onClick={() => void run()}
              data-testid="grid-replace-confirm"
            >
              {t('grid.import.confirm')}
            </button>
          </div>
        </ModalDialog>
      ) : null}
    </Panel>
  );
}
