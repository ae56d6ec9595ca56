/**
 * Removes secrets from text before it is logged, returned in an error or shown: the password of any
 * `scheme://user:password@host` URL, and password-like query parameters some cameras use
 * (`...?user=admin&password=secret`). Pure: no I/O.
 */

// userinfo ends at the last '@' before the path; the password may itself contain ':' or '@'.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:]*):([^\s/?#]*)@/gi;
const SECRET_PARAM = /([?&;](?:password|passwd|pwd|pass|token|secret)=)([^&#\s"']*)/gi;

export const MASK = '***';

export function redactText(text: string): string {
  if (!text.includes('://') && !text.includes('=')) return text;
  return text
    .replace(URL_USERINFO, (_m, scheme: string, user: string) => `${scheme}${user}:${MASK}@`)
    .replace(SECRET_PARAM, (_m, key: string) => `${key}${MASK}`);
}

/** Redacts every string inside a value (objects, arrays, errors) without touching the original. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) {
    const out: Record<string, unknown> = { type: value.name, message: redactText(value.message) };
    if (value.stack) out['stack'] = redactText(value.stack);
    const code = (value as NodeJS.ErrnoException).code;
    if (code !== undefined) out['code'] = code;
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = redactDeep(v, depth + 1);
  return out;
}
