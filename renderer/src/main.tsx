import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Language } from '@contract/contract';
import type { ApiClient } from './api/client';
import { createDefaultClient } from './api/create-client';
import { ApiContext } from './api/use-api';
import { App } from './app/App';
import { DEFAULT_LANGUAGE, initI18n } from './i18n';
import './ui/base.css';
import './app/shell.css';

/** How long start-up waits for the stored language before it shows the default one. */
const PREFERENCES_WAIT_MS = 3000;

async function storedLanguage(client: ApiClient): Promise<Language> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), PREFERENCES_WAIT_MS));
  const stored = client.request('preferences:get', {}).then(
    (preferences) => preferences.language,
    () => null,
  );
  return (await Promise.race([stored, timeout])) ?? DEFAULT_LANGUAGE;
}

async function start(): Promise<void> {
  const client = createDefaultClient();
  await initI18n(await storedLanguage(client));
  const root = document.getElementById('root');
  if (root === null) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <ApiContext value={client}>
        <App />
      </ApiContext>
    </StrictMode>,
  );
}

void start();
