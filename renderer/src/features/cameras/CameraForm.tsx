import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView } from '@contract/contract';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { toApiError } from '../../api/use-request';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Panel } from '../../ui/Panel';
import {
  emptyForm,
  formFromView,
  issuesByField,
  toCreateInput,
  toTestInput,
  toUpdateInput,
  type CameraFormValues,
  type Field,
  type Problem,
} from './camera-form';
import { CheckField, TextField } from './FormField';
import { TestResult, type TestState } from './TestResult';
import { useErrorSentence } from './use-error-sentence';

interface CameraFormProps {
  /** The saved camera to edit, or null to add one. */
  camera: CameraView | null;
  onSaved: (camera: CameraView) => void;
  onCancel: () => void;
}

/** Adds a camera or edits a saved one; "test connection" tries the stream as it stands in the form. */
export function CameraForm({ camera, onSaved, onCancel }: CameraFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const errorSentence = useErrorSentence();
  const editing = camera !== null;
  const [values, setValues] = useState<CameraFormValues>(() => (camera === null ? emptyForm() : formFromView(camera)));
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [saveError, setSaveError] = useState<ApiRequestError | null>(null);
  const [saving, setSaving] = useState(false);
  const [test, setTest] = useState<TestState | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // After a refused save, take the keyboard to the first field marked wrong.
  useEffect(() => {
    if (focusRequest > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const set = <K extends keyof CameraFormValues>(key: K) => {
    return (value: CameraFormValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  };

  const apiIssues = [...(saveError?.issues ?? []), ...(test?.kind === 'failed' ? test.error.issues : [])];
  const { byField, other } = issuesByField(apiIssues);
  const errorsOf = (path: Field): string[] => [
    ...problems.filter((p) => p.path === path).map((p) => t(`cameras.form.problems.${p.problem}`)),
    ...(byField[path] ?? []),
  ];

  function refuse(found: readonly Problem[]): void {
    setProblems(found);
    setFocusRequest((n) => n + 1);
  }

  function submit(event: SyntheticEvent): void {
    event.preventDefault();
    if (saving) return;
    setSaveError(null);
    setProblems([]);
    let pending: Promise<CameraView>;
    if (camera === null) {
      const built = toCreateInput(values);
      if (!built.ok) {
        refuse(built.problems);
        return;
      }
      pending = api.request('cameras:create', built.input);
    } else {
      const built = toUpdateInput(camera.id, values);
      if (!built.ok) {
        refuse(built.problems);
        return;
      }
      pending = api.request('cameras:update', built.input);
    }
    setSaving(true);
    pending.then(
      (saved) => {
        if (mounted.current) onSaved(saved);
      },
      (failure: unknown) => {
        if (!mounted.current) return;
        setSaving(false);
        setSaveError(toApiError(failure));
        setFocusRequest((n) => n + 1);
      },
    );
  }

  function runTest(): void {
    setTest({ kind: 'running' });
    api.request('cameras:test', toTestInput(values, camera?.id ?? null)).then(
      (result) => {
        if (mounted.current) setTest({ kind: 'done', result });
      },
      (failure: unknown) => {
        if (mounted.current) setTest({ kind: 'failed', error: toApiError(failure) });
      },
    );
  }

  const title =
    camera === null ? t('cameras.form.addTitle') : t('cameras.form.editTitle', { name: camera.name, id: camera.id });
  return (
    <Panel title={title} testId="camera-form-panel">
      <form ref={formRef} className="camera-form" onSubmit={submit} noValidate data-testid="camera-form">
        {saveError ? (
          <ErrorNotice
            title={t('cameras.form.saveFailed')}
            codeLabel={t('error.code')}
            code={saveError.code}
            message={[errorSentence(saveError.code), saveError.message].filter(Boolean).join(' ')}
            issues={other}
            testId="camera-form-error"
          />
        ) : null}

        <fieldset className="camera-form__group">
          <legend>{t('cameras.form.sections.basic')}</legend>
          {editing ? null : (
            <TextField
              path="id"
              label={t('cameras.form.fields.id')}
              hint={t('cameras.form.hints.id')}
              value={values.id}
              onChange={set('id')}
              errors={errorsOf('id')}
              mono
            />
          )}
          <TextField
            path="name"
            label={t('cameras.form.fields.name')}
            value={values.name}
            onChange={set('name')}
            errors={errorsOf('name')}
            required
            autoFocus
          />
          <TextField
            path="gridCell"
            label={t('cameras.form.fields.gridCell')}
            value={values.gridCell}
            onChange={set('gridCell')}
            errors={errorsOf('gridCell')}
            required
            mono
          />
          <CheckField
            path="enabled"
            label={t('cameras.form.fields.enabled')}
            checked={values.enabled}
            onChange={set('enabled')}
            errors={errorsOf('enabled')}
          />
        </fieldset>

        <fieldset className="camera-form__group">
          <legend>{t('cameras.form.sections.stream')}</legend>
          <TextField
            path="detectUrl"
            label={t('cameras.form.fields.detectUrl')}
            hint={t('cameras.form.hints.detectUrl')}
            value={values.detectUrl}
            onChange={set('detectUrl')}
            errors={errorsOf('detectUrl')}
            placeholder="rtsp://"
            required
            mono
          />
          <TextField
            path="recordUrl"
            label={t('cameras.form.fields.recordUrl')}
            hint={t('cameras.form.hints.recordUrl')}
            value={values.recordUrl}
            onChange={set('recordUrl')}
            errors={errorsOf('recordUrl')}
            placeholder="rtsp://"
            mono
          />
          <TextField
            path="username"
            label={t('cameras.form.fields.username')}
            value={values.username}
            onChange={set('username')}
            errors={errorsOf('username')}
          />
          <TextField
            path="password"
            type="password"
            label={t('cameras.form.fields.password')}
            hint={editing ? t('cameras.form.hints.passwordKeep') : t('cameras.form.hints.passwordNew')}
            value={values.password}
            onChange={set('password')}
            errors={errorsOf('password')}
            disabled={values.clearPassword}
            autoComplete="new-password"
          />
          {camera?.hasPassword ? (
            <CheckField
              path="clearPassword"
              label={t('cameras.form.fields.clearPassword')}
              checked={values.clearPassword}
              onChange={set('clearPassword')}
            />
          ) : null}
          <div className="camera-form__test">
            <button
              type="button"
              className="button"
              onClick={runTest}
              disabled={test?.kind === 'running'}
              data-testid="camera-form-test"
            >
              {test?.kind === 'running' ? t('cameras.actions.testing') : t('cameras.actions.test')}
            </button>
            <div aria-live="polite" className="camera-form__test-result">
              {test ? <TestResult state={test} testId="camera-form-test-result" /> : null}
            </div>
          </div>
        </fieldset>

        <fieldset className="camera-form__group">
          <legend>{t('cameras.form.sections.detect')}</legend>
          <p className="field__hint">{t('cameras.form.hints.detect')}</p>
          <div className="camera-form__row">
            <TextField
              path="detect.fps"
              label={t('cameras.form.fields.fps')}
              value={values.fps}
              onChange={set('fps')}
              errors={errorsOf('detect.fps')}
              numeric
              required
            />
            <TextField
              path="detect.width"
              label={t('cameras.form.fields.width')}
              value={values.width}
              onChange={set('width')}
              errors={errorsOf('detect.width')}
              numeric
              required
            />
            <TextField
              path="detect.height"
              label={t('cameras.form.fields.height')}
              value={values.height}
              onChange={set('height')}
              errors={errorsOf('detect.height')}
              numeric
              required
            />
          </div>
        </fieldset>

        <fieldset className="camera-form__group">
          <legend>{t('cameras.form.sections.position')}</legend>
          <div className="camera-form__row">
            <TextField
              path="position.lat"
              label={t('cameras.form.fields.lat')}
              value={values.lat}
              onChange={set('lat')}
              errors={errorsOf('position.lat')}
              numeric
            />
            <TextField
              path="position.lon"
              label={t('cameras.form.fields.lon')}
              value={values.lon}
              onChange={set('lon')}
              errors={errorsOf('position.lon')}
              numeric
            />
            <TextField
              path="headingDeg"
              label={t('cameras.form.fields.heading')}
              value={values.heading}
              onChange={set('heading')}
              errors={errorsOf('headingDeg')}
              numeric
            />
          </div>
        </fieldset>

        <div className="camera-form__actions">
          <button type="submit" className="button button--primary" disabled={saving} data-testid="camera-form-save">
            {saving ? t('cameras.form.saving') : t('cameras.form.save')}
          </button>
          <button type="button" className="button" onClick={onCancel} data-testid="camera-form-cancel">
            {t('cameras.form.cancel')}
          </button>
        </div>
      </form>
    </Panel>
  );
}
