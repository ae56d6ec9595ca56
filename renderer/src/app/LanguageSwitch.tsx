import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LanguageSchema } from '@contract/contract';
import { useLanguagePreference } from '../i18n/use-language';

/** Chooses the interface language; the choice is stored by the engine and shared by every window. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const id = useId();
  const { language, change, saveError } = useLanguagePreference();
  return (
    <div className="lang-switch">
      <label htmlFor={id} className="lang-switch__label">
        {t('header.language')}
      </label>
      <select
        id={id}
        className="select"
        value={language}
        data-testid="lang-switch"
        onChange={(event) => {
          const parsed = LanguageSchema.safeParse(event.target.value);
          if (parsed.success) change(parsed.data);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
      {saveError ? (
        <span className="lang-switch__error" role="alert" data-testid="lang-save-error">
          {t('header.languageSaveFailed', { reason: saveError })}
        </span>
      ) : null}
    </div>
  );
}
