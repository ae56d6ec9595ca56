/**
 * The one module that knows where ffmpeg is and which version it is. Every other part of Anxun that runs
 * ffmpeg asks this module for the binary. Resolution order (documented in the README):
 *   1. the configured path (`ffmpeg.path`), when it runs;
 *   2. `ffmpeg` on PATH;
 *   3. the static build carried by the npm package `@ffmpeg-installer/ffmpeg`.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import type { FfmpegInfo } from '../api/contract';
import { redactText } from '../log/redact';

export type FfmpegSource = NonNullable<FfmpegInfo['source']>;

export interface FfmpegBinary {
  source: FfmpegSource;
  path: string;
  /** As printed by `ffmpeg -version`, e.g. "5.1.6-0+deb12u1" or "N-47683-g0e8eb07980-static". */
  version: string;
  /** Release number when known ("5.1"); static snapshot builds report the release they were cut from. */
  release: { major: number; minor: number } | null;
}

export interface FfmpegResolution {
  binary: FfmpegBinary | null;
  /** Why a candidate earlier in the order was not used, or why none was found. */
  problems: string[];
}

const VERSION_LINE = /^ffmpeg version (\S+)/;

export function parseVersionLine(output: string): string | null {
  return VERSION_LINE.exec(output.trimStart())?.[1] ?? null;
}

export function parseRelease(version: string): { major: number; minor: number } | null {
  const m = /^n?(\d+)\.(\d+)/.exec(version);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

function runVersion(path: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(path, ['-hide_banner', '-version'], { timeout: timeoutMs, windowsHide: true }, (error, stdout) => {
      if (error) return reject(new Error(error.message, { cause: error }));
      const version = parseVersionLine(stdout);
      if (!version) return reject(new Error('not an ffmpeg binary (no "ffmpeg version" line)'));
      resolve(version);
    });
  });
}

export function findOnPath(name: string, pathEnv: string | undefined): string | null {
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function bundledCandidate(): { path: string; release: string | null } | null {
  try {
    const require = createRequire(import.meta.url);
    const installer = require('@ffmpeg-installer/ffmpeg') as { path: string };
    // The platform package's own version is the ffmpeg release its static build was cut from (4.1.0).
    const platformPkg = require(`@ffmpeg-installer/${process.platform}-${process.arch}/package.json`) as {
      version?: string;
    };
    return { path: installer.path, release: platformPkg.version ?? null };
  } catch {
    return null;
  }
}

export interface ResolveOptions {
  configuredPath?: string | undefined;
  pathEnv?: string | undefined;
  /** Whether to consider the npm-packaged build (tests turn it off to check the order). */
  allowBundled?: boolean;
  timeoutMs?: number;
}

export async function resolveFfmpeg(options: ResolveOptions = {}): Promise<FfmpegResolution> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const problems: string[] = [];
  const candidates: { source: FfmpegSource; path: string; release?: string | null }[] = [];
  if (options.configuredPath) candidates.push({ source: 'config', path: options.configuredPath });
  const onPath = findOnPath(
    process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg',
    options.pathEnv ?? process.env['PATH'],
  );
  if (onPath) candidates.push({ source: 'path', path: onPath });
  else problems.push('no ffmpeg on PATH');
  if (options.allowBundled ?? true) {
    const bundled = bundledCandidate();
    if (bundled) candidates.push({ source: 'bundled', ...bundled });
    else problems.push('the @ffmpeg-installer/ffmpeg package is not installed for this platform');
  }
  for (const c of candidates) {
    try {
      const version = await runVersion(c.path, timeoutMs);
      const release = parseRelease(version) ?? (c.release ? parseRelease(c.release) : null);
      return { binary: { source: c.source, path: c.path, version, release }, problems };
    } catch (error) {
      problems.push(`${c.source} ffmpeg ${c.path} is not usable: ${redactText((error as Error).message)}`);
    }
  }
  return { binary: null, problems };
}

export function toFfmpegInfo(resolution: FfmpegResolution): FfmpegInfo {
  const b = resolution.binary;
  const configuredFailed = resolution.problems.filter((p) => p.startsWith('config '));
  return {
    available: b !== null,
    source: b?.source ?? null,
    path: b?.path ?? null,
    version: b?.version ?? null,
    error: b === null ? resolution.problems.join('; ') || 'ffmpeg not found' : configuredFailed.join('; ') || null,
  };
}
