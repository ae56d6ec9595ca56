/**
 * The phone page's side of the LAN contract (electron/api/inspector-contract.ts): `POST /api/<channel>` with the
 * device token, raw photo uploads, evidence files fetched with the token, and pairing. Every answer is parsed
 * with the contract's schema and turned into what the page and its queue act on: data, "try again later",
 * "pair again", or a refusal with the server's code and reason.
 */
import type { z } from 'zod';
import {
  inspectorRequests,
  inspectorResultSchema,
  PairOutputSchema,
  UPLOAD_HEADERS,
  UPLOAD_PATH,
  UploadOutputSchema,
  type InspectorChannel,
  type PairOutput,
} from '@contract/inspector-contract';
import { classifyStatus, type SendOutcome } from '../queue/offline-queue';

export type ChannelInput<C extends InspectorChannel> = z.input<(typeof inspectorRequests)[C]['input']>;
export type ChannelOutput<C extends InspectorChannel> = z.output<(typeof inspectorRequests)[C]['output']>;

const REQUEST_TIMEOUT_MS = 20_000;
/** The reason given when the server could not be reached at all (the page words it in its language). */
export const NETWORK_DOWN = 'NETWORK_DOWN';
/** Photos may go over a slow village network. */
const UPLOAD_TIMEOUT_MS = 120_000;

export interface PhoneClient {
  request<C extends InspectorChannel>(channel: C, input: ChannelInput<C>): Promise<SendOutcome<ChannelOutput<C>>>;
  upload(uploadId: string, photo: Blob): Promise<SendOutcome<string>>;
  /** An evidence file as a blob (an `<img>` cannot send the token itself). */
  media(url: string): Promise<SendOutcome<Blob>>;
}

/** Turns a fetch into an outcome: network trouble is "retry", the envelope's error is classified by status. */
async function exchange<T>(send: () => Promise<Response>, data: z.ZodType<T>): Promise<SendOutcome<T>> {
  let response: Response;
  try {
    response = await send();
  } catch {
    return { kind: 'retry', reason: NETWORK_DOWN };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    const status = classifyStatus(response.status, null, `HTTP ${response.status}`);
    return status ?? { kind: 'retry', reason: `HTTP ${response.status}: the answer is not JSON` };
  }
  const parsed = inspectorResultSchema(data).safeParse(body);
  if (!parsed.success) {
    const status = classifyStatus(response.status, null, `HTTP ${response.status}`);
    return status ?? { kind: 'retry', reason: 'the answer does not match the contract' };
  }
  if (parsed.data.ok) return { kind: 'ok', value: parsed.data.data };
  const { error } = parsed.data;
  const code = error.reason ?? error.code;
  // An inspector put off duty keeps the token and the queue: the actions go once they are back on duty.
  if (error.reason === 'INSPECTOR_INACTIVE') return { kind: 'retry', reason: error.message };
  return classifyStatus(response.status, code, error.message) ?? { kind: 'refused', code, reason: error.message };
}

export function createPhoneClient(baseUrl: string, token: () => string | null): PhoneClient {
  const authHeaders = (): Record<string, string> => {
    const current = token();
    return current === null ? {} : { authorization: `Bearer ${current}` };
  };
  function request<C extends InspectorChannel>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<SendOutcome<ChannelOutput<C>>> {
    const output: z.ZodType = inspectorRequests[channel].output;
    return exchange(
      () =>
        fetch(new URL(`/api/${channel}`, baseUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders() },
          body: JSON.stringify(input),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        }),
      output as z.ZodType<ChannelOutput<C>>,
    );
  }
  return {
    request,
    async upload(uploadId, photo) {
      const outcome = await exchange(
        () =>
          fetch(new URL(UPLOAD_PATH, baseUrl), {
            method: 'POST',
            headers: {
              'content-type': photo.type === '' ? 'application/octet-stream' : photo.type,
              [UPLOAD_HEADERS.uploadId]: uploadId,
              ...authHeaders(),
            },
            body: photo,
            signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
          }),
        UploadOutputSchema,
      );
      return outcome.kind === 'ok' ? { kind: 'ok', value: outcome.value.photoId } : outcome;
    },
    async media(url) {
      try {
        const response = await fetch(new URL(url, baseUrl), {
          headers: authHeaders(),
          signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
        });
        const status = classifyStatus(response.status, null, `HTTP ${response.status}`);
        return status ?? { kind: 'ok', value: await response.blob() };
      } catch {
        return { kind: 'retry', reason: NETWORK_DOWN };
      }
    },
  };
}

/** `POST /api/pair`: the one-time code from the QR code and a name for this phone. */
export function pair(baseUrl: string, code: string, deviceName: string): Promise<SendOutcome<PairOutput>> {
  return exchange(
    () =>
      fetch(new URL('/api/pair', baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ code, deviceName }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }),
    PairOutputSchema,
  );
}
