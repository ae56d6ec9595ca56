import { useId, useState, type SubmitEvent } from 'react';
import { pair } from '../api/phone-client';
import { fill, reasonText, useWords } from '../i18n/words';
import type { Session } from '../session';

interface Props {
  baseUrl: string;
  /** The code from the QR code (`#pair=`), or null when the page was opened without one. */
  code: string | null;
  /** Why the last pairing stopped working, or null. */
  lostReason: string | null;
  onPaired: (session: Session) => void;
}

/** Pairing: the one-time code from the desktop's QR code and a name for this phone → a device token. */
export function PairScreen({ baseUrl, code, lostReason, onPaired }: Props) {
  const { m } = useWords();
  const nameId = useId();
  const [deviceName, setDeviceName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (code === null || deviceName.trim() === '') return;
    setBusy(true);
    setError(null);
    void pair(baseUrl, code, deviceName.trim()).then((outcome) => {
      setBusy(false);
      if (outcome.kind === 'ok') {
        const { token, inspector, device } = outcome.value;
        onPaired({ token, inspector, device });
      } else {
        const reason = outcome.kind === 'refused' ? outcome.code : outcome.reason;
        setError(fill(m.pair.failed, { reason: reasonText(reason, m) }));
      }
    });
  };

  return (
    <section className="phone-card" aria-labelledby="pair-title">
      <h2 id="pair-title">{m.pair.title}</h2>
      {lostReason !== null && (
        <p className="phone-notice phone-notice-error" role="alert" data-testid="pair-again">
          {fill(m.pair.again, { reason: reasonText(lostReason, m) })}
        </p>
      )}
      {code === null ? (
        <p data-testid="pair-no-code">{m.pair.noCode}</p>
      ) : (
        <form onSubmit={submit} className="phone-form">
          <p>{m.pair.intro}</p>
          <label htmlFor={nameId}>{m.pair.deviceName}</label>
          <input
            id={nameId}
            data-testid="pair-device-name"
            value={deviceName}
            maxLength={60}
            required
            autoComplete="off"
            placeholder={m.pair.deviceHint}
            onChange={(event) => setDeviceName(event.target.value)}
          />
          <button type="submit" className="phone-button phone-primary" disabled={busy} data-testid="pair-submit">
            {busy ? m.pair.pairing : m.pair.submit}
          </button>
          {error !== null && (
            <p className="phone-notice phone-notice-error" role="alert" data-testid="pair-error">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
