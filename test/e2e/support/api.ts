/** The contract's requests over the HTTP shell, as a browser on the LAN makes them, for specs to set up and check. */
import type { APIRequestContext } from '@playwright/test';
import type { Channel, RequestInput, RequestOutput } from '../../../electron/api/contract';

/** Calls one request at `baseUrl` (with its trailing slash) and returns its data; a refusal throws with its error. */
export async function callApi<C extends Channel>(
  request: APIRequestContext,
  baseUrl: string,
  channel: C,
  input: RequestInput<C>,
): Promise<RequestOutput<C>> {
  const reply = await request.post(`${baseUrl}api/${channel}`, { data: input });
  const body = (await reply.json()) as { ok: boolean; data?: RequestOutput<C>; error?: unknown };
  if (!body.ok || body.data === undefined) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.data;
}
