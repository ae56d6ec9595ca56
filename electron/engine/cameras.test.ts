import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { CameraConfigSchema } from '../config/camera-schema';
import { CameraManager } from './cameras';

const camera = (id: string, gridCell: string) =>
  CameraConfigSchema.parse({ id, name: id, gridCell, detectUrl: 'rtsp://127.0.0.1:9/x', enabled: false });

describe('CameraManager places (no ffmpeg: settings only)', () => {
  it('keeps the places between changes and renews them when a camera is set or removed', async () => {
    const manager = new CameraManager({ ffmpeg: null, logger: pino({ level: 'silent' }) });
    await manager.set({ source: 'stored', camera: camera('a', 'dc-01') });
    const first = manager.places();
    expect(manager.places()).toBe(first); // not rebuilt for every frame
    expect(first.get('a')).toEqual({ gridCell: 'dc-01', position: null });

    await manager.set({ source: 'stored', camera: camera('a', 'dc-02') });
    expect(manager.places().get('a')?.gridCell).toBe('dc-02');
    await manager.set({ source: 'stored', camera: { ...camera('b', 'dc-03'), position: { lat: 30, lon: 120 } } });
    expect(manager.places().get('b')).toEqual({ gridCell: 'dc-03', position: { lat: 30, lon: 120 } });
    await manager.remove('a');
    expect([...manager.places().keys()]).toEqual(['b']);
  });
});
