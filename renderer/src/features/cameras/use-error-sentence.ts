import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientErrorCode } from '../../api/client';

/** A sentence that says what an error code means for a camera, or '' where the code's message says enough. */
export function useErrorSentence(): (code: ClientErrorCode) => string {
  const { t } = useTranslation();
  return useCallback(
    (code: ClientErrorCode) => {
      switch (code) {
        case 'CONFLICT':
          return t('cameras.errors.CONFLICT');
        case 'INVALID_REQUEST':
          return t('cameras.errors.INVALID_REQUEST');
        case 'NOT_FOUND':
          return t('cameras.errors.NOT_FOUND');
        default:
          return '';
      }
    },
    [t],
  );
}
