/**
 * Errors of the inspectors' side with a stable code and reason. On the desktop's contract they travel through
 * the dispatcher as AppError (the LAN-only codes never arise there); on the LAN listener they keep their own
 * codes (UNAUTHORIZED 401, RATE_LIMITED 429).
 */
import { AppError } from '../api/dispatch';
import type { InspectorError, InspectorErrorCode, InspectorReason } from '../api/inspector-contract';
import type { Issue } from '../api/result';
import { redactText } from '../log/redact';

export class InspectorApiError extends Error {
  constructor(
    readonly code: InspectorErrorCode,
    message: string,
    readonly reason?: InspectorReason,
    readonly extra: { issues?: Issue[]; retryAfterS?: number } = {},
  ) {
    super(message);
    this.name = 'InspectorApiError';
  }

  toError(): InspectorError {
    return {
      code: this.code,
      message: redactText(this.message),
      ...(this.reason ? { reason: this.reason } : {}),
      ...this.extra,
    };
  }

  /** For the desktop's dispatcher (which knows AppError only). */
  toAppError(): AppError {
    const code = this.code === 'UNAUTHORIZED' ? 'FORBIDDEN' : this.code === 'RATE_LIMITED' ? 'CONFLICT' : this.code;
    return new AppError(code, this.message, this.extra.issues, this.reason);
  }
}

/** Any error thrown inside an inspector route, as the envelope's error (unknown errors become INTERNAL). */
export function toInspectorError(error: unknown): InspectorError | null {
  if (error instanceof InspectorApiError) return error.toError();
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: redactText(error.message),
      ...(error.reason ? { reason: error.reason } : {}),
      ...(error.issues ? { issues: error.issues } : {}),
    };
  }
  return null;
}

/** Runs a desktop request of the inspectors' side, its errors as the dispatcher's AppError. */
export function deskCall<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InspectorApiError) throw error.toAppError();
    throw error;
  }
}
