/**
 * Camera URLs: parse and validate `rtsp://` / `rtsps://` addresses, split the credentials out so that callers
 * can store them apart, and format the URL again with the password masked (for screens and logs) or in full
 * (only for the ffmpeg command line). Pure: no I/O. Error messages never repeat the text they were given,
 * because it may hold a password.
 */
import { MASK } from '../log/redact';

export type RtspScheme = 'rtsp' | 'rtsps';

export interface RtspUrl {
  scheme: RtspScheme;
  /** Host name or IP address; IPv6 addresses keep their brackets ("[::1]"). */
  host: string;
  port: number;
  /** Path with the query, as the camera expects it ("/Streaming/Channels/101?transportmode=unicast"). */
  path: string;
  /** Decoded user name and password; null when the URL carries none. */
  username: string | null;
  password: string | null;
}

export type ParseRtspUrlResult = { ok: true; url: RtspUrl } | { ok: false; code: 'BAD_URL'; message: string };

export const DEFAULT_PORTS: Readonly<Record<RtspScheme, number>> = { rtsp: 554, rtsps: 322 };

function bad(message: string): ParseRtspUrlResult {
  return { ok: false, code: 'BAD_URL', message };
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseRtspUrl(text: string): ParseRtspUrlResult {
  const trimmed = text.trim();
  if (trimmed === '' || /\s/.test(trimmed)) return bad('not a URL: a camera URL looks like rtsp://host:554/path');
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return bad('not a URL: a camera URL looks like rtsp://host:554/path');
  }
  const scheme = parsed.protocol.slice(0, -1).toLowerCase();
  if (scheme !== 'rtsp' && scheme !== 'rtsps') {
    return bad(`not an RTSP URL (scheme "${scheme}"): a camera URL starts with rtsp:// or rtsps://`);
  }
  if (parsed.hostname === '') return bad('the camera URL has no host');
  if (parsed.hash !== '') return bad('a camera URL cannot have a #fragment');
  const username = parsed.username === '' ? null : decode(parsed.username);
  const password = parsed.password === '' ? null : decode(parsed.password);
  if ((parsed.username !== '' && username === null) || (parsed.password !== '' && password === null)) {
    return bad('the user name or password in the camera URL is not valid percent-encoding');
  }
  const port = parsed.port === '' ? DEFAULT_PORTS[scheme] : Number(parsed.port);
  if (port < 1 || port > 65535) return bad('the camera URL has a port outside 1–65535');
  const path = `${parsed.pathname === '' ? '/' : parsed.pathname}${parsed.search}`;
  return { ok: true, url: { scheme, host: parsed.hostname.toLowerCase(), port, path, username, password } };
}

export interface FormatOptions {
  /** "full" writes the password (for ffmpeg only), "masked" writes *** in its place, "none" leaves both out. */
  credentials: 'full' | 'masked' | 'none';
}

export function formatRtspUrl(url: RtspUrl, options: FormatOptions): string {
  const port = url.port === DEFAULT_PORTS[url.scheme] ? '' : `:${url.port}`;
  let userinfo = '';
  if (options.credentials !== 'none' && url.username !== null) {
    const pass =
      url.password === null ? '' : `:${options.credentials === 'full' ? encodeURIComponent(url.password) : MASK}`;
    userinfo = `${encodeURIComponent(url.username)}${pass}@`;
  }
  return `${url.scheme}://${userinfo}${url.host}${port}${url.path}`;
}

/** The URL to show: `rtsp://user:***@host/path`. */
export function maskRtspUrl(url: RtspUrl): string {
  return formatRtspUrl(url, { credentials: 'masked' });
}

/** The same camera with other credentials (null: none), e.g. after they were read from their own store. */
export function withCredentials(url: RtspUrl, username: string | null, password: string | null): RtspUrl {
  return { ...url, username, password: username === null ? null : password };
}
