import type { z } from 'zod';
import type { ActorInputSchema } from '@contract/tasks-contract';

export type ActorInput = z.input<typeof ActorInputSchema>;

/**
 * Who gives the commands sent from the task board. There are no logins yet: this is the one place to replace with
 * the signed-in operator when there are.
 */
export const ACTING_OPERATOR: Readonly<ActorInput> = { role: 'operator', id: 'operator', name: '值班员' };
