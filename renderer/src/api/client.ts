import { z } from 'zod';
import {
  parsePushMessage,
  requests,
  type Channel,
  type PushMessage,
  type PushName,
  type PushPayload,
  type RequestInput,
  type RequestOutput,
} from '@contract/contract';
import { ApiErrorSchema, toIssues, type ErrorCode, type Issue } from '@contract/result';
import { TransportError, type LinkState, type Transport } from './transport';

/**
 * Codes an `ApiRequestError` can carry: the contract's own, plus two for failures that happen before the
 * shell could answer (`TRANSPORT`) or when its answer does not match the contract (`BAD_RESPONSE`).
 */
export type ClientErrorCode = ErrorCode | 'TRANSPORT' | 'BAD_RESPONSE';

export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly issues: readonly Issue[] = [],
    /** The finer stable reason the shell gave beside the code (why a task command was refused: STALE...). */
    readonly reason: string | null = null,
  ) {
    super(message);
  }
}

export interface ApiClient {
  readonly shell: Transport['shell'];
  /** Sends a request; resolves to the validated output or rejects with an `ApiRequestError`. */
  request<C extends Channel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>>;
  /** Calls `handler` with every valid pushed message of one kind. Returns an unsubscribe function. */
  subscribe<P extends PushName>(name: P, handler: (payload: PushPayload<P>) => void): () => void;
  /** Follows the state of the push link. Returns an unsubscribe function. */
  onLinkState(listener: (state: LinkState) => void): () => void;
}

const EnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorSchema }),
]);

export function createApiClient(transport: Transport): ApiClient {
  const handlers = new Map<PushName, Set<(message: PushMessage) => void>>();
  let listening = false;

  function dispatch(raw: unknown): void {
    const message = parsePushMessage(raw);
    if (message === null) return;
    handlers.get(message.type)?.forEach((handler) => handler(message));
  }

  return {
    shell: transport.shell,

    async request<C extends Channel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>> {
      const parsedInput = requests[channel].input.safeParse(input);
      if (!parsedInput.success) {
        throw new ApiRequestError('INVALID_REQUEST', `invalid input for ${channel}`, toIssues(parsedInput.error));
      }
      const envelope = EnvelopeSchema.safeParse(await invoke(transport, channel, parsedInput.data));
      if (!envelope.success) {
        throw new ApiRequestError(
          'BAD_RESPONSE',
          `${channel}: the reply is not a result envelope`,
          toIssues(envelope.error),
        );
      }
      if (!envelope.data.ok) {
        const { code, message, issues, reason } = envelope.data.error;
        throw new ApiRequestError(code, message, issues ?? [], reason ?? null);
      }
      const output = outputSchemaOf(channel).safeParse(envelope.data.data);
      if (!output.success) {
        throw new ApiRequestError(
          'BAD_RESPONSE',
          `${channel}: the reply does not match the contract`,
          toIssues(output.error),
        );
      }
      return output.data;
    },

    subscribe<P extends PushName>(name: P, handler: (payload: PushPayload<P>) => void): () => void {
      const wrapped = (message: PushMessage): void => handler(message.payload as PushPayload<P>);
      const set = handlers.get(name) ?? new Set();
      handlers.set(name, set);
      set.add(wrapped);
      if (!listening) {
        transport.onPush(dispatch);
        listening = true;
      }
      return () => {
        set.delete(wrapped);
      };
    },

    onLinkState: (listener) => transport.onLinkState(listener),
  };
}

/**
 * The output schema of one channel, typed by that channel. TypeScript cannot follow the correlation between
 * `requests[channel]` and `RequestOutput<C>` through the generic index, so the link is stated here, once.
 */
function outputSchemaOf<C extends Channel>(channel: C): z.ZodType<RequestOutput<C>> {
  return requests[channel].output as unknown as z.ZodType<RequestOutput<C>>;
}

async function invoke(transport: Transport, channel: Channel, input: unknown): Promise<unknown> {
  try {
    return await transport.invoke(channel, input);
  } catch (error) {
    if (error instanceof ApiRequestError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ApiRequestError('TRANSPORT', error instanceof TransportError ? message : `${channel}: ${message}`);
  }
}
