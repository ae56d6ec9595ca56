import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** The detector worker as the build emits it (out/main/chunks/detector-worker-<hash>.js). */
export function builtDetectorWorker(): string {
  const dir = join(ROOT, 'out/main/chunks');
  const file = existsSync(dir) ? readdirSync(dir).find((f) => /^detector-worker-[\w-]+\.js$/.test(f)) : undefined;
  if (!file) throw new Error('the detector worker is not built: run `npm run build` first');
  return join(dir, file);
}
