import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createDispatcher } from '../../api/dispatch';
import { createHandlers } from '../../api/handlers';
import { toIssues } from '../../api/result';
import { ConfigError, loadConfig } from '../../config/load';
import { ConfigSchema, type Config } from '../../config/schema';
import { APP_VERSION } from '../../engine/app-info';
import { createEngine } from '../../engine/engine';
import { MEDIA_DIR } from '../../engine/evidence';
import { createLogger } from '../../log/logger';
import { startHttpShell } from '../../server/http-server';
import { startLanListener } from '../../server/lan-start';
import type { LanServer } from '../../server/lan-server';
import detectorWorkerPath from '../../vision/detector-worker?modulePath';
import { resolveDataDir } from '../data-dir';

interface ServeFlags {
  config?: string;
  host?: string;
  port?: string;
  data?: string;
  demo?: boolean;
  lan?: boolean;
  lanHost?: string;
  lanPort?: string;
}

/** Applies command-line overrides and validates them with the same schema as the file. */
export function applyOverrides(config: Config, flags: ServeFlags): Config {
  const server: Record<string, unknown> = { ...config.server };
  if (flags.host !== undefined) server['host'] = flags.host;
  if (flags.port !== undefined) server['port'] = /^\d+$/.test(flags.port) ? Number(flags.port) : flags.port;
  const lan: Record<string, unknown> = { ...config.server.lan };
  if (flags.lan) lan['enabled'] = true;
  if (flags.lanHost !== undefined) lan['host'] = flags.lanHost;
  if (flags.lanPort !== undefined) lan['port'] = /^\d+$/.test(flags.lanPort) ? Number(flags.lanPort) : flags.lanPort;
  server['lan'] = lan;
  const demo = flags.demo ? { ...config.demo, camera: true } : config.demo;
  const parsed = ConfigSchema.safeParse({ ...config, server, demo });
  if (!parsed.success) {
    const issues = toIssues(parsed.error).map((i) => ({
      ...i,
      path: i.path.replace(/^server\.lan\./, '--lan-').replace(/^server\./, '--'),
    }));
    throw new ConfigError('the command line', issues);
  }
  return parsed.data;
}

export async function serve(flags: ServeFlags): Promise<void> {
  // Validate everything before anything is written.
  const config = applyOverrides(await loadConfig(flags.config), flags);
  const dataDir = resolveDataDir(flags.data);
  mkdirSync(dataDir, { recursive: true });
  const log = await createLogger({
    level: config.log.level,
    dir: join(dataDir, 'logs'),
    fileSizeMb: config.log.fileSizeMb,
    keepFiles: config.log.keepFiles,
    stderr: true,
  });
  const engine = createEngine({ config, dataDir, shell: 'http', log, detectorWorkerPath });
  await engine.start();
  const shell = await startHttpShell({
    host: config.server.host,
    port: config.server.port,
    bodyLimitKb: config.server.bodyLimitKb,
    dispatch: createDispatcher(createHandlers(engine.services), log.logger),
    events: engine.events,
    logger: log.logger,
    staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    mediaDir: join(dataDir, MEDIA_DIR),
    live: (cameraId, viewer) => engine.services.openLive(cameraId, viewer),
    caCertificate: () => engine.services.inspectorSide().ca().pem,
  }).catch(async (error: unknown) => {
    await engine.stop();
    throw error;
  });
  const staticDir = fileURLToPath(new URL('../renderer', import.meta.url));
  let lan: LanServer | null = null;
  if (config.server.lan.enabled) {
    lan = await startLanListener({ engine, lan: config.server.lan, dataDir, staticDir, logger: log.logger }).catch(
      async (error: unknown) => {
        await shell.close();
        await engine.stop();
        throw error;
      },
    );
  }
  const lanLine = lan ? `Phones (LAN, HTTPS): ${lan.url}\nCA certificate SHA-256: ${lan.caFingerprint}\n` : '';
  process.stdout.write(
    `Anxun ${APP_VERSION} is running at ${shell.url}\n${lanLine}Data folder: ${dataDir}\nPress Ctrl+C to stop.\n`,
  );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.logger.info({ signal }, 'stopping');
    await lan?.close();
    await shell.close();
    await engine.stop();
    await log.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the engine and the HTTP/WebSocket shell (the web interface and the API)')
    .option('-c, --config <file>', 'configuration file (YAML or JSON)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1; a LAN address serves other machines)')
    .option('-p, --port <port>', 'port to listen on (default 8640; 0 picks a free one)')
    .option('--demo', 'add the demo camera: a real fire clip played in real time, looped, through the pipeline')
    .option('--lan', 'serve the inspectors’ phone page over HTTPS on the LAN (default port 8643)')
    .option('--lan-host <host>', 'address the LAN listener binds (default 0.0.0.0)')
    .option('--lan-port <port>', 'port of the LAN listener (default 8643; 0 picks a free one)')
    .option('-d, --data <dir>', 'data folder (default $ANXUN_DATA_DIR, $XDG_DATA_HOME/anxun or ~/.local/share/anxun)')
    .action(serve);
}
