/**
 * Where the demo camera's clip is: the configured file, or the CCTV fire clip shipped in fixtures/clips (found by
 * walking up from this module, as the models folder is). The shipped fire/smoke model sees its fire, so the demo
 * shows the whole job: a fire incident with its evidence and a patrol task.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO_CLIP = 'fixtures/clips/fire_cctv_fire8.mp4';

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
