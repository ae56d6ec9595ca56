import type { Migration } from '../migrate';
import { m001Preferences } from './001-preferences';
import { m002Cameras } from './002-cameras';
import { m003Incidents } from './003-incidents';
import { m004GridTasks } from './004-grid-tasks';
import { m005IncidentReviews } from './005-incident-reviews';
import { m006CameraZones } from './006-camera-zones';
import { m007InspectorDevices } from './007-inspector-devices';
import { m008ThresholdTuning } from './008-threshold-tuning';

/** Every migration, in order. Append new ones; never edit or reorder one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  m001Preferences,
  m002Cameras,
  m003Incidents,
  m004GridTasks,
  m005IncidentReviews,
  m006CameraZones,
  m007InspectorDevices,
  m008ThresholdTuning,
];
