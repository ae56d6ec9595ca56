import { ConfigError } from '../config/load';
import { redactText } from '../log/redact';
import { MigrationError } from '../store/migrate';

/** Exit codes of the `anxun` command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Thrown by sub-commands for problems the user can fix; printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Turns any error into the message and exit code the command line shows. */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: redactText(error.message), exitCode: error.exitCode };
  if (error instanceof ConfigError) return { message: redactText(error.message), exitCode: EXIT.usage };
  if (error instanceof MigrationError)
    return { message: `database: ${redactText(error.message)}`, exitCode: EXIT.failure };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return { message: `the port is already in use; choose another with --port`, exitCode: EXIT.failure };
  if (code === 'EACCES' || code === 'EROFS') {
    return { message: `permission denied: ${redactText((error as Error).message)}`, exitCode: EXIT.failure };
  }
  if (code === 'ENOSPC')
    return { message: 'the disk is full: free some space and start again', exitCode: EXIT.failure };
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { message: `unexpected error: ${redactText(message)}`, exitCode: EXIT.failure };
}
