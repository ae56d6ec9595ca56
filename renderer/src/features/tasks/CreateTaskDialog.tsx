import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskView } from '@contract/tasks-contract';
import { SEVERITY_TIERS, TASK_CATEGORIES } from '../../../../electron/domain/task-lifecycle';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { toApiError } from '../../api/use-request';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ACTING_OPERATOR } from './acting-operator';
import {
  CREATE_SOURCES,
  createInput,
  EMPTY_DRAFT,
  sortIssues,
  type CreateDraft,
  type CreateField,
} from './create-task';
import type { GridIndex } from './grid-index';
import { ModalDialog } from '../../ui/ModalDialog';
import type { TaskWords } from './use-task-words';

interface CreateTaskDialogProps {
  grid: GridIndex;
  words: TaskWords;
  onClose: () => void;
  onCreated: (task: TaskView) => void;
}

/** 新建案件: a case reported by phone, hotline or walk-round, optionally dispatched at once to its cell's inspectors. */
export function CreateTaskDialog({ grid, words, onClose, onCreated }: CreateTaskDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [draft, setDraft] = useState<CreateDraft>(EMPTY_DRAFT);
  const [failure, setFailure] = useState<ApiRequestError | null>(null);
  const [local, setLocal] = useState<Partial<Record<CreateField, string[]>>>({});
  const [saving, setSaving] = useState(false);
  const issues = sortIssues(failure?.issues ?? []);
  const errorsOf = (field: CreateField): string[] => [...(local[field] ?? []), ...(issues.byField[field] ?? [])];
  const set = (change: Partial<CreateDraft>): void => setDraft((current) => ({ ...current, ...change }));
  const covering = grid.activeInspectorsOf(draft.cellCode === '' ? null : draft.cellCode);

  const submit = (): void => {
    setFailure(null);
    if (draft.title.trim() === '') {
      setLocal({ title: [t('tasks.form.required')] });
      return;
    }
    setLocal({});
    setSaving(true);
    api.request('tasks:create', createInput(draft, ACTING_OPERATOR)).then(
      (task) => {
        setSaving(false);
        onCreated(task);
      },
      (error: unknown) => {
        setSaving(false);
        setFailure(toApiError(error));
      },
    );
  };

  const field = (name: CreateField, label: ReactNode, control: (props: FieldProps) => ReactNode, hint?: ReactNode) => {
    const errors = errorsOf(name);
    const describedBy = [hint ? `${id}-${name}-hint` : '', errors.length > 0 ? `${id}-${name}-error` : '']
      .filter(Boolean)
      .join(' ');
    return (
      <div className={name === 'description' || name === 'title' ? 'tasks-field tasks-field--wide' : 'tasks-field'}>
        <label htmlFor={`${id}-${name}`}>{label}</label>
        {control({
          id: `${id}-${name}`,
          'aria-invalid': errors.length > 0 || undefined,
          'aria-describedby': describedBy === '' ? undefined : describedBy,
          'data-testid': `create-${name}`,
        })}
        {hint ? (
          <p className="tasks-muted" id={`${id}-${name}-hint`}>
            {hint}
          </p>
        ) : null}
        {errors.length > 0 ? (
          <ul className="tasks-field__errors" id={`${id}-${name}-error`} data-testid={`create-error-${name}`}>
            {errors.map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  };

  return (
    <ModalDialog title={t('tasks.form.title')} onClose={onClose} testId="create-dialog">
      <form
        className="tasks-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {failure && (issues.other.length > 0 || failure.issues.length === 0) ? (
          <ErrorNotice
            title={t('tasks.form.failed')}
            codeLabel={t('error.code')}
            code={failure.code}
            message={failure.message}
            issues={issues.other}
            testId="create-error"
          />
        ) : null}
        <div className="tasks-form__grid">
          {field('source', t('tasks.form.source'), (props) => (
            <select
              {...props}
              className="select"
              value={draft.source}
              onChange={(event) =>
                set({ source: CREATE_SOURCES.find((s) => s === event.target.value) ?? draft.source })
              }
            >
              {CREATE_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {words.source(source)}
                </option>
              ))}
            </select>
          ))}
          {field('category', t('tasks.form.category'), (props) => (
            <select
              {...props}
              className="select"
              value={draft.category}
              onChange={(event) =>
                set({ category: TASK_CATEGORIES.find((c) => c === event.target.value) ?? draft.category })
              }
            >
              {TASK_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {words.category(category)}
                </option>
              ))}
            </select>
          ))}
          {field('severity', t('tasks.form.severity'), (props) => (
            <select
              {...props}
              className="select"
              value={draft.severity}
              onChange={(event) =>
                set({ severity: SEVERITY_TIERS.find((s) => s === event.target.value) ?? draft.severity })
              }
            >
              {SEVERITY_TIERS.map((severity) => (
                <option key={severity} value={severity}>
                  {words.severity(severity)}
                </option>
              ))}
            </select>
          ))}
          {field('title', t('tasks.form.titleField'), (props) => (
            <input
              {...props}
              className="input"
              value={draft.title}
              data-autofocus
              aria-required
              autoComplete="off"
              onChange={(event) => set({ title: event.target.value })}
            />
          ))}
          {field('description', t('tasks.form.description'), (props) => (
            <textarea
              {...props}
              className="input textarea"
              rows={3}
              value={draft.description}
              onChange={(event) => set({ description: event.target.value })}
            />
          ))}
          {field(
            'cellCode',
            t('tasks.form.cell'),
            (props) => (
              <select
                {...props}
                className="select"
                value={draft.cellCode}
                onChange={(event) => set({ cellCode: event.target.value })}
              >
                <option value="">{t('tasks.form.noCell')}</option>
                {grid.townships.map((township) => (
                  <optgroup key={township.code} label={township.name}>
                    {grid.cellsOf(township.code).map((cell) => (
                      <option key={cell.code} value={cell.code}>
                        {cell.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            ),
            draft.cellCode === ''
              ? null
              : covering.length > 0
                ? t('tasks.form.cellInspectors', { names: words.list(covering.map((person) => person.name)) })
                : t('tasks.form.cellNobody'),
          )}
          {field('place', t('tasks.form.place'), (props) => (
            <input
              {...props}
              className="input"
              value={draft.place}
              autoComplete="off"
              placeholder={t('tasks.form.placeHint')}
              onChange={(event) => set({ place: event.target.value })}
            />
          ))}
        </div>
        <label className="tasks-check">
          <input
            type="checkbox"
            checked={draft.dispatch && draft.cellCode !== ''}
            disabled={draft.cellCode === ''}
            onChange={(event) => set({ dispatch: event.target.checked })}
            data-testid="create-dispatch"
          />
          <span>{t('tasks.form.dispatch')}</span>
        </label>
        {errorsOf('dispatch').length > 0 ? (
          <ul className="tasks-field__errors" data-testid="create-error-dispatch">
            {errorsOf('dispatch').map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
        ) : null}
        <div className="tasks-form-actions">
          <button type="submit" className="button button--primary" disabled={saving} data-testid="create-submit">
            {saving ? t('tasks.form.saving') : t('tasks.form.save')}
          </button>
          <button type="button" className="button" onClick={onClose} data-testid="create-cancel">
            {t('tasks.form.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

interface FieldProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'data-testid': string;
}
