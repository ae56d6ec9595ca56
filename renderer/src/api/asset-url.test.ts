import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentShell, liveUrl, mediaUrl } from './asset-url';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('asset URLs', () => {
  it('are relative paths over HTTP', () => {
    expect(mediaUrl('cam1-20260101-abc.mp4', 'http')).toBe('/media/cam1-20260101-abc.mp4');
    expect(liveUrl('cam-1', 'http')).toBe('/live/cam-1.mjpg');
  });

  it('use the anxun:// scheme in the desktop window', () => {
    expect(mediaUrl('cam1-20260101-abc.jpg', 'electron')).toBe('anxun://media/cam1-20260101-abc.jpg');
    expect(liveUrl('cam_2', 'electron')).toBe('anxun://live/cam_2.mjpg');
  });

  it('encode the name so it stays one path segment', () => {
    expect(mediaUrl('../secret.txt', 'electron')).toBe('anxun://media/..%2Fsecret.txt');
    expect(mediaUrl('a b#c?.mp4', 'http')).toBe('/media/a%20b%23c%3F.mp4');
    expect(liveUrl('a/b', 'http')).toBe('/live/a%2Fb.mjpg');
  });

  it('tell the shell from the preload bridge', () => {
    expect(currentShell()).toBe('http');
    vi.stubGlobal('window', {});
    expect(currentShell()).toBe('http');
    expect(mediaUrl('x.mp4')).toBe('/media/x.mp4');
    vi.stubGlobal('window', { anxunBridge: { shell: 'electron', invoke: () => null, onPush: () => () => {} } });
    expect(currentShell()).toBe('electron');
    expect(mediaUrl('x.mp4')).toBe('anxun://media/x.mp4');
    expect(liveUrl('cam1')).toBe('anxun://live/cam1.mjpg');
  });
});
