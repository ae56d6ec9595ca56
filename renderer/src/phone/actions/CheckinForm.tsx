import { useState, type SubmitEvent } from 'react';
import { fill, useWords } from '../i18n/words';
import type { QueuedAction } from '../queue/queued-action';
import { usePosition } from '../tasks/use-position';
import { PhotoPicker } from './PhotoPicker';
import { localIsoTime } from './queue-action';

interface Props {
  onSubmit: (action: QueuedAction, photos: Blob[]) => Promise<void>;
}

/** 到场签到: a photo from the camera, the browser's position and the phone's time. */
export function CheckinForm({ onSubmit }: Props) {
  const { m } = useWords();
  const { position, locate } = usePosition();
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (photos.length === 0) return setProblem(m.actions.photoRequired);
    if (position.kind !== 'located') return setProblem(m.actions.positionRequired);
    setProblem(null);
    setBusy(true);
    const { lat, lon, accuracyM } = position;
    void onSubmit({ type: 'checkin', position: { lat, lon, accuracyM }, at: localIsoTime(new Date()) }, photos).finally(
      () => setBusy(false),
    );
  };

  return (
    <form className="phone-form" onSubmit={submit} aria-label={m.actions.checkinTitle} data-testid="checkin-form">
      <h4>{m.actions.checkinTitle}</h4>
      <PhotoPicker label={m.actions.checkinPhoto} photos={photos} onChange={setPhotos} max={1} testId="checkin-photo" />
      <p role="status" data-testid="checkin-position">
        {position.kind === 'locating' && m.actions.locating}
        {position.kind === 'located' &&
          fill(m.actions.located, {
            lat: position.lat.toFixed(5),
            lon: position.lon.toFixed(5),
            accuracy: position.accuracyM,
          })}
        {position.kind === 'failed' && fill(m.actions.locateFailed, { reason: position.reason })}
        {position.kind === 'unsupported' && m.actions.noGeolocation}
      </p>
      {position.kind === 'failed' && (
        <button type="button" className="phone-button phone-small" onClick={locate}>
          {m.actions.locateAgain}
        </button>
      )}
      {problem !== null && (
        <p className="phone-notice phone-notice-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="phone-button phone-primary" disabled={busy} data-testid="checkin-submit">
        {m.actions.checkinSubmit}
      </button>
    </form>
  );
}
