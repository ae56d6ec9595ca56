/**
 * How the end-to-end tests launch Chromium: Debian's `chromium` (or the one named by ANXUN_CHROMIUM), not
 * Playwright's own download, with the flags a test machine without a display or network needs.
 */
export const CHROMIUM_PATH = process.env['ANXUN_CHROMIUM'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/**
 * A phone that has installed the centre's CA (the trust steps on the inspectors screen): certificate errors are
 * ignored by the browser itself, not only by the test's page loads, so the page is a secure context to which
 * service workers may be registered, as on a phone that trusts the CA. Playwright's `ignoreHTTPSErrors` alone
 * leaves the certificate in error, and Chromium refuses a service worker's script fetched with one.
 */
export const TRUSTING_LAN_CA = {
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS, '--ignore-certificate-errors'],
};
