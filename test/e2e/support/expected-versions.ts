/** Versions computed independently of the app, to check what the status screen shows. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './server';

/** The `X` of the `ffmpeg version X ...` line that the binary prints for `-version`. */
export function ffmpegVersionOf(binary: string): string {
  const output = execFileSync(binary, ['-version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /^ffmpeg version (\S+)/m.exec(output);
  if (!match?.[1]) throw new Error(`no "ffmpeg version" line in the output of ${binary} -version`);
  return match[1];
}

/** The version of the installed onnxruntime-node package. */
export function installedOnnxRuntimeVersion(): string {
  const manifest: unknown = JSON.parse(
    readFileSync(join(REPO_ROOT, 'node_modules/onnxruntime-node/package.json'), 'utf8'),
  );
  const version: unknown = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'version') : null;
  if (typeof version !== 'string') throw new Error('node_modules/onnxruntime-node/package.json has no version');
  return version;
}
