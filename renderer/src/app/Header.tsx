import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { LinkIndicator } from './LinkIndicator';

export function Header() {
  const { t } = useTranslation();
  return (
    <header className="shell__header">
      <div className="brand">
        <span className="brand__name" data-testid="app-name">
          {t('app.name')}
        </span>
        <span className="brand__tagline">{t('app.tagline')}</span>
      </div>
      <div className="shell__tools">
        <LinkIndicator />
        <LanguageSwitch />
      </div>
    </header>
  );
}
