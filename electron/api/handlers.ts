/** The contract's requests mapped onto engine services. Inputs arrive already parsed by the dispatcher. */
import type { Channel, ParsedInput, RequestOutput } from './contract';
import type { EngineServices } from '../engine/engine';
import { deskCall } from '../engine/inspectors-errors';

export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<RequestOutput<C>> | RequestOutput<C> };

export function createHandlers(services: EngineServices): Handlers {
  return {
    'system:status': () => services.systemStatus(),
    'preferences:get': () => services.getPreferences(),
    'preferences:update': (input) => services.updatePreferences(input),
    'cameras:list': () => ({ cameras: services.cameras() }),
    'cameras:create': (input) => services.createCamera(input),
    'cameras:update': (input) => services.updateCamera(input.id, input.changes),
    'cameras:delete': async (input) => {
      await services.deleteCamera(input.id);
      return { id: input.id };
    },
    'cameras:test': (input) => services.testCamera(input),
    'recordings:clip': (input) => services.clip(input),
    'incidents:list': ({ limit, ...filter }) => services.incidentReviews().queue(filter, limit),
    'incidents:get': (input) => services.incidentReviews().get(input.id),
    'incidents:review': (input) => services.incidentReviews().review(input),
    'recordings:snapshot': (input) => services.snapshot(input),
    'models:list': () => ({ models: services.models() }),
    'logs:recent': (input) => ({ entries: services.recentLogs(input.limit, input.minLevel) }),
    'tasks:list': (input) => services.tasks().list(input.filter, input.limit, input.after),
    'tasks:get': (input) => services.tasks().get(input.id),
    'tasks:create': (input) => services.tasks().create(input),
    'tasks:transition': (input) => services.tasks().transition(input),
    'grid:get': () => services.grid(),
    'grid:import': (input) => services.importGrid(input),
    'grid:export': (input) => services.exportGrid(input),
    'reports:get': (input) => services.report(input),
    'reports:csv': (input) => services.reportCsv(input),
    'zones:get': (input) => services.zones().get(input.cameraId),
    'zones:save': (input) => services.zones().save(input),
    'inspectors:list': () => services.inspectorSide().inspectors.list(),
    'inspectors:pair': (input) => deskCall(() => services.inspectorSide().inspectors.pair(input.inspectorId)),
    'inspectors:devices': (input) => deskCall(() => services.inspectorSide().inspectors.devices(input.inspectorId)),
    'inspectors:revoke': (input) => deskCall(() => services.inspectorSide().inspectors.revoke(input.deviceId)),
    'inspectors:set-active': (input) =>
      deskCall(() => services.inspectorSide().inspectors.setActive(input.inspectorId, input.active)),
    'inspectors:ca': () => services.inspectorSide().ca(),
    'dataset:export': (input) => services.exportDataset(input),
    'tuning:get': (input) => services.tuning().get(input),
    'tuning:apply': (input) => services.tuning().apply(input),
    'tuning:history': (input) => services.tuning().history(input.cameraId, input.limit),
  };
}
