import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRelease, parseVersionLine, resolveFfmpeg, toFfmpegInfo } from './ffmpeg';

const SYSTEM_FFMPEG = '/usr/bin/ffmpeg';

describe('ffmpeg version parsing', () => {
  it('reads Debian and static-build version lines', () => {
    expect(parseVersionLine('ffmpeg version 5.1.6-0+deb12u1 Copyright (c) 2000-2024')).toBe('5.1.6-0+deb12u1');
    expect(parseVersionLine('ffmpeg version N-47683-g0e8eb07980-static https://x')).toBe('N-47683-g0e8eb07980-static');
    expect(parseVersionLine('something else')).toBeNull();
    expect(parseRelease('5.1.6-0+deb12u1')).toEqual({ major: 5, minor: 1 });
    expect(parseRelease('n4.4.2')).toEqual({ major: 4, minor: 4 });
    expect(parseRelease('N-47683-g0e8eb07980-static')).toBeNull();
  });
});

describe('ffmpeg resolution order (real binaries)', () => {
  it('uses the npm-packaged build when nothing else is there', async () => {
    const r = await resolveFfmpeg({ pathEnv: '' });
    expect(r.binary?.source).toBe('bundled');
    expect(r.binary?.path).toMatch(/@ffmpeg-installer/);
    // the packaged static build is cut from the 4.1 release
    expect(r.binary?.release).toEqual({ major: 4, minor: 1 });
    expect(r.problems).toContain('no ffmpeg on PATH');
  });

  it.runIf(existsSync(SYSTEM_FFMPEG))('prefers ffmpeg on PATH over the packaged build', async () => {
    const r = await resolveFfmpeg({ pathEnv: '/nonexistent:/usr/bin' });
    expect(r.binary).toMatchObject({ source: 'path', path: SYSTEM_FFMPEG });
    expect(r.binary?.version).toMatch(/^\d+\.\d+/);
  });

  it('prefers the configured path over everything', async () => {
    const packaged = (await resolveFfmpeg({ pathEnv: '' })).binary?.path ?? '';
    const r = await resolveFfmpeg({ configuredPath: packaged, pathEnv: '/usr/bin' });
    expect(r.binary).toMatchObject({ source: 'config', path: packaged });
  });

  it('falls back, and says why, when the configured path is missing or not ffmpeg', async () => {
    for (const bad of ['/nonexistent/ffmpeg', '/bin/true']) {
      const r = await resolveFfmpeg({ configuredPath: bad, pathEnv: '' });
      expect(r.binary?.source).toBe('bundled');
      const info = toFfmpegInfo(r);
      expect(info.available).toBe(true);
      expect(info.error).toContain(bad);
    }
  });

  it('reports unavailable with the reasons when no candidate works', async () => {
    const r = await resolveFfmpeg({ configuredPath: '/nonexistent/ffmpeg', pathEnv: '', allowBundled: false });
    expect(r.binary).toBeNull();
    const info = toFfmpegInfo(r);
    expect(info).toMatchObject({ available: false, source: null, path: null, version: null });
    expect(info.error).toMatch(/nonexistent.*no ffmpeg on PATH|no ffmpeg on PATH.*nonexistent/);
  });
});
