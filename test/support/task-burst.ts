/**
 * A burst of patrol-task work for the durability test (test/integration/tasks-durability.test.ts), run as a child
 * process that the test kills with SIGKILL at random moments:
 *
 *   node --import tsx test/support/task-burst.ts <db-file> <seed> <resend-json>
 *
 * It opens the file the way the product does (openDatabase), takes up the tasks still open there, and drives
 * them and new ones through their lifecycles with TasksRepo until it is killed (or `MAX_STEPS` is reached). It
 * writes one JSON line to stdout per event, each with one write after the fact:
 *
 * - `start` before opening the file, `ready` once it is open;
 * - `intent` before a command sent with a client id (as a phone's offline queue would), so that the test can
 *   give the commands whose acknowledgement never came to the next run to send again (`resend-json`, a JSON
 *   array of intents);
 * - `ack` after each committed create or apply: the task, the audit seq it reached (its version), the command,
 *   the state it went to, the client id and whether the command was a replay of one already applied.
 *
 * Any refusal is a bug of this driver or of the store: the process then exits with code 1 and says why.
 */
import { DEFAULT_TASK_LIMITS } from '../../electron/domain/task-deadlines';
import {
  FALSE_ALARM_REASONS,
  type Actor,
  type EscalationLevel,
  type TaskCategory,
  type TaskCommand,
  type TaskSource,
  type TaskState,
} from '../../electron/domain/task-lifecycle';
import { openDatabase } from '../../electron/store/database';
import { TasksRepo, type CreateTaskInput, type TaskRecord } from '../../electron/store/tasks-repo';

export interface BurstIntent {
  client: string;
  task: string;
  command: TaskCommand;
  actor: Actor;
  at: number;
}

export type BurstLine =
  | { k: 'start' }
  | { k: 'ready'; open: number }
  | ({ k: 'intent' } & BurstIntent)
  | {
      k: 'ack';
      task: string;
      seq: number;
      command: TaskCommand['type'] | 'report';
      to: TaskState;
      client: string | null;
      replayed: boolean;
    };

const MAX_STEPS = 50_000;
/** How many tasks are kept in the works at once. */
const WORKING_SET = 24;
const limits = DEFAULT_TASK_LIMITS;
const T0 = Date.UTC(2026, 0, 5, 0, 0);

const operator: Actor = { role: 'operator', id: 'op-zhao', name: '赵值班' };
const system: Actor = { role: 'system', id: 'engine', name: 'engine' };
const technician: Actor = { role: 'technician', id: 'tech-sun', name: '孙运维' };
const inspector = (id: string): Actor => ({ role: 'inspector', id, name: `网格员 ${id}` });

/** mulberry32: small, seeded, good enough to pick commands. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function emit(line: BurstLine): void {
  // Written after the commit it reports. A line still queued when the kill comes is lost: the test then knows
  // of fewer transitions than were committed, never of one that was not.
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const [file, seedText, resendText] = process.argv.slice(2);
  if (!file || !seedText) throw new Error('usage: task-burst.ts <db-file> <seed> [resend-json]');
  const seed = Number(seedText);
  const resend = resendText ? (JSON.parse(resendText) as BurstIntent[]) : [];
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const chance = (p: number) => random() < p;

  emit({ k: 'start' });
  const { db } = openDatabase(file);
  const repo = new TasksRepo(db);

  // the commands a killed run sent with a client id and never saw acknowledged come first, as a phone resends them
  for (const intent of resend) {
    const r = repo.apply(intent.task, intent.command, intent.actor, intent.at, limits, { clientId: intent.client });
    if (!r.ok) throw new Error(`resent ${intent.command.type} (${intent.client}) refused: ${r.code} ${r.message}`);
    emit({
      k: 'ack',
      task: r.task.id,
      seq: r.audit.seq,
      command: r.audit.command,
      to: r.audit.to,
      client: intent.client,
      replayed: r.replayed,
    });
  }

  const open = new Map<string, TaskRecord>();
  for (const { id } of db
    .prepare<[], { id: string }>(`SELECT id FROM tasks WHERE state NOT IN ('closed', 'voided') ORDER BY number`)
    .all()) {
    const task = repo.get(id);
    if (task) open.set(id, task);
  }
  const last = db.prepare<[], { at: number | null }>('SELECT MAX(at) AS at FROM task_audit').get()?.at ?? null;
  let now = last === null ? T0 : last + 60_000;
  emit({ k: 'ready', open: open.size });

  let made = 0;
  const create = () => {
    made += 1;
    const serial = `${seed}-${made}`;
    const maintenance = chance(0.1);
    const source: TaskSource = maintenance ? 'system' : pick(['video_ai', 'video_ai', 'patrol', 'hotline', 'manual']);
    const category: TaskCategory = maintenance
      ? 'camera_offline'
      : pick(['fire', 'smoke', 'intrusion', 'safety_hazard', 'environment', 'dispute']);
    const town = Math.floor(random() * 6) + 1;
    const village = town * 10 + Math.floor(random() * 7);
    const cell = village * 100 + Math.floor(random() * 8);
    const input: CreateTaskInput = {
      source,
      category,
      severity: category === 'fire' ? 'red' : pick(['red', 'yellow', 'yellow', 'blue']),
      handlerRole: maintenance ? 'technician' : 'inspector',
      title: `${category} · ${serial}`,
      description: `任务 ${serial}`,
      cellCode: `c-${cell}`,
      villageCode: `v-${village}`,
      townshipCode: `t-${town}`,
      place: chance(0.5) ? `村口 ${cell}` : null,
      position: chance(0.3) ? { lat: 30 + random(), lon: 120 + random() } : null,
      incidentId: source === 'video_ai' ? `inc-${serial}` : null,
      cameraId: maintenance || source === 'video_ai' ? `cam-${serial}` : null,
      note: chance(0.2) ? '群众来电' : null,
    };
    const byEngine = source === 'video_ai' || source === 'system';
    const then: { command: TaskCommand; actor: Actor }[] =
      byEngine && chance(0.5)
        ? [
            { command: { type: 'accept' }, actor: system },
            { command: { type: 'dispatch', assignees: maintenance ? [] : [`insp-${cell}`] }, actor: system },
          ]
        : [];
    const task = repo.create(input, byEngine ? system : operator, now, limits, then);
    emit({
      k: 'ack',
      task: task.id,
      seq: task.version,
      command: 'report',
      to: task.state,
      client: null,
      replayed: false,
    });
    open.set(task.id, task);
  };

  /** A command that applies to the task in its state, given by someone allowed to, the way centres work. */
  const next = (task: TaskRecord): { command: TaskCommand; actor: Actor } => {
    const field = task.handlerRole === 'technician' ? technician : inspector(task.assignees[0] ?? 'nobody');
    const team = (): string[] => {
      if (task.handlerRole === 'technician') return [];
      const cell = (task.cellCode ?? 'c-0').slice(2);
      return chance(0.2) ? [`insp-${cell}`, `insp-${cell}b`] : [chance(0.8) ? `insp-${cell}` : `insp-${cell}c`];
    };
    const roll = random();
    if (roll < 0.03) return { command: { type: 'comment', note: '已电话联系' }, actor: operator };
    if (roll < 0.05 && task.state !== 'parked' && task.escalation < 2) {
      const level = (task.escalation + 1) as EscalationLevel;
      return { command: { type: 'escalate', level }, actor: system };
    }
    if (roll < 0.06 && !task.touched) return { command: { type: 'auto_close', reason: '告警已恢复' }, actor: system };
    switch (task.state) {
      case 'reported':
        if (chance(0.05)) return { command: { type: 'park', reason: '等待上级意见' }, actor: operator };
        if (chance(0.08)) return { command: { type: 'void', reason: '重复上报' }, actor: operator };
        return { command: { type: 'accept' }, actor: chance(0.2) ? system : operator };
      case 'accepted':
        if (chance(0.04)) return { command: { type: 'park', reason: '等待上级意见' }, actor: operator };
        if (chance(0.04)) return { command: { type: 'void', reason: '不属于本中心' }, actor: operator };
        return { command: { type: 'dispatch', assignees: team() }, actor: operator };
      case 'dispatched':
      case 'handling': {
        if (task.extension) {
          return chance(0.7)
            ? { command: { type: 'approve_extension' }, actor: operator }
            : { command: { type: 'reject_extension', reason: '请按期处置' }, actor: operator };
        }
        if (chance(0.06))
          return { command: { type: 'request_extension', hours: pick([4, 24, 48]), reason: '需协调' }, actor: field };
        if (chance(0.05)) return { command: { type: 'return', reason: '不属于本网格' }, actor: field };
        if (chance(0.04)) return { command: { type: 'reassign', assignees: team() }, actor: operator };
        if (chance(0.03)) return { command: { type: 'park', reason: '等待天气好转' }, actor: operator };
        if (task.state === 'dispatched') return { command: { type: 'start' }, actor: field };
        if (chance(0.2)) {
          const reason = pick(FALSE_ALARM_REASONS);
          return { command: { type: 'feedback', outcome: 'false_alarm', reason, note: '现场无异常' }, actor: field };
        }
        return {
          command: { type: 'feedback', outcome: pick(['handled', 'needs_help'] as const), note: '已处置' },
          actor: field,
        };
      }
      case 'feedback':
        return { command: { type: 'verify', note: '核查中' }, actor: operator };
      case 'verification':
        return chance(0.2)
          ? { command: { type: 'rework', reason: '处置不彻底' }, actor: operator }
          : { command: { type: 'close', note: '已结案' }, actor: operator };
      case 'returned':
        return chance(0.15)
          ? { command: { type: 'void', reason: '无需处置' }, actor: operator }
          : { command: { type: 'dispatch', assignees: team() }, actor: operator };
      case 'parked':
        return chance(0.15)
          ? { command: { type: 'void', reason: '已由其他部门处理' }, actor: operator }
          : { command: { type: 'resume', note: '恢复办理' }, actor: operator };
      case 'closed':
      case 'voided':
        throw new Error(`task ${task.id} is ${task.state}: it should have left the working set`);
    }
  };

  for (let step = 0; step < MAX_STEPS; step++) {
    // the event loop gets a turn now and then to flush stdout, should a write have been queued (a full pipe)
    if (step % 32 === 31) await new Promise((r) => setImmediate(r));
    now += Math.floor(random() * 20 * 60_000) + 1000;
    if (open.size < WORKING_SET || chance(0.05)) {
      create();
      continue;
    }
    const task = pick([...open.values()]);
    const { command, actor } = next(task);
    // the field's commands come from phones, some through the offline queue with a client id
    const client = actor.role !== 'operator' && actor.role !== 'system' && chance(0.5) ? `phone-${seed}-${step}` : null;
    if (client) emit({ k: 'intent', client, task: task.id, command, actor, at: now });
    const r = repo.apply(task.id, command, actor, now, limits, client ? { clientId: client } : {});
    if (!r.ok)
      throw new Error(`${command.type} by ${actor.role} on a ${task.state} task refused: ${r.code} ${r.message}`);
    emit({
      k: 'ack',
      task: task.id,
      seq: r.audit.seq,
      command: r.audit.command,
      to: r.audit.to,
      client,
      replayed: r.replayed,
    });
    if (r.task.state === 'closed' || r.task.state === 'voided') open.delete(task.id);
    else open.set(task.id, r.task);
  }
  db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
