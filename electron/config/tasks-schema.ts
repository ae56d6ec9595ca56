/** The `tasks:` section of the configuration: tasks from incidents, their time limits, camera maintenance. */
import { z } from 'zod';
import { SEVERITY_TIERS } from '../domain/task-lifecycle';

const Tier = z.enum(SEVERITY_TIERS);
const Mode = z.enum(['auto', 'confirm', 'off']);
const hours = (d: number) =>
  z
    .number()
    .positive()
    .max(24 * 90)
    .default(d);
const minutes = (d: number) =>
  z
    .number()
    .positive()
    .max(60 * 24 * 30)
    .default(d);

const PerTierMinutes = (red: number, yellow: number, blue: number) =>
  z.strictObject({ red: minutes(red), yellow: minutes(yellow), blue: minutes(blue) }).prefault({});

export const TasksConfigSchema = z
  .strictObject({
    fromIncidents: z
      .strictObject({
        fire: Mode.default('auto'),
        smoke: Mode.default('auto'),
        intrusion: Mode.default('confirm'),
        crowding: Mode.default('confirm'),
        loitering: Mode.default('off'),
      })
      .prefault({})
      .describe(
        'Per alert kind: auto (a task is created and dispatched to the grid cell’s inspectors at once), confirm ' +
          '(a task is created as reported and waits for an operator to accept it) or off (no task).',
      ),
    severity: z
      .strictObject({
        fire: Tier.default('red'),
        smoke: Tier.default('red'),
        intrusion: Tier.default('yellow'),
        crowding: Tier.default('yellow'),
        loitering: Tier.default('blue'),
      })
      .prefault({})
      .describe('Time-limit tier of the task created for each alert kind.'),
    limits: z
      .strictObject({
        tiersH: z
          .strictObject({ red: hours(2), yellow: hours(24), blue: hours(72) })
          .prefault({})
          .describe('Time limit of a whole task, from report to close, per tier (hours).'),
        stagesMin: z
          .strictObject({
            reported: PerTierMinutes(10, 60, 240).describe('Minutes a reported task may wait to be accepted.'),
            accepted: PerTierMinutes(10, 60, 240).describe('Minutes an accepted task may wait to be dispatched.'),
            dispatched: PerTierMinutes(30, 240, 1440).describe(
              'Minutes a dispatched task may wait before the inspector starts on it.',
            ),
          })
          .prefault({})
          .describe('Time limits of the stages that wait for someone, per tier (minutes).'),
        countyAfterShare: z
          .number()
          .min(0)
          .max(10)
          .default(0.5)
          .describe(
            'An overdue task goes to the township at once, and to the county when it is still open this share of ' +
              'its tier’s limit after the deadline (0.5: a red task 1 h late).',
          ),
      })
      .prefault({})
      .describe('Time limits and escalation (village → township → county).'),
    cameraOffline: z
      .strictObject({
        task: z
          .boolean()
          .default(true)
          .describe('Raise a maintenance task for technicians when a camera goes offline.'),
        severity: Tier.default('yellow'),
      })
      .prefault({})
      .describe('Maintenance tasks: closed by the engine when the camera is back, if nobody acted on them.'),
    escalationCheckS: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(30)
      .describe('How often overdue tasks are looked for and escalated (seconds).'),
  })
  .prefault({});

export type TasksConfig = z.output<typeof TasksConfigSchema>;
