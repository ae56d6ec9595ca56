import { useEffect, useState } from 'react';
import type { PhoneClient } from '../api/phone-client';

/**
 * An evidence file as a blob URL: `/media/` on the LAN listener needs the device token, which an `<img>` or a
 * `<video>` cannot send. The URL is revoked when the file is no longer shown.
 */
export function useMediaUrl(client: PhoneClient, url: string | null): { src: string | null; error: string | null } {
  const [state, setState] = useState<{ src: string | null; error: string | null }>({ src: null, error: null });
  useEffect(() => {
    if (url === null) return;
    let objectUrl: string | null = null;
    let current = true;
    void client.media(url).then((outcome) => {
      if (!current) return;
      if (outcome.kind === 'ok') {
        objectUrl = URL.createObjectURL(outcome.value);
        setState({ src: objectUrl, error: null });
      } else setState({ src: null, error: outcome.reason });
    });
    return () => {
      current = false;
      if (objectUrl !== null) URL.revokeObjectURL(objectUrl);
    };
  }, [client, url]);
  return state;
}
