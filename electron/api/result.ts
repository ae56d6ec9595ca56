import { z } from 'zod';

/**
 * Errors cross every boundary (IPC, HTTP, WebSocket) as data with a stable code.
 * Codes are part of the public contract: add new ones, never rename old ones.
 */
export const ERROR_CODES = [
  'INVALID_REQUEST',
  'MALFORMED_JSON',
  'UNKNOWN_CHANNEL',
  'PAYLOAD_TOO_LARGE',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNAVAILABLE',
  'INTERNAL',
  /** The request clashes with what is stored (a duplicate id, a camera owned by the configuration file). */
  'CONFLICT',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const IssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type Issue = z.infer<typeof IssueSchema>;

export const ApiErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  issues: z.array(IssueSchema).optional(),
  /** A finer, stable reason beside the code (e.g. why a task transition was refused: STATE_NOT_ALLOWED). */
  reason: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string, issues?: Issue[], reason?: string): Result<never> {
  return {
    ok: false,
    error: { code, message, ...(issues ? { issues } : {}), ...(reason ? { reason } : {}) },
  };
}

/** HTTP status for each error code: client mistakes are 4xx, engine trouble 5xx. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_REQUEST: 400,
  MALFORMED_JSON: 400,
  UNKNOWN_CHANNEL: 404,
  PAYLOAD_TOO_LARGE: 413,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNAVAILABLE: 503,
  INTERNAL: 500,
  CONFLICT: 409,
};

/** Flattens zod issues into `path: message` pairs (path joined with dots, `(root)` for the top). */
export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
}
