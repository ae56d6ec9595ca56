/**
 * Everything the engine runs for inspectors' phones, made in one place: the devices store, the desktop's
 * inspector service, the phone's requests, uploads, and what the LAN listener needs to look up (who a task is
 * dispatched to, an inspector's open tasks, the CA certificate).
 */
import { join } from 'node:path';
import type { PushMessage } from '../api/contract';
import type { Config } from '../config/schema';
import type { FfmpegBinary } from '../media/ffmpeg';
import type { Logger } from '../log/logger';
import type { Database } from '../store/database';
import type { GridRepo } from '../store/grid-repo';
import { InspectorDevicesRepo } from '../store/inspector-devices-repo';
import type { TasksRepo } from '../store/tasks-repo';
import { ensureCa, TLS_DIR } from '../server/tls';
import { InspectorService } from './inspectors';
import { MeService } from './inspectors-me';
import { UploadService } from './inspectors-uploads';
import type { TaskService } from './tasks';

export interface InspectorSideDeps {
  db: Database;
  grid: GridRepo;
  tasks: TaskService;
  tasksRepo: TasksRepo;
  config: Config;
  dataDir: string;
  mediaDir: string;
  ffmpeg: () => FfmpegBinary | null;
  publish: (message: PushMessage) => void;
  logger: Logger;
  now: () => number;
}

export interface InspectorSide {
  repo: InspectorDevicesRepo;
  inspectors: InspectorService;
  me: MeService;
  uploads: UploadService;
  mediaDir: string;
  assignees(taskId: string): string[] | null;
  ownTasks(inspectorId: string): string[];
  /** The local CA (made on first use), to install on phones. */
  ca(): { pem: string; fingerprint: string };
}

export function createInspectorSide(deps: InspectorSideDeps): InspectorSide {
  const repo = new InspectorDevicesRepo(deps.db);
  const config = deps.config.inspectors;
  const inspectors = new InspectorService({
    repo,
    directory: {
      inspectors: () => deps.grid.inspectors(),
      inspector: (id) => deps.grid.inspector(id),
      setInspectorActive: (id, active) => deps.grid.setInspectorActive(id, active, new Date(deps.now())),
    },
    config,
    publish: deps.publish,
    logger: deps.logger,
    now: deps.now,
  });
  const me = new MeService({
    tasks: deps.tasks,
    tasksRepo: deps.tasksRepo,
    uploads: repo,
    cellName: (code) => deps.grid.placeOf(code)?.cell.name ?? null,
    publish: deps.publish,
    now: deps.now,
  });
  const uploads = new UploadService({
    repo,
    mediaDir: deps.mediaDir,
    ffmpeg: deps.ffmpeg,
    config,
    logger: deps.logger,
    now: deps.now,
  });
  return {
    repo,
    inspectors,
    me,
    uploads,
    mediaDir: deps.mediaDir,
    assignees: (taskId) => deps.tasksRepo.get(taskId)?.assignees ?? null,
    ownTasks: (inspectorId) =>
      deps.tasksRepo.list({ assignee: inspectorId, open: true }, deps.now(), 500).tasks.map((t) => t.id),
    ca: () => {
      const ca = ensureCa(join(deps.dataDir, TLS_DIR));
      return { pem: ca.certPem, fingerprint: ca.fingerprint };
    },
  };
}
