import { useEffect } from 'react';
import type { Words } from '../i18n/words';

/** Keeps `<html lang>` and the title in the page's language, so screen readers read it right. */
export function useDocumentLanguage({ language, m }: Words): void {
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = m.app.name;
  }, [language, m]);
}
