/**
 * Electron's side of the `anxun://` scheme; the requests are answered by app-protocol.ts. Electron's binary cannot
 * run on the test machine, so these few lines are only type-checked; the handler itself is unit-tested.
 */
import { protocol } from 'electron';
import { APP_SCHEME, createAppProtocolHandler, type AppProtocolOptions } from './app-protocol';

/** Before the app is ready: a standard, secure scheme that fetch, `<img>` and seeking `<video>` can stream from. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** After the engine started: answer the scheme from its media folder and live pictures. */
export function handleAppScheme(options: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(options));
}
