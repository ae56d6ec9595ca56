import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@contract/contract';
import { useApi } from '../api/use-api';
import { currentLanguage } from './index';

export interface LanguagePreference {
  language: Language;
  /** Switches the interface now and stores the choice through `preferences:update`. */
  change: (language: Language) => void;
  /** Why the last choice could not be stored, or null. */
  saveError: string | null;
}

/** The interface language: follows `preferences:changed` (from any window or device) and stores changes. */
export function useLanguagePreference(): LanguagePreference {
  const api = useApi();
  const { i18n } = useTranslation();
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(
    () =>
      api.subscribe('preferences:changed', ({ language }) => {
        if (language !== currentLanguage()) void i18n.changeLanguage(language);
      }),
    [api, i18n],
  );

  const change = useCallback(
    (language: Language) => {
      setSaveError(null);
      void i18n.changeLanguage(language);
      api.request('preferences:update', { language }).catch((error: unknown) => {
        setSaveError(error instanceof Error ? error.message : String(error));
      });
    },
    [api, i18n],
  );

  return { language: currentLanguage(), change, saveError };
}
