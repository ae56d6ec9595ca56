import { useTranslation } from 'react-i18next';
import { useLinkState } from '../api/use-link-state';

/** Whether live updates (pushed messages) are arriving. */
export function LinkIndicator() {
  const { t } = useTranslation();
  const state = useLinkState();
  return (
    <span className={`link-state link-state--${state}`} data-testid="link-state" data-state={state}>
      <span className="link-state__dot" aria-hidden="true" />
      {t(`header.link.${state}`)}
    </span>
  );
}
