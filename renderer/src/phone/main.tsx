import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PhoneApp } from './PhoneApp';
import { registerOfflinePage } from './offline-page';
import { DEFAULT_PHONE_LANGUAGE, isPhoneLanguage } from './i18n/words';
import { openPhoneDb, PhoneDb } from './queue/phone-db';
import type { QueuedAction } from './queue/queued-action';
import { SessionSchema, SESSION_KEY, LANGUAGE_KEY } from './session';
import './phone.css';

/** The inspector's phone page: reads the stored pairing and language from IndexedDB, then shows the app. */
async function start(): Promise<void> {
  const root = document.getElementById('root');
  if (root === null) throw new Error('phone.html has no #root element');
  const db = new PhoneDb<QueuedAction>(await openPhoneDb());
  const [storedSession, storedLanguage] = await Promise.all([
    db.getSetting<unknown>(SESSION_KEY),
    db.getSetting<unknown>(LANGUAGE_KEY),
  ]);
  const session = SessionSchema.safeParse(storedSession);
  createRoot(root).render(
    <StrictMode>
      <PhoneApp
        db={db}
        initialSession={session.success ? session.data : null}
        initialLanguage={isPhoneLanguage(storedLanguage) ? storedLanguage : DEFAULT_PHONE_LANGUAGE}
      />
    </StrictMode>,
  );
  void registerOfflinePage(window);
}

void start();
