/**
 * Adding, changing, removing and testing cameras through the API. Every change is checked with the same schema
 * as the configuration file, stored in one transaction, and only then applied to the running supervisors.
 * Cameras of the configuration file and the demo camera are read-only here (CONFLICT). Passwords are taken in,
 * never given out: an update without `password` keeps the stored one.
 */
import { randomBytes } from 'node:crypto';
import type { CameraFields, ParsedInput, ProbeResultView } from '../api/contract';
import { AppError } from '../api/dispatch';
import { toIssues } from '../api/result';
import { CameraConfigSchema, type CameraConfig } from '../config/camera-schema';
import type { Logger } from '../log/logger';
import type { FfmpegBinary } from '../media/ffmpeg';
import { probeStream } from '../media/probe';
import type { CamerasRepo } from '../store/cameras-repo';
import { streamUrl, type CameraManager } from './cameras';

type CreateInput = ParsedInput<'cameras:create'>;
type TestInput = ParsedInput<'cameras:test'>;

/** Applies API fields to a camera (or to nothing, for a new one); the result still has to pass the schema. */
export function mergeFields(base: CameraConfig | null, id: string, fields: Partial<CameraFields>): unknown {
  const merged = new Map<string, unknown>(Object.entries(base ?? {}));
  merged.set('id', id);
  const set = (key: string, value: unknown) => {
    if (value === undefined) return;
    if (value === null) merged.delete(key);
    else merged.set(key, value);
  };
  set('name', fields.name);
  set('gridCell', fields.gridCell);
  set('position', fields.position);
  set('headingDeg', fields.headingDeg);
  set('detectUrl', fields.detectUrl);
  set('recordUrl', fields.recordUrl);
  set('username', fields.username);
  set('password', fields.password === '' ? null : fields.password);
  set('enabled', fields.enabled);
  if (fields.detect) merged.set('detect', { ...(base?.detect ?? {}), ...fields.detect });
  return Object.fromEntries(merged);
}

function validate(candidate: unknown): CameraConfig {
  const parsed = CameraConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new AppError('INVALID_REQUEST', 'the camera settings are not valid', toIssues(parsed.error));
  }
  return parsed.data;
}

export interface CameraServiceDeps {
  repo: CamerasRepo;
  manager: CameraManager;
  ffmpeg: () => FfmpegBinary | null;
  logger: Logger;
  now: () => Date;
  /** Called after a camera was added, changed or removed. */
  changed: (ids: string[]) => void;
}

export class CameraService {
  private readonly log: Logger;

  constructor(private readonly deps: CameraServiceDeps) {
    this.log = deps.logger.child({ module: 'cameras' });
  }

  private editable(id: string): CameraConfig {
    const entry = this.deps.manager.get(id);
    if (!entry) throw new AppError('NOT_FOUND', `no camera "${id}"`);
    if (entry.source === 'config') {
      throw new AppError('CONFLICT', `camera "${id}" is defined in the configuration file: change it there`);
    }
    if (entry.source === 'demo') throw new AppError('CONFLICT', 'the demo camera cannot be changed');
    return entry.camera;
  }

  private newId(): string {
    for (;;) {
      const id = `cam-${randomBytes(4).toString('hex')}`;
      if (!this.deps.manager.get(id) && !this.deps.repo.has(id)) return id;
    }
  }

  async create(input: CreateInput): Promise<string> {
    const { id: wanted, ...fields } = input;
    const id = wanted ?? this.newId();
    if (this.deps.manager.get(id) || this.deps.repo.has(id)) {
      throw new AppError('CONFLICT', `a camera with the id "${id}" exists already`);
    }
    const camera = validate(mergeFields(null, id, fields));
    this.deps.repo.save(camera, this.deps.now());
    await this.deps.manager.set({ source: 'stored', camera });
    this.log.info({ camera: id, enabled: camera.enabled }, 'camera added');
    this.deps.changed([id]);
    return id;
  }

  async update(id: string, changes: Partial<CameraFields>): Promise<void> {
    const current = this.editable(id);
    const camera = validate(mergeFields(current, id, changes));
    this.deps.repo.save(camera, this.deps.now());
    await this.deps.manager.set({ source: 'stored', camera });
    this.log.info({ camera: id, fields: Object.keys(changes) }, 'camera changed');
    this.deps.changed([id]);
  }

  async remove(id: string): Promise<void> {
    this.editable(id);
    this.deps.repo.delete(id);
    await this.deps.manager.remove(id);
    this.log.info({ camera: id }, 'camera removed');
    this.deps.changed([id]);
  }

  /** Probes the camera's detect stream, or the URL and credentials being edited. Never throws for a bad URL. */
  async test(input: TestInput): Promise<ProbeResultView> {
    const entry = input.cameraId !== undefined ? this.deps.manager.get(input.cameraId) : undefined;
    if (input.cameraId !== undefined && !entry) throw new AppError('NOT_FOUND', `no camera "${input.cameraId}"`);
    if (entry?.source === 'demo') {
      throw new AppError('CONFLICT', 'the demo camera plays a clip from disk: there is no connection to test');
    }
    const ffmpeg = this.deps.ffmpeg();
    if (!ffmpeg) throw new AppError('UNAVAILABLE', 'no usable ffmpeg: cameras cannot be reached');
    const base = entry?.camera ?? null;
    const candidate = {
      id: base?.id ?? 'test',
      name: 'test',
      gridCell: 'test',
      detectUrl: input.detectUrl ?? base?.detectUrl,
      username: input.username === undefined ? base?.username : (input.username ?? undefined),
      password: input.password === undefined ? base?.password : (input.password ?? undefined),
    };
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const parsed = CameraConfigSchema.safeParse(candidate);
    if (!parsed.success) {
      const message = toIssues(parsed.error)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ');
      return { ok: false, code: 'BAD_URL', message, elapsedMs: elapsed() };
    }
    const result = await probeStream(streamUrl(parsed.data), {
      ffmpegPath: ffmpeg.path,
      release: ffmpeg.release,
      timeoutMs: input.timeoutS * 1000,
    });
    this.log.info(
      { camera: input.cameraId ?? null, ok: result.ok, code: result.ok ? null : result.code },
      'connection tested',
    );
    if (!result.ok) return { ...result, elapsedMs: elapsed() };
    const preview = result.preview ? `data:image/jpeg;base64,${result.preview.toString('base64')}` : null;
    return { ...result, preview, elapsedMs: elapsed() };
  }
}
