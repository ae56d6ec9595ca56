import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftKind, ZoneDraft } from './zone-drafts';
import { ruleFields } from './zone-fields';

const KINDS: readonly DraftKind[] = ['mask', 'restricted', 'loitering', 'crowding'];

interface ZoneFormProps {
  draft: ZoneDraft;
  /** Messages by field (id, name, polygon, labels, schedule, a parameter's key). */
  errors: Readonly<Record<string, string>>;
  onChange: (draft: ZoneDraft) => void;
  onKind: (kind: DraftKind) => void;
  onDelete: () => void;
}

/** The selected zone's settings: kind, names, the rule's parameters (generated from the schema) and schedule. */
export function ZoneForm({ draft, errors, onChange, onKind, onDelete }: ZoneFormProps) {
  const { t } = useTranslation();
  const base = useId();
  const error = (field: string) =>
    errors[field] ? (
      <p className="zones-form__error" id={`${base}-${field}-error`} role="alert">
        {errors[field]}
      </p>
    ) : null;
  const described = (field: string) => (errors[field] ? { 'aria-describedby': `${base}-${field}-error` } : {});

  return (
    <form className="zones-form" onSubmit={(e) => e.preventDefault()} data-testid="zone-form">
      <label htmlFor={`${base}-kind`}>{t('zones.fields.kind')}</label>
      <select
        id={`${base}-kind`}
        value={draft.kind}
        onChange={(e) => onKind(e.target.value as DraftKind)}
        data-testid="zone-kind"
      >
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`zones.kinds.${k}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${base}-id`}>{t('zones.fields.id')}</label>
      <input
        id={`${base}-id`}
        value={draft.id}
        onChange={(e) => onChange({ ...draft, id: e.target.value })}
        data-testid="zone-id"
        {...described('id')}
      />
      {error('id')}
      <label htmlFor={`${base}-name`}>{t('zones.fields.name')}</label>
      <input
        id={`${base}-name`}
        value={draft.name}
        onChange={(e) => onChange({ ...draft, name: e.target.value })}
        data-testid="zone-name"
        {...described('name')}
      />
      {error('name')}
      <label htmlFor={`${base}-labels`}>{t('zones.fields.labels')}</label>
      <input
        id={`${base}-labels`}
        value={draft.labels}
        placeholder={draft.kind === 'mask' ? t('zones.labelsAll') : 'person'}
        onChange={(e) => onChange({ ...draft, labels: e.target.value })}
        {...described('labels')}
      />
      {error('labels')}
      {draft.kind === 'mask'
        ? null
        : ruleFields(draft.kind).map((f) => (
            <div key={f.key} className="zones-form__field">
              <label htmlFor={`${base}-${f.key}`}>{t(`zones.params.${f.key}`, { defaultValue: f.key })}</label>
              <input
                id={`${base}-${f.key}`}
                type="number"
                min={f.min ?? undefined}
                max={f.max ?? undefined}
                step={f.integer ? 1 : 'any'}
                value={draft.params[f.key] ?? ''}
                placeholder={f.defaultValue === null ? '' : String(f.defaultValue)}
                onChange={(e) => onChange({ ...draft, params: { ...draft.params, [f.key]: e.target.value } })}
                data-testid={`zone-param-${f.key}`}
                {...described(f.key)}
              />
              <p className="zones-form__hint">
                {t('zones.bounds', { min: f.min ?? '—', max: f.max ?? '—' })} · {f.description}
              </p>
              {error(f.key)}
            </div>
          ))}
      {draft.kind === 'mask' ? null : (
        <>
          <label htmlFor={`${base}-schedule`}>{t('zones.fields.schedule')}</label>
          <textarea
            id={`${base}-schedule`}
            rows={3}
            value={draft.schedule}
            placeholder="22:00-06:00"
            onChange={(e) => onChange({ ...draft, schedule: e.target.value })}
            {...described('schedule')}
          />
          <p className="zones-form__hint">{t('zones.scheduleHint')}</p>
          {error('schedule')}
        </>
      )}
      {error('polygon')}
      <button type="button" className="button button--small button--danger" onClick={onDelete}>
        {t('zones.deleteShape')}
      </button>
    </form>
  );
}
