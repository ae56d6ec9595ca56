import { useEffect, useId, useMemo, useState, type ChangeEvent } from 'react';
import { MAX_PHOTOS_PER_ACTION } from '@contract/inspector-contract';
import { fill, useWords } from '../i18n/words';
import { NotAnImageError, preparePhoto } from './photos';

interface Props {
  label: string;
  photos: Blob[];
  onChange: (photos: Blob[]) => void;
  /** One photo (a check-in) or up to the contract's limit (a report). */
  max: number;
  testId: string;
}

/** Photos from the phone's camera (or its gallery), previewed, at most `max`. */
export function PhotoPicker({ label, photos, onChange, max, testId }: Props) {
  const { m } = useWords();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const previews = useMemo(() => photos.map((photo) => URL.createObjectURL(photo)), [photos]);
  useEffect(() => () => previews.forEach((url) => URL.revokeObjectURL(url)), [previews]);

  const picked = (event: ChangeEvent<HTMLInputElement>): void => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    setError(null);
    const room = Math.min(max, MAX_PHOTOS_PER_ACTION) - (max === 1 ? 0 : photos.length);
    if (files.length > room) setError(fill(m.actions.tooManyPhotos, { max }));
    void Promise.all(files.slice(0, Math.max(0, room)).map(preparePhoto)).then(
      (prepared) => onChange(max === 1 ? prepared.slice(0, 1) : [...photos, ...prepared]),
      (failure: unknown) =>
        setError(
          failure instanceof NotAnImageError ? fill(m.actions.notImage, { name: failure.fileName }) : String(failure),
        ),
    );
  };

  return (
    <div className="phone-photos">
      <label htmlFor={id} className="phone-button phone-file">
        {label}
      </label>
      <input
        id={id}
        type="file"
        accept="image/*"
        capture="environment"
        multiple={max > 1}
        className="phone-file-input"
        data-testid={testId}
        onChange={picked}
      />
      {photos.length > 0 && <p className="phone-hint">{fill(m.actions.photoCount, { count: photos.length })}</p>}
      <div className="phone-previews">
        {previews.map((url, index) => (
          <img key={url} src={url} alt={`${label} ${index + 1}`} />
        ))}
      </div>
      {error !== null && (
        <p className="phone-notice phone-notice-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
