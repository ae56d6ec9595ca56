import { createContext, useContext } from 'react';
import type { PhoneClient } from '../api/phone-client';
import type { PhoneQueue } from '../queue/use-phone-queue';

export interface PhoneContextValue {
  client: PhoneClient;
  queue: PhoneQueue;
  onAuthLost: (reason: string) => void;
}

export const PhoneContext = createContext<PhoneContextValue | null>(null);

/** The paired phone's client and queue, for the screens under `PhoneApp`. */
export function usePhone(): PhoneContextValue {
  const value = useContext(PhoneContext);
  if (value === null) throw new Error('usePhone outside PhoneApp');
  return value;
}
