/**
 * From a fire on a camera to an incident, with real parts (issue: detections to incidents): the local RTSP server
 * streams a real CCTV fire clip (fixtures/clips/fire_cctv_fire8.mp4), the built `anxun analyze` runs ingest, the
 * shipped fire/smoke model, confirmation and the correlator, and reports one fire incident whose clip plays and
 * whose peak box lies on the fire; a clip without fire streamed for three minutes gives no incident at all.
 *
 * The fire clip's frames are among those the shipped baseline model was trained on (fixtures/clips/README.md):
 * this tests the pipeline, not how well the model generalises.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anxun, requireBuiltCli, jsonLines, type JsonLine } from '../support/cli';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';

/** The fire in the clip, from fire-8's labels (relative to the picture), while it burns (0–22 s). */
const FIRE = { x1: 0.58, y1: 0.48, x2: 0.8, y2: 1.0 };
const CONFIG = 'recording: { segmentS: 2, clipPreS: 3, clipPostS: 3 }\n';

interface Summary extends JsonLine {
  incidents: { id: string; kind: string; evidence: { kind: string; file: string }[] }[];
  tasks: { category: string; incidentId: string; state: string }[];
}

function ffprobe(file: string): Promise<{ duration: number; frames: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      'ffprobe',
      [
        ...['-v', 'error', '-count_frames', '-select_streams', 'v:0'],
        ...['-show_entries', 'format=duration:stream=nb_read_frames', '-of', 'json', file],
      ],
      { encoding: 'utf8' },
      (error, stdout) => {
        if (error) return reject(new Error(error.message));
        const parsed = JSON.parse(stdout) as { format: { duration: string }; streams: { nb_read_frames: string }[] };
        resolve({ duration: Number(parsed.format.duration), frames: Number(parsed.streams[0]?.nb_read_frames ?? 0) });
      },
    );
  });
}

function overlap(a: typeof FIRE, b: typeof FIRE): number {
  const w = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const h = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const inter = w * h;
  const area = (r: typeof FIRE) => (r.x2 - r.x1) * (r.y2 - r.y1);
  return inter / (area(a) + area(b) - inter);
}

describe.runIf(canServeRtsp())('a fire on a camera becomes one incident (real RTSP camera, model, SQLite)', () => {
  let dir: string;
  let config: string;
  let fire: RtspServer;
  let quiet: RtspServer;

  beforeAll(async () => {
    requireBuiltCli();
    dir = mkdtempSync(join(tmpdir(), 'anxun-fire-test-'));
    config = join(dir, 'analyze.yaml');
    writeFileSync(config, CONFIG);
    fire = await startRtspServer({ clip: 'fire_cctv_fire8.mp4' });
    quiet = await startRtspServer({ clip: 'room_enter_leave_intel.mp4' });
  });

  afterAll(async () => {
    await Promise.all([fire?.stop(), quiet?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports one fire incident with a playable clip, a snapshot and a peak box on the fire', async () => {
    const data = join(dir, 'fire');
    const r = await anxun([
      'analyze',
      '--source',
      fire.url(),
      '--duration',
      '20',
      '--config',
      config,
      '--data',
      data,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = jsonLines(r.stdout);
    const raised = out.filter((l) => l.type === 'alert' && l['phase'] === 'raised');
    expect(raised.map((l) => l['kind'])).toEqual(['fire']);
    // the still fire was followed on whole frames between the motion gate's full scans
    const source = (out.at(-1) as { sources?: { pipeline: { followed: number } }[] }).sources?.[0];
    expect(source?.pipeline.followed).toBeGreaterThan(0);
    expect(out.filter((l) => l.type === 'incident' && l['change'] === 'opened')).toHaveLength(1);

    const summary = out.at(-1) as Summary;
    expect(summary.type).toBe('summary');
    expect(summary.incidents).toHaveLength(1);
    const incident = summary.incidents[0];
    expect(incident?.kind).toBe('fire');
    // fire is dispatched automatically: one task for the incident
    expect(summary.tasks).toEqual([expect.objectContaining({ category: 'fire', incidentId: incident?.id })]);

    const clip = incident?.evidence.find((e) => e.kind === 'clip');
    const snapshot = incident?.evidence.find((e) => e.kind === 'snapshot');
    expect(clip && existsSync(clip.file)).toBe(true);
    expect(snapshot && existsSync(snapshot.file)).toBe(true);
    const played = await ffprobe(clip?.file ?? '');
    expect(played.duration).toBeGreaterThanOrEqual(4); // pre 3 s + post 3 s around the peak, cut at key frames
    expect(played.frames).toBeGreaterThan(10); // it decodes to the end
    expect([...readFileSync(snapshot?.file ?? '').subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);

    const db = new Database(join(data, 'anxun.db'), { readonly: true });
    try {
      const rows = db
        .prepare<[], { kind: string; peak_box: string | null }>('SELECT kind, peak_box FROM incident_alerts')
        .all();
      expect(rows.map((a) => a.kind)).toEqual(['fire']);
      const box = JSON.parse(rows[0]?.peak_box ?? 'null') as typeof FIRE;
      expect(overlap(box, FIRE)).toBeGreaterThan(0.4);
    } finally {
      db.close();
    }
  }, 90_000);

  it('gives no incident at all for a room without fire streamed for three minutes', async () => {
    const r = await anxun(['analyze', '--source', quiet.url(), '--duration', '180', '--config', config, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = jsonLines(r.stdout);
    expect(out.filter((l) => l.type !== 'summary')).toEqual([]);
    const summary = out.at(-1) as Summary & { sources: { state: string; pipeline: { frames: number } }[] };
    expect(summary).toMatchObject({ type: 'summary', incidents: [], tasks: [] });
    expect(summary.sources[0]?.state).toBe('streaming');
    expect(summary.sources[0]?.pipeline.frames).toBeGreaterThan(300); // 2 fps for three minutes, the model run on them
  }, 240_000);
});
