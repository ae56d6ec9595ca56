/**
 * The composition root: one start() and one stop(), in a readable order. Plain Node: never imports Electron,
 * so the desktop app, `anxun serve` and the tests all run the same engine.
 */
import { join } from 'node:path';
import type { CameraView, LogLevel, ModelStatus, Preferences, SystemStatus } from '../api/contract';
import type { Config } from '../config/schema';
import type { LogHandle } from '../log/logger';
import { resolveFfmpeg, toFfmpegInfo, type FfmpegResolution } from '../media/ffmpeg';
import { openDatabase, type OpenedDatabase } from '../store/database';
import { PreferencesRepo } from '../store/preferences-repo';
import { onnxRuntimeVersion } from '../vision/onnx-runtime';
import type { DetectorService } from '../vision/detector-service';
import { APP_NAME, APP_VERSION } from './app-info';
import { startCameras, type CameraRuntime } from './cameras';
import { startDetection, type DetectionRuntime } from './detection';
import { PushBus } from './push-bus';

export interface EngineOptions {
  config: Config;
  dataDir: string;
  shell: SystemStatus['shell'];
  log: LogHandle;
  electronVersion?: string | null;
  /** The built detector worker script; null runs without detection (it then shows as unavailable). */
  detectorWorkerPath?: string | null;
  now?: () => Date;
}

export interface EngineServices {
  systemStatus(): SystemStatus;
  getPreferences(): Preferences;
  updatePreferences(change: Partial<Preferences>): Preferences;
  recentLogs(limit: number, minLevel: LogLevel): ReturnType<LogHandle['ring']['recent']>;
  models(): ModelStatus[];
  cameras(): CameraView[];
}

export interface Engine {
  readonly events: PushBus;
  readonly services: EngineServices;
  readonly running: boolean;
  /** The detector service, when at least one model verified and loaded. */
  readonly detector: DetectorService | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface Running {
  database: OpenedDatabase;
  ffmpeg: FfmpegResolution;
  preferences: PreferencesRepo;
  startedAt: Date;
  detection: DetectionRuntime;
  cameras: CameraRuntime;
  unsubscribeLog: () => void;
}

export const DATABASE_FILE = 'anxun.db';

export function createEngine(options: EngineOptions): Engine {
  const now = options.now ?? (() => new Date());
  const log = options.log.logger.child({ module: 'engine' });
  const events = new PushBus();
  let state: Running | null = null;

  function running(): Running {
    if (!state) throw new Error('the engine is not running');
    return state;
  }

  async function start(): Promise<void> {
    if (state) return;
    const startedAt = now();
    const databasePath = join(options.dataDir, DATABASE_FILE);
    const database = openDatabase(databasePath);
    log.info({ path: databasePath, ...database.migration }, 'database open');
    const ffmpeg = await resolveFfmpeg({ configuredPath: options.config.ffmpeg.path });
    if (ffmpeg.binary) log.info({ ...ffmpeg.binary }, `ffmpeg ${ffmpeg.binary.version} (${ffmpeg.binary.source})`);
    else log.error({ problems: ffmpeg.problems }, 'no usable ffmpeg: camera ingest is unavailable');
    for (const problem of ffmpeg.binary ? ffmpeg.problems.filter((p) => p.startsWith('config ')) : []) {
      log.warn(problem);
    }
    const preferences = new PreferencesRepo(database.db, { language: options.config.ui.defaultLanguage });
    const unsubscribeLog = options.log.ring.subscribe((entry) => {
      if (entry.level === 'warn' || entry.level === 'error' || entry.level === 'fatal') {
        events.publish({ type: 'log:written', payload: entry });
      }
    });
    const detection = await startDetection(
      options.config.detection,
      options.detectorWorkerPath ?? null,
      options.log.logger,
    );
    const cameras = startCameras(options.config.cameras, ffmpeg.binary, options.log.logger);
    state = { database, ffmpeg, preferences, startedAt, detection, cameras, unsubscribeLog };
    log.info({ dataDir: options.dataDir }, 'engine started');
  }

  async function stop(): Promise<void> {
    if (!state) return;
    const current = state;
    state = null;
    current.unsubscribeLog();
    await current.cameras.stop();
    await current.detection.stop();
    current.database.db.close();
    log.info('engine stopped');
  }

  const services: EngineServices = {
    systemStatus() {
      const r = running();
      const info = toFfmpegInfo(r.ffmpeg);
      return {
        app: { name: APP_NAME, version: APP_VERSION },
        shell: options.shell,
        versions: {
          node: process.versions.node,
          electron: options.electronVersion ?? null,
          onnxruntime: onnxRuntimeVersion(),
          sqlite: r.database.sqliteVersion,
          ffmpeg: info.version,
        },
        ffmpeg: info,
        dataDir: options.dataDir,
        database: { path: r.database.db.name, schemaVersion: r.database.migration.to },
        startedAt: r.startedAt.toISOString(),
        uptimeS: Math.max(0, (now().getTime() - r.startedAt.getTime()) / 1000),
        platform: `${process.platform}-${process.arch}`,
      };
    },
    getPreferences: () => running().preferences.get(),
    updatePreferences(change) {
      const next = running().preferences.update(change, now());
      events.publish({ type: 'preferences:changed', payload: next });
      return next;
    },
    recentLogs: (limit, minLevel) => options.log.ring.recent(limit, minLevel),
    models: () => running().detection.models(),
    cameras: () => running().cameras.list(),
  };

  return {
    events,
    services,
    get running() {
      return state !== null;
    },
    get detector() {
      return state?.detection.service ?? null;
    },
    start,
    stop,
  };
}
