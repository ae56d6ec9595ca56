import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPhoneClient } from './api/phone-client';
import { PhoneContext } from './app/phone-context';
import { PhoneHeader } from './app/PhoneHeader';
import { useHashRoute } from './app/use-hash-route';
import { useOnline } from './app/use-online';
import { messagesFor, otherLanguage, WordsContext, type PhoneLanguage } from './i18n/words';
import { PairScreen } from './pair/PairScreen';
import { pendingTaskIds } from './queue/offline-queue';
import type { PhoneDb } from './queue/phone-db';
import { QueuePanel } from './queue/QueuePanel';
import type { QueuedAction } from './queue/queued-action';
import { usePhoneQueue } from './queue/use-phone-queue';
import { LANGUAGE_KEY, SESSION_KEY, type Session } from './session';
import { TaskListScreen } from './tasks/TaskListScreen';
import { TaskScreen } from './tasks/TaskScreen';
import { useMyTasks } from './tasks/use-my-tasks';
import { useDocumentLanguage } from './app/use-document-language';

interface Props {
  db: PhoneDb<QueuedAction>;
  initialSession: Session | null;
  initialLanguage: PhoneLanguage;
}

/** The same origin that served the page: the LAN listener. */
const BASE_URL = `${window.location.origin}/`;

export function PhoneApp({ db, initialSession, initialLanguage }: Props) {
  const [language, setLanguage] = useState(initialLanguage);
  const [session, setSession] = useState(initialSession);
  const [lostReason, setLostReason] = useState<string | null>(null);
  const [sentCount, setSentCount] = useState(0);
  const route = useHashRoute();
  const online = useOnline();
  const words = useMemo(() => ({ language, m: messagesFor(language) }), [language]);
  useDocumentLanguage(words);

  const token = session?.token ?? null;
  const client = useMemo(() => createPhoneClient(BASE_URL, () => token), [token]);

  const onAuthLost = useCallback(
    (reason: string) => {
      setLostReason(reason);
      setSession(null);
      void db.deleteSetting(SESSION_KEY);
    },
    [db],
  );
  // The server took queued actions: read the tasks again (through a ref: the list's hook comes after the queue's).
  const reloadTasks = useRef<() => void>(() => undefined);
  const onSent = useCallback(() => {
    setSentCount((count) => count + 1);
    reloadTasks.current();
  }, []);
  const queue = usePhoneQueue(db, client, token !== null, onSent, onAuthLost);
  const mine = useMyTasks(db, client, BASE_URL, token, onAuthLost);
  useEffect(() => {
    reloadTasks.current = mine.reload;
  }, [mine.reload]);

  const switchLanguage = (): void => {
    const next = otherLanguage(language);
    setLanguage(next);
    void db.setSetting(LANGUAGE_KEY, next);
  };

  const paired = (next: Session): void => {
    void db.setSetting(SESSION_KEY, next).then(() => {
      setLostReason(null);
      setSession(next);
      // The one-time code is spent: keep it out of the address bar and the history.
      window.history.replaceState(null, '', '#/');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
  };

  const pending = pendingTaskIds(queue.snapshot.entries);
  const showPairing = session === null || route.kind === 'pair';

  return (
    <WordsContext value={words}>
      <PhoneContext value={{ client, queue, onAuthLost }}>
        <PhoneHeader session={session} online={online} onSwitchLanguage={switchLanguage} />
        <main className="phone-main">
          {showPairing ? (
            <PairScreen
              baseUrl={BASE_URL}
              code={route.kind === 'pair' ? route.code : null}
              lostReason={lostReason}
              onPaired={paired}
            />
          ) : route.kind === 'task' ? (
            <TaskScreen
              id={route.id}
              cached={mine.tasks?.find((task) => task.id === route.id) ?? null}
              version={mine.changes + sentCount}
              clockOffsetMs={mine.clockOffsetMs}
            />
          ) : (
            <TaskListScreen mine={mine} pending={pending} />
          )}
          {(queue.snapshot.entries.length > 0 || queue.snapshot.rejections.length > 0 || !showPairing) && (
            <QueuePanel
              snapshot={queue.snapshot}
              onRetry={() => queue.runner.kick()}
              onDismiss={(clientId) => void queue.runner.dismiss(clientId)}
            />
          )}
        </main>
      </PhoneContext>
    </WordsContext>
  );
}
