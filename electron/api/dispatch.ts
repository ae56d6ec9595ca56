/**
 * The single entry both shells call: look the channel up in the contract, parse the input, run the handler,
 * check the output, and return a Result. Nothing thrown inside escapes as an exception.
 */
import type { Logger } from '../log/logger';
import { redactText } from '../log/redact';
import { isChannel, requests, type Channel } from './contract';
import type { Handlers } from './handlers';
import { fail, ok, toIssues, type ErrorCode, type Issue, type Result } from './result';

/** An error a handler raises on purpose, with a stable code for the client (and field issues, if any). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    /** A finer stable reason beside the code (see ApiError.reason). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

export function createDispatcher(handlers: Handlers, logger: Logger): Dispatch {
  const log = logger.child({ module: 'api' });
  return async (channel, input) => {
    if (!isChannel(channel)) return fail('UNKNOWN_CHANNEL', `unknown request "${channel.slice(0, 80)}"`);
    const spec = requests[channel];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      return fail('INVALID_REQUEST', `invalid input for ${channel}`, toIssues(parsed.error));
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      const output = await handler(parsed.data);
      const checked = spec.output.safeParse(output);
      if (!checked.success) {
        log.error({ channel, issues: toIssues(checked.error) }, 'handler output does not match the contract');
        return fail('INTERNAL', `internal error in ${channel}`);
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof AppError) {
        const issues = error.issues?.map((i) => ({ path: i.path, message: redactText(i.message) }));
        return fail(error.code, redactText(error.message), issues, error.reason);
      }
      log.error({ channel, err: error }, 'request failed');
      return fail('INTERNAL', `internal error in ${channel satisfies Channel}`);
    }
  };
}
