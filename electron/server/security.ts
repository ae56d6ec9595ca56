/** Headers and checks shared by every HTTP response of the shell. */

/** Same policy as renderer/index.html's meta tag, sent as a header too (it also covers frame-ancestors). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: anxun:",
  "media-src 'self' blob: anxun:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const LOOPBACK_NAMES = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The host name part of a Host header or URL authority ("127.0.0.1:8640" → "127.0.0.1"). */
export function hostName(authority: string): string {
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1);
  return authority.split(':')[0] ?? '';
}

/**
 * Requests that a browser page of another site could make are refused: an Origin that is not this server's,
 * and, while the server listens on loopback only, a Host header that is not a loopback name (DNS rebinding).
 */
export function checkRequestOrigin(
  headers: { host?: string | undefined; origin?: string | undefined },
  loopbackOnly: boolean,
): string | null {
  const host = headers.host ?? '';
  if (loopbackOnly && !isLoopbackHost(hostName(host))) return `host "${host.slice(0, 100)}" is not allowed`;
  if (headers.origin !== undefined && headers.origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(headers.origin).host;
    } catch {
      return 'malformed Origin header';
    }
    if (originHost !== host) return `cross-origin request from ${headers.origin.slice(0, 100)} refused`;
  }
  return null;
}
