/**
 * Throughput of the pure incident core (scripts/bench/pipeline.ts): synthetic detector frames of several
 * cameras, each with a few people walking slowly through a restricted zone over the whole picture, fed to
 * stepIncidentCore (masks → tracker → confirmation → zone rules → correlator); and alert events fed to
 * stepCorrelator alone. No I/O: the figures are the CPU cost of the domain code on this machine.
 */
import type { CameraPlace, CorrelatorInput } from '../../electron/domain/correlator';
import { CorrelatorConfigSchema, initialCorrelator, stepCorrelator } from '../../electron/domain/correlator';
import {
  IncidentCoreConfigSchema,
  initialIncidentCore,
  stepIncidentCore,
  type IncidentCoreState,
} from '../../electron/domain/incident-core';
import type { SeenBox } from '../../electron/domain/incident-types';

export interface CoreThroughput {
  cameras: number;
  boxesPerFrame: number;
  frames: number;
  detections: number;
  seconds: number;
  incidentsOpened: number;
}

const WHOLE = [
  { x: 0, y: 0 },
  { x: 1, y: 0 },
  { x: 1, y: 1 },
  { x: 0, y: 1 },
];

function boxesAt(frame: number, camera: number, count: number): SeenBox[] {
  return Array.from({ length: count }, (_, i) => {
    // people spread over the picture, each drifting a little every frame (tracks stay matched)
    const x = ((i + 0.5) / count + 0.002 * ((frame + camera) % 50)) % 0.9;
    const y = 0.2 + 0.05 * (i % 3);
    return {
      label: 'person',
      score: 0.8 + 0.1 * ((frame + i) % 2),
      box: { x1: x, y1: y, x2: x + 0.08, y2: y + 0.4 },
      modelId: 'bench',
    };
  });
}

export function coreThroughput(cameras: number, boxesPerFrame: number, seconds: number): CoreThroughput {
  const ids = Array.from({ length: cameras }, (_, i) => `cam-${i + 1}`);
  const config = IncidentCoreConfigSchema.parse({
    zones: Object.fromEntries(
      ids.map((id) => [id, [{ id: 'no-entry', name: 'zone', kind: 'restricted', minDwellS: 1, polygon: WHOLE }]]),
    ),
  });
  const places = new Map<string, CameraPlace>(ids.map((id, i) => [id, { gridCell: `cell-${i % 3}` }]));
  const local = { weekday: 3, minuteOfDay: 600 };
  let state: IncidentCoreState = initialIncidentCore();
  let now = Date.UTC(2026, 0, 1);
  let frames = 0;
  let opened = 0;
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();
  while (performance.now() < deadline) {
    for (let round = 0; round < 10; round++) {
      // 2 fps per camera: each camera's frame half a second after its previous one
      now += 500 / cameras;
      const camera = frames % cameras;
      const observation = { cameraId: ids[camera] ?? '', at: now, boxes: boxesAt(frames, camera, boxesPerFrame) };
      const r = stepIncidentCore(state, { type: 'frame', observation, local }, now, config, places);
      state = r.state;
      opened += r.effects.filter((e) => e.type === 'incident-opened').length;
      frames += 1;
      if (frames % (cameras * 2) === 0) state = stepIncidentCore(state, { type: 'tick' }, now, config, places).state;
    }
  }
  const elapsed = (performance.now() - t0) / 1000;
  return {
    cameras,
    boxesPerFrame,
    frames,
    detections: frames * boxesPerFrame,
    seconds: elapsed,
    incidentsOpened: opened,
  };
}

/** Alert events per second through stepCorrelator alone: alerts raised, updated every step, ended, over cameras. */
export function correlatorThroughput(cameras: number, seconds: number): { events: number; seconds: number } {
  const config = CorrelatorConfigSchema.parse({});
  const places = new Map<string, CameraPlace>(
    Array.from({ length: cameras }, (_, i) => [`cam-${i + 1}`, { gridCell: `cell-${i % 3}` }]),
  );
  let state = initialCorrelator();
  let now = Date.UTC(2026, 0, 1);
  let events = 0;
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();
  while (performance.now() < deadline) {
    for (let round = 0; round < 10; round++) {
      now += 100;
      const n = events;
      const camera = n % cameras;
      const alert = Math.floor(n / 40) * cameras + camera;
      const phase = n % 40 < cameras ? 'raised' : n % 40 >= 40 - cameras ? 'ended' : 'updated';
      const input: CorrelatorInput = {
        type: 'alert',
        phase,
        alertId: `a-${alert}`,
        kind: 'intrusion',
        cameraId: `cam-${camera + 1}`,
        peak: { score: 0.7, at: now },
      };
      state = stepCorrelator(state, input, now, config, places).state;
      if (n % 50 === 0) state = stepCorrelator(state, { type: 'tick' }, now, config, places).state;
      events += 1;
    }
  }
  return { events, seconds: (performance.now() - t0) / 1000 };
}
