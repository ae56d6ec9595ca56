import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, LanguageSchema, type Language } from '@contract/contract';
import { en } from './en';
import { zhCN } from './zh-CN';

export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
};

/** Initialises i18next for React in `language` and keeps `<html lang>` and the window title in step. */
export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  applyToDocument(language);
  i18next.on('languageChanged', applyToDocument);
}

/** The current language as the contract names it. */
export function currentLanguage(): Language {
  const parsed = LanguageSchema.safeParse(i18next.resolvedLanguage ?? i18next.language);
  return parsed.success ? parsed.data : DEFAULT_LANGUAGE;
}

function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  document.title = i18next.t('app.name');
}
