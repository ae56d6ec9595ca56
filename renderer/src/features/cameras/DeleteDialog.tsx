import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView } from '@contract/contract';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { toApiError } from '../../api/use-request';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useErrorSentence } from './use-error-sentence';

interface DeleteDialogProps {
  camera: CameraView;
  /** Closed without deleting (Cancel, Escape). */
  onClose: () => void;
  onDeleted: (id: string) => void;
}

/** Asks before a saved camera is deleted. A modal `<dialog>`: focus stays inside, Escape cancels. */
export function DeleteDialog({ camera, onClose, onDeleted }: DeleteDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const errorSentence = useErrorSentence();
  const titleId = useId();
  const messageId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const mounted = useRef(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);

  useEffect(() => {
    mounted.current = true;
    const dialog = dialogRef.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => {
      mounted.current = false;
    };
  }, []);

  function confirm(): void {
    setBusy(true);
    setError(null);
    api.request('cameras:delete', { id: camera.id }).then(
      ({ id }) => {
        if (mounted.current) onDeleted(id);
      },
      (failure: unknown) => {
        if (!mounted.current) return;
        setBusy(false);
        setError(toApiError(failure));
      },
    );
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onClose={onClose}
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
      data-testid="camera-delete-dialog"
    >
      <h2 className="dialog__title" id={titleId}>
        {t('cameras.delete.title')}
      </h2>
      <p id={messageId}>{t('cameras.delete.confirm', { name: camera.name, id: camera.id })}</p>
      {error ? (
        <ErrorNotice
          title={t('cameras.delete.failed')}
          codeLabel={t('error.code')}
          code={error.code}
          message={[errorSentence(error.code), error.message].filter(Boolean).join(' ')}
          issues={error.issues}
          testId="camera-delete-error"
        />
      ) : null}
      <div className="dialog__actions">
        <button
          type="button"
          className="button"
          onClick={() => dialogRef.current?.close()}
          disabled={busy}
          autoFocus
          data-testid="camera-delete-cancel"
        >
          {t('cameras.delete.cancel')}
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={confirm}
          disabled={busy}
          data-testid="camera-delete-confirm"
        >
          {busy ? t('cameras.delete.deleting') : t('cameras.delete.confirmButton')}
        </button>
      </div>
    </dialog>
  );
}
