/**
 * `anxun analyze` as a technician runs it (the built command): a real clip played as a camera through ingest,
 * the real person model, a restricted zone and the incident core, with evidence kept in the data folder; a real
 * RTSP camera whose password never shows; a clip without people that gives nothing; bad sources refused.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';
import { anxun, requireBuiltCli, ROOT, jsonLines, type JsonLine } from '../support/cli';

const PASSWORD = 'An4lyze-pw!';
const CONFIG = `
recording: { segmentS: 2, clipPreS: 2, clipPostS: 2 }
detection: { models: [yolox_nano_coco_416] }
incidents:
  zones:
    src-1:
      - id: no-entry
        name: 禁入区
        kind: restricted
        minDwellS: 1
        polygon: [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }]
`;

describe.runIf(canServeRtsp())('anxun analyze (built command, real clips, model and RTSP camera)', () => {
  let dir: string;
  let config: string;
  let server: RtspServer;

  beforeAll(async () => {
    requireBuiltCli();
    dir = mkdtempSync(join(tmpdir(), 'anxun-analyze-test-'));
    config = join(dir, 'analyze.yaml');
    writeFileSync(config, CONFIG);
    server = await startRtspServer({ clip: 'corridor_walk_intel.mp4', user: 'admin', password: PASSWORD });
  });

  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports an intrusion incident with a clip and a snapshot for people walking into a restricted zone', async () => {
    const data = join(dir, 'data');
    const clip = join(ROOT, 'fixtures/clips/corridor_walk_intel.mp4');
    const r = await anxun([
      'analyze',
      '--source',
      clip,
      '--duration',
      '8',
      '--config',
      config,
      '--data',
      data,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = jsonLines(r.stdout);
    expect(out.some((l) => l.type === 'alert' && l['phase'] === 'raised' && l['kind'] === 'intrusion')).toBe(true);
    expect(out.some((l) => l.type === 'incident' && l['change'] === 'opened')).toBe(true);
    // intrusions wait for an operator by default: one task, reported, then the incident's evidence attached to it
    const taskLines = out.filter((l) => l.type === 'task');
    expect(taskLines[0]).toMatchObject({ change: 'created', state: 'reported', number: 1 });
    expect(taskLines.slice(1).every((l) => l['change'] === 'evidence' && l['number'] === 1)).toBe(true);
    const summary = out.at(-1) as JsonLine & {
      sources: { id: string; state: string; pipeline: { frames: number } }[];
      incidents: { id: string; kind: string; evidence: { kind: string; file: string }[] }[];
      tasks: { category: string; incidentId: string; state: string }[];
    };
    expect(summary.type).toBe('summary');
    expect(summary.sources[0]).toMatchObject({ id: 'src-1', state: 'streaming' });
    expect(summary.sources[0]?.pipeline.frames).toBeGreaterThan(5);
    expect(summary.incidents).toHaveLength(1);
    expect(summary.incidents[0]?.kind).toBe('intrusion');
    const kinds = summary.incidents[0]?.evidence.map((e) => e.kind).sort();
    expect(kinds).toEqual(['clip', 'snapshot']);
    for (const e of summary.incidents[0]?.evidence ?? []) expect(existsSync(e.file)).toBe(true);
    expect(summary.tasks).toEqual([
      expect.objectContaining({ category: 'intrusion', state: 'reported', incidentId: summary.incidents[0]?.id }),
    ]);
  }, 60_000);

  it('gives no incident for a still room without people', async () => {
    const clip = join(ROOT, 'fixtures/clips/static_room_noise_intel.mp4');
    const r = await anxun(['analyze', '--source', clip, '--duration', '6', '--config', config, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = jsonLines(r.stdout);
    expect(out.filter((l) => l.type !== 'summary')).toEqual([]);
    expect(out.at(-1)).toMatchObject({ type: 'summary', incidents: [] });
  }, 60_000);

  it('reads a real RTSP camera and never prints its password', async () => {
    const url = `rtsp://admin:${encodeURIComponent(PASSWORD)}@127.0.0.1:${server.port}${server.mount}`;
    const r = await anxun(['analyze', '--source', url, '--duration', '5', '--config', config, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    expect(r.stdout + r.stderr).not.toContain(encodeURIComponent(PASSWORD));
    const summary = jsonLines(r.stdout).at(-1) as JsonLine & { sources: { source: string; state: string }[] };
    expect(summary.sources[0]?.source).toBe(`rtsp://admin:***@127.0.0.1:${server.port}${server.mount}`);
    expect(summary.sources[0]?.state).toBe('streaming');
  }, 60_000);

  it('refuses a missing file and a malformed URL with a clear message', async () => {
    const missing = await anxun(['analyze', '--source', join(dir, 'nope.mp4'), '--duration', '1']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no such file/);
    const bad = await anxun(['analyze', '--source', `rtsp://admin:${PASSWORD}@`, '--duration', '1']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/source 1/);
    expect(bad.stderr).not.toContain(PASSWORD);
  }, 30_000);
});
