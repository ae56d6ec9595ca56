import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOutput } from '@contract/contract';
import { ModalDialog } from '../../ui/ModalDialog';
import { groupCode, mmss, secondsLeft } from './inspectors-format';

interface PairDialogProps {
  inspectorName: string;
  pairing: RequestOutput<'inspectors:pair'>;
  onAgain: () => void;
  onClose: () => void;
}

/** The one-time pairing code as a QR code and as digits, with its countdown; a new code once it expired. */
export function PairDialog({ inspectorName, pairing, onAgain, onClose }: PairDialogProps) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = secondsLeft(pairing.expiresAt, now);
  return (
    <ModalDialog title={t('inspectors.pair.title', { name: inspectorName })} onClose={onClose} testId="pair-dialog">
      <p>{t('inspectors.pair.scan')}</p>
      <div className="pair-qr" data-testid="pair-qr">
        <QRCodeSVG
          value={pairing.payload}
          size={232}
          marginSize={2}
          level="M"
          title={t('inspectors.pair.qrLabel')}
          role="img"
          aria-label={t('inspectors.pair.qrLabel')}
        />
      </div>
      <p className="pair-code-line">
        {t('inspectors.pair.codeLabel')}{' '}
        <code className="pair-code" data-testid="pair-code" aria-label={pairing.code.split('').join(' ')}>
          {groupCode(pairing.code)}
        </code>
      </p>
      <p className="pair-url">
        {t('inspectors.pair.orOpen')} <code data-testid="pair-url">{pairing.url.replace(/#.*$/, '')}</code>
      </p>
      <p role="timer" aria-live="off" data-testid="pair-expiry" className={left === 0 ? 'pair-expired' : undefined}>
        {left > 0 ? t('inspectors.pair.expiresIn', { time: mmss(left) }) : t('inspectors.pair.expired')}
      </p>
      <div className="inspectors-actions">
        {left === 0 ? (
          <button type="button" className="button" onClick={onAgain} data-testid="pair-again">
            {t('inspectors.pair.again')}
          </button>
        ) : null}
        <button type="button" className="button" onClick={onClose} data-testid="pair-close">
          {t('inspectors.pair.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
