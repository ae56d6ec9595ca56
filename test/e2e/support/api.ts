/** The contract's requests over the HTTP shell, as a browser on the LAN makes them, for specs to set up and check. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import type { Channel, RequestInput, RequestOutput } from '../../../electron/api/contract';
import { REPO_ROOT } from './server';

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

/** Replaces the server's grid and inspectors with the ones in fixtures/grid (grid.csv, inspectors.csv). */
export async function importFixtureGrid(request: APIRequestContext, baseUrl: string): Promise<void> {
  const file = (name: string) => ({
    name,
    contentBase64: readFileSync(join(REPO_ROOT, 'fixtures/grid', name)).toString('base64'),
  });
  const imported = await callApi(request, baseUrl, 'grid:import', {
    files: [file('grid.csv'), file('inspectors.csv')],
    mode: 'replace',
  });
  if (!imported.ok) throw new Error(`the fixture grid did not import: ${JSON.stringify(imported.problems)}`);
}
