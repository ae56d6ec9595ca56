import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView } from '@contract/contract';
import { useApi } from '../../api/use-api';
import { useReconnect } from '../../api/use-reconnect';
import { toApiError } from '../../api/use-request';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Panel';
import { CameraForm } from './CameraForm';
import { CameraTable } from './CameraTable';
import { DeleteDialog } from './DeleteDialog';
import type { TestState } from './TestResult';
import { useCameras } from './use-cameras';
import './cameras.css';

/** What the form is open for: a new camera, or a saved one (as it was when the form opened). */
type FormTarget = { kind: 'create' } | { kind: 'edit'; camera: CameraView };

/** The technician's cameras: the list with live health, add / edit / delete, and "test connection". */
export function CamerasPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { cameras, error, loading, reload } = useCameras();
  useReconnect(reload);
  const [form, setForm] = useState<FormTarget | null>(null);
  const [deleting, setDeleting] = useState<CameraView | null>(null);
  const [tests, setTests] = useState<Readonly<Record<string, TestState>>>({});
  const addButton = useRef<HTMLButtonElement>(null);
  /** The control that opened the form or the dialog, to give the focus back to when it closes. */
  const opener = useRef<HTMLElement | null>(null);

  const restoreFocus = useCallback(() => {
    const target = opener.current;
    opener.current = null;
    // After a save or a delete the row may be gone or re-rendered: fall back to the add button.
    requestAnimationFrame(() => (target?.isConnected ? target : addButton.current)?.focus());
  }, []);

  const openForm = (target: FormTarget, from: HTMLElement) => {
    opener.current = from;
    setForm(target);
  };

  const closeForm = () => {
    setForm(null);
    restoreFocus();
  };

  const setTest = (id: string, state: TestState | null) =>
    setTests((current) => {
      const rest = Object.fromEntries(Object.entries(current).filter(([key]) => key !== id));
      return state === null ? rest : { ...rest, [id]: state };
    });

  const testCamera = (camera: CameraView) => {
    setTest(camera.id, { kind: 'running' });
    api.request('cameras:test', { cameraId: camera.id }).then(
      (result) => setTest(camera.id, { kind: 'done', result }),
      (failure: unknown) => setTest(camera.id, { kind: 'failed', error: toApiError(failure) }),
    );
  };

  return (
    <div className="page" data-testid="page-cameras">
      <div className="page__head">
        <h1 className="page__title">{t('cameras.title')}</h1>
        <button
          ref={addButton}
          type="button"
          className="button button--primary"
          onClick={(event) => openForm({ kind: 'create' }, event.currentTarget)}
          data-testid="camera-add"
        >
          {t('cameras.add')}
        </button>
      </div>
      <p className="page__summary">{t('cameras.summary')}</p>

      {form ? (
        <CameraForm
          key={form.kind === 'create' ? 'create' : `edit:${form.camera.id}`}
          camera={form.kind === 'create' ? null : form.camera}
          onSaved={(saved) => {
            setTest(saved.id, null);
            closeForm();
            reload();
          }}
          onCancel={closeForm}
        />
      ) : null}

      <Panel title={t('cameras.listTitle')} testId="camera-list-panel">
        {error ? (
          <ErrorNotice
            title={t('cameras.loadFailed')}
            codeLabel={t('error.code')}
            code={error.code}
            message={error.message}
            issues={error.issues}
            testId="cameras-error"
          />
        ) : null}
        {cameras === null ? (
          loading ? (
            <Notice testId="cameras-loading">{t('cameras.loading')}</Notice>
          ) : null
        ) : cameras.length === 0 ? (
          <Notice testId="cameras-empty">{t('cameras.empty')}</Notice>
        ) : (
          <CameraTable
            cameras={cameras}
            tests={tests}
            onEdit={(camera, from) => openForm({ kind: 'edit', camera }, from)}
            onDelete={(camera, from) => {
              opener.current = from;
              setDeleting(camera);
            }}
            onTest={testCamera}
            onDismissTest={(camera) => setTest(camera.id, null)}
          />
        )}
      </Panel>

      {deleting ? (
        <DeleteDialog
          camera={deleting}
          onClose={() => {
            setDeleting(null);
            restoreFocus();
          }}
          onDeleted={(id) => {
            setDeleting(null);
            setTest(id, null);
            if (form?.kind === 'edit' && form.camera.id === id) setForm(null);
            restoreFocus();
            reload();
          }}
        />
      ) : null}
    </div>
  );
}
