/** Starts the LAN listener over a running engine's inspector side (shared by `anxun serve` and the desktop). */
import type { LanConfig } from '../config/inspectors-schema';
import type { Engine } from '../engine/engine';
import type { Logger } from '../log/logger';
import { startLanServer, type LanServer } from './lan-server';
import type { PairThrottle } from './pair-throttle';

export function startLanListener(options: {
  engine: Engine;
  lan: LanConfig;
  dataDir: string;
  staticDir: string | null;
  logger: Logger;
  throttle?: PairThrottle;
}): Promise<LanServer> {
  const side = options.engine.services.inspectorSide();
  return startLanServer({
    host: options.lan.host,
    port: options.lan.port,
    dataDir: options.dataDir,
    staticDir: options.staticDir,
    mediaDir: side.mediaDir,
    inspectors: side.inspectors,
    me: side.me,
    uploads: side.uploads,
    repo: side.repo,
    events: options.engine.events,
    assignees: (id) => side.assignees(id),
    ownTasks: (id) => side.ownTasks(id),
    logger: options.logger,
    ...(options.throttle ? { throttle: options.throttle } : {}),
  });
}
