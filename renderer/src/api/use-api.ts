import { createContext, useContext } from 'react';
import type { ApiClient } from './client';

/** The one API client of the app, provided at the root (see `main.tsx`). */
export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (client === null) throw new Error('useApi() needs an <ApiContext.Provider> above it');
  return client;
}
