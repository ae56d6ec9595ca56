/**
 * Registers the page's service worker (served by the LAN listener at /phone/sw.js, see
 * electron/server/phone-sw.ts), so the page opens again without a network. Only where the browser allows it:
 * a secure context (the LAN listener's HTTPS, once the phone trusts the centre's CA) under /phone/. Without it the
 * page works as before, only not from a cold start offline.
 */
import { PHONE_PAGE_PATH, PHONE_SW_PATH } from '@contract/inspector-contract';

export interface OfflineHost {
  isSecureContext: boolean;
  location: { pathname: string };
  navigator: { serviceWorker?: { register(url: string, options: { scope: string }): Promise<unknown> } };
}

/** Resolves true once registered, false where it cannot be (no secure context, no support, or refused). */
export async function registerOfflinePage(host: OfflineHost): Promise<boolean> {
  const workers = host.navigator.serviceWorker;
  if (!host.isSecureContext || workers === undefined || !host.location.pathname.startsWith(PHONE_PAGE_PATH))
    return false;
  try {
    await workers.register(PHONE_SW_PATH, { scope: PHONE_PAGE_PATH });
    return true;
  } catch (error) {
    console.warn('the phone page will not open offline:', error instanceof Error ? error.message : String(error));
    return false;
  }
}
