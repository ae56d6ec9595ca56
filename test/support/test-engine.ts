import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher, type Dispatch } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/api/handlers';
import { defaultConfig, type Config } from '../../electron/config/schema';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { createLogger, type LogHandle } from '../../electron/log/logger';

export interface TestEngine {
  engine: Engine;
  dispatch: Dispatch;
  log: LogHandle;
  dataDir: string;
  config: Config;
  close(): Promise<void>;
}

/**
 * A real engine on a real SQLite file in a fresh temporary data folder (removed on close), or in `dataDir` when
 * given (kept, so that a second engine can open it again).
 */
export async function startTestEngine(
  config: Config = defaultConfig(),
  detectorWorkerPath: string | null = null,
  options: { dataDir?: string } = {},
): Promise<TestEngine> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'anxun-test-'));
  const log = await createLogger({
    level: 'info',
    dir: join(dataDir, 'logs'),
    fileSizeMb: 1,
    keepFiles: 2,
    stderr: false,
  });
  const engine = createEngine({ config, dataDir, shell: 'http', log, detectorWorkerPath });
  await engine.start();
  const dispatch = createDispatcher(createHandlers(engine.services), log.logger);
  return {
    engine,
    dispatch,
    log,
    dataDir,
    config,
    close: async () => {
      await engine.stop();
      await log.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
