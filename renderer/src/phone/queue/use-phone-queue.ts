import { useEffect, useMemo, useState } from 'react';
import type { PhoneClient } from '../api/phone-client';
import type { PhoneDb } from './phone-db';
import type { QueuedAction } from './queued-action';
import { QueueRunner, type QueueSnapshot } from './queue-runner';

const EMPTY: QueueSnapshot = { entries: [], rejections: [], sending: false, nextTryAt: null, lastError: null };

export interface PhoneQueue {
  snapshot: QueueSnapshot;
  runner: QueueRunner;
}

/**
 * The offline queue while the phone is paired: started on load (so what waited since last time goes out), kicked
 * when the network is back, stopped while the pairing is lost.
 */
export function usePhoneQueue(
  db: PhoneDb<QueuedAction>,
  client: PhoneClient,
  paired: boolean,
  onSent: () => void,
  onAuthLost: (reason: string) => void,
): PhoneQueue {
  const [snapshot, setSnapshot] = useState<QueueSnapshot>(EMPTY);
  const runner = useMemo(
    () => new QueueRunner({ db, client, onSent, onAuthLost, onChange: setSnapshot }),
    [db, client, onSent, onAuthLost],
  );

  useEffect(() => {
    void runner.refresh();
    if (paired) runner.start();
    return () => runner.stop();
  }, [runner, paired]);

  return { snapshot, runner };
}
