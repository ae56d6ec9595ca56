import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The CLI's data folder, first match wins:
 *   --data DIR  →  $ANXUN_DATA_DIR  →  $XDG_DATA_HOME/anxun  →  ~/.local/share/anxun
 * (The desktop app uses Electron's userData folder instead.)
 */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env['ANXUN_DATA_DIR']) return resolve(env['ANXUN_DATA_DIR']);
  if (env['XDG_DATA_HOME']) return join(resolve(env['XDG_DATA_HOME']), 'anxun');
  return join(homedir(), '.local', 'share', 'anxun');
}
