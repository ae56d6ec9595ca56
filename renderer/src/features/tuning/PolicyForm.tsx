import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NumberField } from '../zones/zone-fields';
import { policyFields, type PolicyDraft } from './policy-form';

interface PolicyFormProps {
  draft: PolicyDraft;
  /** Messages by field key (`threshold`, `growth.minAreaChange`, `policy`). */
  errors: Readonly<Record<string, string>>;
  onChange: (draft: PolicyDraft) => void;
  /** Shown under the threshold, live: what the proposed threshold would have done. */
  whatIf: ReactNode;
}

/**
 * The confirmation policy's fields, generated from the domain's schema (bounds, defaults, descriptions). The
 * threshold has a slider beside its number input; both edit the same value.
 */
export function PolicyForm({ draft, errors, onChange, whatIf }: PolicyFormProps) {
  const { t } = useTranslation();
  const base = useId();
  const { fields, groups } = policyFields(draft.kind);
  const set = (key: string, value: string) => onChange({ ...draft, values: { ...draft.values, [key]: value } });
  const errorId = (key: string) => `${base}-${key.replace('.', '-')}-error`;
  const error = (key: string) =>
    errors[key] ? (
      <p className="tuning-form__error" id={errorId(key)} role="alert">
        {errors[key]}
      </p>
    ) : null;

  const input = (f: NumberField, key: string) => {
    const id = `${base}-${key.replace('.', '-')}`;
    const hintId = `${id}-hint`;
    const describedBy = [hintId, errors[key] ? errorId(key) : null].filter(Boolean).join(' ');
    const value = draft.values[key] ?? '';
    return (
      <div key={key} className="tuning-form__field">
        <label htmlFor={id}>{t(`tuning.params.${f.key}`, { defaultValue: f.key })}</label>
        <div className="tuning-form__inputs">
          {f.key === 'threshold' ? (
            <input
              type="range"
              min={f.min ?? 0}
              max={f.max ?? 1}
              step={0.01}
              value={Number.isFinite(Number(value)) ? Number(value) : 0}
              onChange={(e) => set(key, e.target.value)}
              aria-label={t('tuning.sliderLabel')}
              aria-describedby={describedBy}
              data-testid="tuning-threshold-slider"
            />
          ) : null}
          <input
            id={id}
            type="number"
            min={f.min ?? undefined}
            max={f.max ?? undefined}
            step={f.integer ? 1 : 0.01}
            value={value}
            placeholder={f.defaultValue === null ? t('tuning.optional') : String(f.defaultValue)}
            onChange={(e) => set(key, e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={errors[key] ? true : undefined}
            data-testid={`tuning-param-${key}`}
          />
        </div>
        <p className="tuning-form__hint" id={hintId}>
          {t('tuning.bounds', { min: f.min ?? '—', max: f.max ?? '—' })} ·{' '}
          {t(`tuning.help.${f.key}`, { defaultValue: f.description })}
        </p>
        {f.key === 'threshold' ? whatIf : null}
        {error(key)}
      </div>
    );
  };

  return (
    <fieldset className="tuning-form" data-testid="tuning-form">
      <legend>{t('tuning.formTitle', { kind: t(`tuning.kinds.${draft.kind}`) })}</legend>
      {fields.map((f) => input(f, f.key))}
      {groups.map((g) => {
        const on = draft.groups[g.key] ?? false;
        return (
          <fieldset key={g.key} className="tuning-form__group">
            <legend>
              <label>
                <input
                  type="checkbox"
                  checked={on}
                  onChange={(e) => onChange({ ...draft, groups: { ...draft.groups, [g.key]: e.target.checked } })}
                  data-testid={`tuning-group-${g.key}`}
                />{' '}
                {t(`tuning.params.${g.key}`, { defaultValue: g.key })}
              </label>
            </legend>
            <p className="tuning-form__hint">{t(`tuning.help.${g.key}`, { defaultValue: g.description })}</p>
            {on ? g.fields.map((f) => input(f, `${g.key}.${f.key}`)) : null}
          </fieldset>
        );
      })}
      {error('policy')}
    </fieldset>
  );
}
