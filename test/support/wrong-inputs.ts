import { z } from 'zod';
import { requests, type Channel } from '../../electron/api/contract';

export interface WrongInput {
  label: string;
  body: unknown;
  /** The issue path the error must point at, when there is one field to blame. */
  path?: string;
}

const NOT_OBJECTS: WrongInput[] = [
  { label: 'null', body: null },
  { label: 'a number', body: 42 },
  { label: 'a string', body: 'status please' },
  { label: 'an array', body: [1, 2, 3] },
  { label: 'an unknown field', body: { unexpectedField: true } },
];

/**
 * Wrong-typed bodies for a channel, derived from the contract itself so that every request added later is
 * covered: bodies that are not objects, an unknown field, and each declared field given a value of a type
 * no field accepts.
 */
export function wrongInputs(channel: Channel): WrongInput[] {
  const schema = z.toJSONSchema(requests[channel].input, { io: 'input' }) as { properties?: Record<string, unknown> };
  const perField = Object.keys(schema.properties ?? {}).map((field) => ({
    label: `${field} with a wrong type`,
    body: { [field]: { wrong: [true] } },
    path: field,
  }));
  return [...NOT_OBJECTS, ...perField];
}
