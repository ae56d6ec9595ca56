/**
 * The composition root: one start() and one stop(), in a readable order. Plain Node: never imports Electron,
 * so the desktop app, `anxun serve` and the tests all run the same engine.
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import type {
  CameraFields,
  CameraView,
  IncidentView,
  LogLevel,
  ModelStatus,
  ParsedInput,
  Preferences,
  ProbeResultView,
  RequestOutput,
  SystemStatus,
} from '../api/contract';
import type { CameraConfig } from '../config/camera-schema';
import type { Config } from '../config/schema';
import type { LogHandle, Logger } from '../log/logger';
import type { LiveStreamStatus, LiveViewer } from '../media/live-stream';
import { fail, type Result } from '../api/result';
import { resolveFfmpeg, toFfmpegInfo, type FfmpegResolution } from '../media/ffmpeg';
import { openDatabase, type OpenedDatabase } from '../store/database';
import { PreferencesRepo } from '../store/preferences-repo';
import { onnxRuntimeVersion } from '../vision/onnx-runtime';
import type { DetectorService } from '../vision/detector-service';
import { APP_NAME, APP_VERSION } from './app-info';
import { CamerasRepo } from '../store/cameras-repo';
import { CameraService } from './camera-service';
import { CameraManager, type CameraEntry } from './cameras';
import { resolveDemoClip } from './demo-camera';
import { startDetection, type DetectionRuntime } from './detection';
import { EvidenceService, MEDIA_DIR } from './evidence';
import { IncidentRuntime, type EvidenceTaker } from './incidents';
import { IncidentsRepo } from '../store/incidents-repo';
import { IncidentReviewsRepo } from '../store/incident-reviews-repo';
import { IncidentReviews } from './incident-reviews';
import { LiveHub, type LiveHandle } from './live';
import { DetectionPipeline } from './pipeline';
import { PushBus } from './push-bus';
import { GridRepo } from '../store/grid-repo';
import { TasksRepo } from '../store/tasks-repo';
import { TaskService } from './tasks';
import { exportGrid, importGrid } from '../grid/grid-io';
import { buildTaskReport } from '../reports/task-report';
import { reportToCsv } from '../reports/report-csv';
import { ZonesRepo } from '../store/zones-repo';
import { ZoneService, zonesInForce } from './zones';
import { createInspectorSide, type InspectorSide } from './inspectors-side';
import { TuningRepo } from '../store/tuning-repo';
import { TuningService, confirmationInForce } from './tuning';
import { DatasetExports } from './dataset-export-service';

export interface EngineOptions {
  config: Config;
  dataDir: string;
  shell: SystemStatus['shell'];
  log: LogHandle;
  electronVersion?: string | null;
  /** Cameras added for this run only, beside the configured and stored ones (e.g. `anxun analyze` sources). */
  extraCameras?: CameraEntry[];
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
  createCamera(input: ParsedInput<'cameras:create'>): Promise<CameraView>;
  updateCamera(id: string, changes: Partial<CameraFields>): Promise<CameraView>;
  deleteCamera(id: string): Promise<void>;
  testCamera(input: ParsedInput<'cameras:test'>): Promise<ProbeResultView>;
  incidents(limit: number): IncidentView[];
  incidentReviews(): IncidentReviews;
  tasks(): TaskService;
  zones(): ZoneService;
  /** Inspectors' phones: devices, pairing, the phone's requests and uploads (served by the LAN listener). */
  inspectorSide(): InspectorSide;
  tuning(): TuningService;
  grid(): RequestOutput<'grid:get'>;
  importGrid(input: ParsedInput<'grid:import'>): RequestOutput<'grid:import'>;
  exportGrid(input: ParsedInput<'grid:export'>): RequestOutput<'grid:export'>;
  report(input: ParsedInput<'reports:get'>): RequestOutput<'reports:get'>;
  reportCsv(input: ParsedInput<'reports:csv'>): RequestOutput<'reports:csv'>;
  clip(input: ParsedInput<'recordings:clip'>): Promise<RequestOutput<'recordings:clip'>>;
  snapshot(input: ParsedInput<'recordings:snapshot'>): Promise<RequestOutput<'recordings:snapshot'>>;
  /** Reviewed incidents as a training dataset under the data folder's exports/. */
  exportDataset(input: ParsedInput<'dataset:export'>): Promise<RequestOutput<'dataset:export'>>;
  /** Adds a viewer of a camera's live picture (served by the HTTP shell at /live/<id>.mjpg). */
  openLive(cameraId: string, viewer: LiveViewer): Result<LiveHandle>;
  liveStatus(): LiveStreamStatus[];
}

export interface Engine {
  readonly events: PushBus;
  readonly services: EngineServices;
  readonly running: boolean;
  /** The detector service, when at least one model verified and loaded. */
  readonly detector: DetectorService | null;
  start(): Promise<void>;
  /** Waits (at most `timeoutMs`) until the evidence of the incidents so far is taken, e.g. before a planned stop. */
  settleEvidence(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

interface Running {
  database: OpenedDatabase;
  ffmpeg: FfmpegResolution;
  preferences: PreferencesRepo;
  startedAt: Date;
  detection: DetectionRuntime;
  cameras: CameraManager;
  cameraService: CameraService;
  pipeline: DetectionPipeline;
  evidence: EvidenceService;
  incidents: IncidentRuntime;
  incidentsRepo: IncidentsRepo;
  incidentReviews: IncidentReviews;
  tasks: TaskService;
  zones: ZoneService;
  tuning: TuningService;
  grid: GridRepo;
  live: LiveHub;
  unsubscribeLog: () => void;
  inspectorSide: InspectorSide;
}

export const DATABASE_FILE = 'anxun.db';
/** The recording rings, one folder per camera. */
export const RECORDINGS_DIR = 'recordings';

/**
 * The cameras to run: the configuration file's, then the stored ones (a stored camera whose id the file now
 * uses is left out), then the demo camera when it is on.
 */
function cameraEntries(config: Config, repo: CamerasRepo, log: Logger): CameraEntry[] {
  const entries: CameraEntry[] = config.cameras.map((camera) => ({ source: 'config', camera }));
  const taken = new Set(config.cameras.map((c) => c.id));
  const stored = repo.list();
  for (const bad of stored.invalid) log.error({ camera: bad.id, problems: bad.problems }, 'stored camera is invalid');
  for (const camera of stored.cameras) {
    if (taken.has(camera.id)) {
      log.warn({ camera: camera.id }, 'a stored camera has the id of one in the configuration file: it is skipped');
    } else entries.push({ source: 'stored', camera });
  }
  if (config.demo.camera) {
    const clip = resolveDemoClip(config.demo.clip);
    if (clip && existsSync(clip)) entries.push(demoEntry(clip));
    else log.error({ clip: config.demo.clip ?? null }, 'demo clip not found: no demo camera');
  }
  return entries;
}

/** Evidence for incidents, cut from the recording rings through the same service as the API's. */
function evidenceTaker(evidence: EvidenceService, recording: Config['recording']): EvidenceTaker {
  return {
    async clip(cameraId, at, preS, postS) {
      const r = await evidence.clip({ cameraId, at: new Date(at).toISOString(), preS, postS }, recording);
      return { file: r.file, durationS: r.durationS };
    },
    async snapshot(cameraId, at, box) {
      const input = { cameraId, at: new Date(at).toISOString(), ...(box ? { boxes: [box] } : {}) };
      const r = await evidence.snapshot(input, recording.segmentS);
      return { file: r.file, at: Date.parse(r.frameAt) };
    },
  };
}

function demoEntry(clipPath: string): CameraEntry {
  const camera: CameraConfig = {
    id: 'demo',
    name: '演示摄像头 · 火焰 (demo)',
    gridCell: 'demo',
    detectUrl: `demo:${clipPath.split(/[\\/]/).pop() ?? 'clip'}`,
    detect: { fps: 2, width: 480, height: 270 },
    enabled: true,
  };
  return { source: 'demo', camera, clipPath };
}

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
    let incidents: IncidentRuntime | null = null;
    let tasks: TaskService | null = null;
    const pipeline = new DetectionPipeline({
      detector: detection.service,
      modelIds: detection.models().flatMap((m) => (m.status === 'available' ? [m.id] : [])),
      motion: options.config.detection.motion,
      logger: options.log.logger,
      followFrames: (result) => incidents?.followFrames(result) ?? 0,
      onDetections: (result) => {
        incidents?.onDetections(result);
        if (result.detections.length === 0) return;
        events.publish({
          type: 'detections:made',
          payload: {
            cameraId: result.cameraId,
            capturedAt: new Date(result.capturedAt).toISOString(),
            frame: result.frame,
            detections: result.detections.map(({ modelId, label, score, box }) => ({ modelId, label, score, box })),
          },
        });
      },
    });
    const { keyframesOnly, ...watchdog } = options.config.ingest;
    const rec = options.config.recording;
    const cameras = new CameraManager({
      ffmpeg: ffmpeg.binary,
      logger: options.log.logger,
      watchdog,
      keyframesOnly,
      recording: rec.enabled
        ? {
            dir: join(options.dataDir, RECORDINGS_DIR),
            segmentS: rec.segmentS,
            maxAgeS: rec.maxAgeH * 3600,
            budgetBytes: rec.budgetMb * 1024 * 1024,
          }
        : null,
    });
    cameras.onFrame((frame) => pipeline.handle(frame));
    cameras.onSignal((signal) => {
      if (signal.type === 'state-changed' && signal.to === 'streaming') pipeline.resetGate(signal.cameraId);
      else if (signal.type === 'camera-offline') {
        const since = new Date(signal.sinceMs).toISOString();
        events.publish({ type: 'camera:offline', payload: { cameraId: signal.cameraId, since } });
        tasks?.onCameraOffline(signal.cameraId, signal.sinceMs);
      } else if (signal.type === 'camera-back') {
        const offlineForS = signal.offlineForMs / 1000;
        events.publish({ type: 'camera:back', payload: { cameraId: signal.cameraId, offlineForS } });
        tasks?.onCameraBack(signal.cameraId, signal.offlineForMs);
      }
    });
    const live = new LiveHub({
      config: options.config.live,
      watchdog,
      camera: (id) => cameras.get(id),
      ffmpeg: () => ffmpeg.binary,
      logger: options.log.logger,
    });
    const repo = new CamerasRepo(database.db);
    for (const entry of [...cameraEntries(options.config, repo, log), ...(options.extraCameras ?? [])]) {
      await cameras.set(entry);
    }
    const cameraService = new CameraService({
      repo,
      manager: cameras,
      ffmpeg: () => ffmpeg.binary,
      logger: options.log.logger,
      now,
      changed: (ids) => {
        ids.forEach((id) => {
          if (!cameras.get(id)) pipeline.forget(id);
          else pipeline.resetGate(id);
          void live.refresh(id);
        });
        events.publish({ type: 'cameras:changed', payload: { ids } });
      },
    });
    const evidence = new EvidenceService({
      cameras,
      ffmpeg: () => ffmpeg.binary,
      mediaDir: join(options.dataDir, MEDIA_DIR),
      logger: options.log.logger,
    });
    const incidentsRepo = new IncidentsRepo(database.db);
    const grid = new GridRepo(database.db);
    const tasksRepo = new TasksRepo(database.db);
    const taskService = new TaskService({
      repo: tasksRepo,
      grid,
      config: options.config.tasks,
      camera: (id) => {
        const c = cameras.get(id)?.camera;
        return c ? { name: c.name, gridCell: c.gridCell } : null;
      },
      incidentEvidence: (id) =>
        (incidentsRepo.get(id)?.evidence ?? []).map((e) => ({ kind: e.kind, file: e.file, at: Date.parse(e.at) })),
      language: preferences.get().language,
      publish: (message) => events.publish(message),
      logger: options.log.logger,
      ...(options.now ? { now: () => now().getTime() } : {}),
    });
    tasks = taskService;
    const incidentReviews = new IncidentReviews({
      incidents: incidentsRepo,
      reviews: new IncidentReviewsRepo(database.db),
      tasks: tasksRepo,
      limits: options.config.tasks.limits,
      inspectorsForCell: (cell) => grid.inspectorsForCell(cell),
      publish: (message) => events.publish(message),
      logger: options.log.logger,
      now: () => now().getTime(),
    });
    const zonesRepo = new ZonesRepo(database.db);
    const zoneConfig = options.config.incidents.zones;
    const tuningRepo = new TuningRepo(database.db);
    const confirmationConfig = options.config.incidents.confirmation;
    incidents = new IncidentRuntime({
      config: {
        ...options.config.incidents,
        zones: zonesInForce(zoneConfig, zonesRepo, log),
        confirmation: confirmationInForce(confirmationConfig, tuningRepo, log),
      },
      repo: incidentsRepo,
      places: () => cameras.places(),
      models: () => detection.modelsInForce(),
      evidence: rec.enabled ? evidenceTaker(evidence, rec) : null,
      clip: { preS: rec.clipPreS, postS: rec.clipPostS, segmentS: rec.segmentS },
      publish: (message) => events.publish(message),
      onChange: (change, incident) => taskService.onIncident(change, incident),
      onEvidence: (id) => taskService.onIncidentEvidence(id),
      onTrackScored: (score) => tuningRepo.recordScore(score),
      onTrackAlerted: (alertId, tracks) => tuningRepo.linkAlert(alertId, tracks),
      logger: options.log.logger,
    });
    const runtime = incidents;
    const zones = new ZoneService({
      repo: zonesRepo,
      configZones: zoneConfig,
      hasCamera: (id) => cameras.get(id) !== undefined,
      apply: (id, list) => runtime.setZones(id, list),
      publish: (message) => events.publish(message),
      logger: options.log.logger,
      now,
    });
    const tuning = new TuningService({
      repo: tuningRepo,
      config: confirmationConfig,
      hasCamera: (id) => cameras.get(id) !== undefined,
      apply: (id, label, policy) => runtime.setPolicy(id, label, policy),
      publish: (message) => events.publish(message),
      logger: options.log.logger,
      now: () => now().getTime(),
    });
    tuning.prune();
    const inspectorSide = createInspectorSide({
      db: database.db,
      grid,
      tasks: taskService,
      tasksRepo,
      config: options.config,
      dataDir: options.dataDir,
      mediaDir: join(options.dataDir, MEDIA_DIR),
      ffmpeg: () => ffmpeg.binary,
      publish: (message) => events.publish(message),
      logger: options.log.logger,
      now: () => now().getTime(),
    });
    state = {
      inspectorSide,
      database,
      ffmpeg,
      preferences,
      startedAt,
      detection,
      cameras,
      cameraService,
      pipeline,
      evidence,
      incidents,
      incidentsRepo,
      incidentReviews,
      tasks: taskService,
      zones,
      tuning,
      grid,
      live,
      unsubscribeLog,
    };
    log.info({ dataDir: options.dataDir }, 'engine started');
  }

  async function stop(): Promise<void> {
    if (!state) return;
    const current = state;
    state = null;
    current.unsubscribeLog();
    current.incidents.stop();
    current.tasks.stop();
    await current.live.stop();
    await current.cameras.stop();
    await current.detection.stop();
    current.database.db.close();
    log.info('engine stopped');
  }

  const datasetExports = new DatasetExports({
    dataDir: options.dataDir,
    recordingsDir: options.config.recording.enabled ? join(options.dataDir, RECORDINGS_DIR) : null,
    db: () => running().database.db,
    ffmpeg: () => running().ffmpeg.binary,
    clipPostS: options.config.recording.clipPostS,
    now,
    logger: options.log.logger,
  });

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
    cameras: () => {
      const r = running();
      return r.cameras.views((id) => r.pipeline.stats(id));
    },
    async createCamera(input) {
      const id = await running().cameraService.create(input);
      return cameraView(id);
    },
    async updateCamera(id, changes) {
      await running().cameraService.update(id, changes);
      return cameraView(id);
    },
    deleteCamera: async (id) => {
      await running().cameraService.remove(id);
      running().zones.forget(id);
    },
    testCamera: (input) => running().cameraService.test(input),
    clip: (input) => {
      const r = running();
      return r.evidence.clip(input, options.config.recording);
    },
    // a snapshot of "now" waits, like a clip, for the ring to finish the segment that holds it
    snapshot: (input) => running().evidence.snapshot(input, options.config.recording.segmentS),
    exportDataset: (input) => datasetExports.export(input),
    openLive: (cameraId, viewer) => {
      if (!state) return fail('UNAVAILABLE', 'the engine is not running');
      return state.live.open(cameraId, viewer);
    },
    liveStatus: () => state?.live.status() ?? [],
    incidents: (limit) => running().incidentsRepo.list(limit),
    incidentReviews: () => running().incidentReviews,
    tasks: () => running().tasks,
    zones: () => running().zones,
    inspectorSide: () => running().inspectorSide,
    tuning: () => running().tuning,
    grid() {
      const r = running();
      const grid = r.grid.grid();
      const cells = new Set(grid.units.filter((u) => u.level === 'cell').map((u) => u.code));
      const cameras = r.cameras.entriesList().map(({ camera }) => ({
        id: camera.id,
        name: camera.name,
        gridCell: camera.gridCell,
        known: cells.has(camera.gridCell),
      }));
      return { grid, cameras };
    },
    importGrid(input) {
      const files = input.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.contentBase64, 'base64') }));
      const result = importGrid(running().grid, files, input.mode, now());
      if (result.ok) {
        log.info({ mode: result.mode, counts: result.counts }, 'grid imported');
        events.publish({ type: 'grid:changed', payload: { counts: result.counts } });
      }
      return result;
    },
    exportGrid: (input) => ({ files: exportGrid(running().grid.grid(), input) }),
    report: (input) => buildTaskReport(running().database.db, input, now().getTime()),
    reportCsv(input) {
      const { lang, ...request } = input;
      const report = buildTaskReport(running().database.db, request, now().getTime());
      const scope = [request.scope?.townshipCode, request.scope?.cellCode, request.scope?.inspectorId]
        .filter((s): s is string => Boolean(s))
        .join('-');
      const name = `tasks-${report.period.kind}-${report.period.date}${scope ? `-${scope}` : ''}.csv`;
      return { name, mediaType: 'text/csv' as const, text: reportToCsv(report, { lang }) };
    },
  };

  function cameraView(id: string): CameraView {
    const view = services.cameras().find((c) => c.id === id);
    if (!view) throw new Error(`camera ${id} vanished`);
    return view;
  }

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
    settleEvidence: async (timeoutMs) => {
      await state?.incidents.settle(timeoutMs);
    },
    stop,
  };
}
