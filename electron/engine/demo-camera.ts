/**
 * Where the demo camera's clip is: the configured file, or the flame-front clip shipped in fixtures/clips
 * (found by walking up from this module, as the models folder is).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO_CLIP = 'fixtures/clips/fire_front_fdv.mp4';

export function resolveDemoClip(configured: string | undefined, from: string = import.meta.url): string | null {
  if (configured) return resolve(configured);
  let dir = dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, DEMO_CLIP);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}
