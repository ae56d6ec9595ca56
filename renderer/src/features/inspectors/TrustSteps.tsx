import { useTranslation } from 'react-i18next';

/** How to trust the centre's certificate authority on a phone, once per phone, Android and iOS. */
export function TrustSteps({ fingerprint, caUrl }: { fingerprint: string | null; caUrl: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="trust-steps">
      <p>{t('inspectors.ca.why')}</p>
      {caUrl ? (
        <p>
          {t('inspectors.ca.fromPhone')} <code data-testid="inspectors-ca-url">{caUrl}</code>
        </p>
      ) : null}
      {fingerprint ? (
        <p>
          {t('inspectors.ca.fingerprint')}{' '}
          <code className="trust-fingerprint" data-testid="inspectors-ca-fingerprint">
            {fingerprint}
          </code>
        </p>
      ) : null}
      <h3>{t('inspectors.ca.android')}</h3>
      <ol>
        <li>{t('inspectors.ca.androidSteps.download')}</li>
        <li>{t('inspectors.ca.androidSteps.install')}</li>
        <li>{t('inspectors.ca.androidSteps.name')}</li>
        <li>{t('inspectors.ca.androidSteps.open')}</li>
      </ol>
      <h3>{t('inspectors.ca.ios')}</h3>
      <ol>
        <li>{t('inspectors.ca.iosSteps.download')}</li>
        <li>{t('inspectors.ca.iosSteps.install')}</li>
        <li>{t('inspectors.ca.iosSteps.trust')}</li>
        <li>{t('inspectors.ca.iosSteps.open')}</li>
      </ol>
    </div>
  );
}
